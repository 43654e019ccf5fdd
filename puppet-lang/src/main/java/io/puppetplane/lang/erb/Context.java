package io.puppetplane.lang.erb;

import io.puppetplane.lang.spi.VariableScope;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/** The state of one rendering: output, local variables, the scope. */
final class Context {

    /** The value of {@code scope} in a template. */
    static final Object SCOPE = new Object() {
        @Override
        public String toString() {
            return "Scope()";
        }
    };

    final StringBuilder out = new StringBuilder();
    final Map<String, Object> locals = new HashMap<>();
    final VariableScope scope;
    final String file;
    private final Map<Object, Boolean> owned = new IdentityHashMap<>();
    long steps;

    Context(VariableScope scope, String file) {
        this.scope = scope;
        this.file = file;
    }

    /** Marks a collection created by the template itself (only those may be modified). */
    <T> T own(T value) {
        owned.put(value, Boolean.TRUE);
        return value;
    }

    boolean owned(Object value) {
        return owned.containsKey(value);
    }

    /** A variable of the scope; one holding an object Ruby code stored there is left to Ruby's own ERB. */
    Object variable(int line, String name) {
        Object value = scope.lookupVariable(name);
        if (value instanceof io.puppetplane.lang.value.RubyOwned) {
            throw unsupported(line, "$" + name + " holds a Ruby object set by scope.setvar");
        }
        return value;
    }

    TemplateError unsupported(int line, String what) {
        return new TemplateError(file, line, "Unsupported Ruby in template " + file + " at line " + line + ": " + what);
    }

    TemplateError error(int line, String message) {
        return new TemplateError(file, line, message);
    }

    /** Bounds loops so that a template cannot hang the compiler. */
    void step(int line) {
        if (++steps > 1_000_000) {
            throw error(line, "Template evaluation exceeded 1000000 steps");
        }
    }
}
