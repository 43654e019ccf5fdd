package io.puppetplane.lang.functions;

import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.Sensitive;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
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
        // Puppet infers Tuple and Struct for non-empty literal collections and names them so in mismatches.
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "Array" : "Tuple";
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "Hash" : "Struct";
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
        if (value instanceof Timestamp) {
            return "Timestamp";
        }
        if (value instanceof Timespan) {
            return "Timespan";
        }
        return value.getClass().getSimpleName();
    }
}
