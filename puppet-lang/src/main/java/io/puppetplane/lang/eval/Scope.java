package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.spi.VariableScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable scope. {@code enclosing} is where unqualified lookups continue (inherited class, then node or
 * top scope; for lambdas the defining scope); {@code dynamicParent} is the declaring scope, which resource
 * defaults still follow.
 */
final class Scope implements VariableScope {

    enum Kind { TOP, NODE, CLASS, DEFINE, LOCAL }

    final Kind kind;
    final Scope enclosing;
    final Scope dynamicParent;
    final CatalogResource resource;
    final String name;
    final Compilation compilation;
    private final Map<String, Object> vars = new HashMap<>();
    private Map<String, Map<String, Object>> defaults;
    /** Where each default attribute was written, by type: a reference it names that is missing is reported there. */
    private Map<String, Map<String, Loc>> defaultLocs;
    private List<String> match;

    Scope(Kind kind, Scope enclosing, Scope dynamicParent, CatalogResource resource, String name,
          Compilation compilation) {
        this.kind = kind;
        this.enclosing = enclosing;
        this.dynamicParent = dynamicParent;
        this.resource = resource;
        this.name = name;
        this.compilation = compilation;
    }

    /** The nearest node or top scope: where class and define bodies continue their lookups. */
    Scope nodeOrTop() {
        Scope s = this;
        while (s.kind != Kind.NODE && s.kind != Kind.TOP) {
            s = s.dynamicParent != null ? s.dynamicParent : s.enclosing;
        }
        return s;
    }

    boolean hasLocal(String var) {
        return vars.containsKey(var);
    }

    void setLocal(String var, Object value) {
        vars.put(var, value);
    }

    /** Unqualified lookup along the enclosing chain; the marker MISSING when not found. */
    Object find(String var) {
        for (Scope s = this; s != null; s = s.enclosing) {
            Object v = s.vars.get(var);
            if (v != null || s.vars.containsKey(var)) {
                return v;
            }
        }
        return MISSING;
    }

    static final Object MISSING = new Object();

    void setMatch(List<String> groups) {
        this.match = groups;
    }

    Object matchGroup(int n) {
        for (Scope s = this; s != null; s = s.enclosing) {
            if (s.match != null) {
                return n < s.match.size() ? s.match.get(n) : null;
            }
        }
        return null;
    }

    void addDefaults(String type, Map<String, Object> values, Map<String, Loc> locs) {
        if (defaults == null) {
            defaults = new HashMap<>();
            defaultLocs = new HashMap<>();
        }
        defaults.computeIfAbsent(type, k -> new LinkedHashMap<>()).putAll(values);
        defaultLocs.computeIfAbsent(type, k -> new LinkedHashMap<>()).putAll(locs);
    }

    /** Where the resource defaults lookupDefaults answers were written, by attribute. */
    Map<String, Loc> lookupDefaultLocs(String type) {
        Map<String, Loc> out = new LinkedHashMap<>();
        for (Scope s = this; s != null; s = s.dynamicParent != null ? s.dynamicParent : s.enclosing) {
            if (s.defaultLocs != null && s.defaultLocs.containsKey(type)) {
                // nearer scopes are met first and win
                s.defaultLocs.get(type).forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    /** Resource defaults for a type visible here: parents' first, overridden by nearer ones. */
    Map<String, Object> lookupDefaults(String type) {
        if (!anyDefaults()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        collectDefaults(type, out);
        return out;
    }

    private boolean anyDefaults() {
        for (Scope s = this; s != null; s = s.dynamicParent != null ? s.dynamicParent : s.enclosing) {
            if (s.defaults != null) {
                return true;
            }
        }
        return false;
    }

    private void collectDefaults(String type, Map<String, Object> out) {
        Scope parent = dynamicParent != null ? dynamicParent : enclosing;
        if (parent != null) {
            parent.collectDefaults(type, out);
        }
        if (defaults != null && defaults.containsKey(type)) {
            out.putAll(defaults.get(type));
        }
    }

    /** Visible variables, outermost scope first (as Ruby Puppet's to_hash lists them). */
    @Override
    public List<String> variableNames() {
        List<Scope> chain = new ArrayList<>();
        for (Scope s = this; s != null; s = s.enclosing) {
            chain.add(0, s);
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (Scope s : chain) {
            names.addAll(s.vars.keySet());
        }
        return new ArrayList<>(names);
    }

    @Override
    public Object callFunction(String name, List<Object> args) {
        return compilation.functions.invoke(name, new ArrayList<>(args), null, this, null);
    }

    @Override
    public Object lookupVariable(String var) {
        Object v = compilation.evaluator().lookupVariable(this, var);
        return v == MISSING ? null : v;
    }

    @Override
    public boolean strictVariables() {
        return compilation.language().strictVariables();
    }

    @Override
    public boolean isDefined(String var) {
        return compilation.evaluator().lookupVariable(this, var) != MISSING;
    }
}
