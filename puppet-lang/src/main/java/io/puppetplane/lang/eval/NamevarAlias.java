package io.puppetplane.lang.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 'name' as another word for the namevar: Ruby Puppet's resource maps a 'name' attribute to the namevar of a type
 * with a single namevar called otherwise (File's path, Exec's command, a custom type's), so the catalog shows it
 * under the namevar's name, and the type's parameter check never sees 'name'.
 */
final class NamevarAlias {

    private NamevarAlias() {
    }

    /** PARAMS with 'name' renamed to NAMEVAR in place, when the type has that one namevar and it is not given too. */
    static Map<String, Object> nameAsNamevar(Map<String, Object> params, String namevar, int namevarCount) {
        if (namevar == null || namevar.equals("name") || namevarCount != 1 || !params.containsKey("name")
            || params.containsKey(namevar)) {
            return params;
        }
        Map<String, Object> renamed = new LinkedHashMap<>();
        params.forEach((k, v) -> renamed.put(k.equals("name") ? namevar : k, v));
        return renamed;
    }
}
