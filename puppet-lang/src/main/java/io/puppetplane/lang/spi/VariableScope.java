package io.puppetplane.lang.spi;

/**
 * Read access to Puppet variables, as seen from the place where Hiera interpolation, an ERB template or a
 * function runs. Implemented by the evaluator (compiler-core); used by Hiera and ERB.
 *
 * <p>Names are passed exactly as written by the user, without the leading {@code $}: {@code "facts"},
 * {@code "role"}, {@code "::role"} (top scope), {@code "ntp::servers"} (qualified). Values follow the
 * puppet-lang value model (String, Long, Double, Boolean, null for undef, List, LinkedHashMap, ...).
 */
public interface VariableScope {

    /** The value of the variable, or {@code null} when it is undef or not defined. */
    Object lookupVariable(String name);

    /** Whether the variable is defined (a variable set to undef is defined). Missing names answer false. */
    boolean isDefined(String name);

    /**
     * Whether reading a variable that is not defined through {@code scope['x']}/{@code scope.lookupvar} fails, as in
     * Puppet 8 ({@code strict_variables}); Puppet 7 answers undef.
     */
    default boolean strictVariables() {
        return false;
    }

    /**
     * Calls a Puppet function from where this scope is (a template's {@code scope.function_NAME([...])} or
     * {@code scope.call_function(...)}). Scopes that cannot call functions refuse.
     *
     * @throws UnsupportedOperationException when this scope has no compiler to call into
     */
    default Object callFunction(String name, java.util.List<Object> args) {
        throw new UnsupportedOperationException("calling the Puppet function '" + name + "' from here");
    }

        /** The names of the variables visible here (unqualified); none when the scope cannot list them. */
    default java.util.List<String> variableNames() {
        return java.util.List.of();
    }

        /** A scope where no variable is defined. */
    VariableScope EMPTY = new VariableScope() {
        @Override
        public Object lookupVariable(String name) {
            return null;
        }

        @Override
        public boolean isDefined(String name) {
            return false;
        }
    };
}
