package io.puppetplane.lang.hiera;

import io.puppetplane.lang.spi.VariableScope;
import java.util.LinkedHashMap;
import java.util.Map;

/** A scope for tests: top-scope variables reachable as "x" and "::x", like the evaluator's node scope. */
final class MapScope implements VariableScope {

    private final Map<String, Object> variables = new LinkedHashMap<>();

    MapScope with(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    @Override
    public Object lookupVariable(String name) {
        return variables.get(name.startsWith("::") ? name.substring(2) : name);
    }

    @Override
    public boolean isDefined(String name) {
        return variables.containsKey(name.startsWith("::") ? name.substring(2) : name);
    }
}
