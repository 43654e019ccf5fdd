package io.puppetplane.lang.functions;

import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.types.Types;
import java.util.List;
import java.util.Map;

/** Argument checks that fail with Puppet's wording for a function's signature. */
final class Args {

    private final String function;
    private final List<Object> values;

    private Args(String function, List<Object> values) {
        this.function = function;
        this.values = values;
    }

    /** Checks the argument count: "'f' expects 2 arguments, got 1", "'f' expects between 1 and 2 arguments, got 3". */
    static Args of(String function, List<Object> values, int min, int max) {
        int n = values.size();
        if (n < min || n > max) {
            String expected;
            if (min == max) {
                expected = min + (min == 1 ? " argument" : " arguments");
            } else if (max == Integer.MAX_VALUE) {
                expected = "at least " + min + (min == 1 ? " argument" : " arguments");
            } else {
                expected = "between " + min + " and " + max + " arguments";
            }
            throw new FunctionError("'" + function + "' expects " + expected + ", got " + n);
        }
        return new Args(function, values);
    }

    int size() {
        return values.size();
    }

    boolean has(int index) {
        return index < values.size();
    }

    Object get(int index) {
        return values.get(index);
    }

    List<Object> all() {
        return values;
    }

    String string(int index, String param) {
        Object v = values.get(index);
        if (v instanceof String s) {
            return s;
        }
        throw mismatch(param, "a String value", v);
    }

    long integer(int index, String param) {
        Object v = values.get(index);
        if (v instanceof Long l) {
            return l;
        }
        throw mismatch(param, "an Integer value", v);
    }

    boolean bool(int index, String param) {
        Object v = values.get(index);
        if (v instanceof Boolean b) {
            return b;
        }
        throw mismatch(param, "a Boolean value", v);
    }

    @SuppressWarnings("unchecked")
    List<Object> array(int index, String param) {
        Object v = values.get(index);
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw mismatch(param, "an Array value", v);
    }

    @SuppressWarnings("unchecked")
    Map<Object, Object> hash(int index, String param) {
        Object v = values.get(index);
        if (v instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw mismatch(param, "a Hash value", v);
    }

    Number numeric(int index, String param) {
        Object v = values.get(index);
        if (v instanceof Long || v instanceof Double) {
            return (Number) v;
        }
        throw mismatch(param, "a Numeric value", v);
    }

    /** "'f' parameter 'p' expects a String value, got Integer". */
    FunctionError mismatch(String param, String expected, Object actual) {
        return new FunctionError("'" + function + "' parameter '" + param + "' expects " + expected + ", got "
                + Types.argumentTypeName(actual));
    }

    /** A free-form failure of this function. */
    FunctionError fail(String message) {
        return new FunctionError(message);
    }
}
