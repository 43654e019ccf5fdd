package io.puppetplane.lang.functions;

import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.Sensitive;
import java.util.List;
import java.util.Map;

/** The short Puppet type names used in argument errors ("got Integer"). */
public final class PuppetTypeName {

    private PuppetTypeName() {
    }

    /** The generalized Puppet type of a value of the value model, as Puppet names it in mismatch errors. */
    public static String of(Object value) {
        if (value == null) {
            return "Undef";
        }
        if (value instanceof String) {
            return "String";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "Integer";
        }
        if (value instanceof Double) {
            return "Float";
        }
        if (value instanceof Boolean) {
            return "Boolean";
        }
        if (value instanceof List<?>) {
            return "Array";
        }
        if (value instanceof Map<?, ?>) {
            return "Hash";
        }
        if (value instanceof RegexpValue) {
            return "Regexp";
        }
        if (value instanceof Default) {
            return "Default";
        }
        if (value instanceof Sensitive) {
            return "Sensitive";
        }
        return value.getClass().getSimpleName();
    }
}
