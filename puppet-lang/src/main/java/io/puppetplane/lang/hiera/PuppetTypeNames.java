package io.puppetplane.lang.hiera;

import java.util.List;
import java.util.Map;

/** The short Puppet type names used in error messages ("got Integer"). */
final class PuppetTypeNames {

    private PuppetTypeNames() {
    }

    static String of(Object value) {
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
        return value.getClass().getSimpleName();
    }
}
