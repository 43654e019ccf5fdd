package io.puppetplane.lang.eval;

import static io.puppetplane.lang.eval.Compilation.capitalize;

import io.puppetplane.lang.ast.Ast.AttributeOp;
import io.puppetplane.lang.ast.Ast.Collector;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Query;
import io.puppetplane.lang.ast.Ast.ResourceOverride;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.Compilation.Info;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.ResourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource overrides ({@code File['x'] { ... }}) and collectors ({@code File <| ... |>}), as Ruby Puppet's
 * collectors: an override of a resource not declared yet waits for the end of the compilation, and a collector
 * collects again at each generator pass, since later code may declare more of what it matches.
 */
final class Collectors {

    private final Compilation compilation;

    record PendingOverride(Loc loc, Scope scope, Map<String, Object> values, Set<String> appends,
                           boolean fromCollector) {
    }

    static final class CollectorState {
        final Collector expr;
        final Scope scope;
        /** In the order collected (catalog order within a pass), as Ruby keeps them: arrows follow this order. */
        final Set<CatalogResource> collected = new java.util.LinkedHashSet<>();
        /** What a chain uses as the source after this collector when it collects nothing ({@code X -> C -> Y}). */
        Object emptyAlternative;
        /** For an exported collector with storeconfigs: what PuppetDB answered, asked once per compile. */
        List<io.puppetplane.lang.PuppetDb.ExportedResource> exportedByOthers;

        CollectorState(Collector expr, Scope scope) {
            this.expr = expr;
            this.scope = scope;
        }
    }

    Collectors(Compilation compilation) {
        this.compilation = compilation;
    }

    /** A collector expression: collects from the next generator pass on; also an operand of a relationship. */
    CollectorState add(Collector c, Scope s) {
        CollectorState state = new CollectorState(c, s);
        compilation.collectorStates.add(state);
        return state;
    }

    Object override(ResourceOverride o, Scope s) {
        Object refs = compilation.evaluator().eval(o.reference(), s);
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> appends = new HashSet<>();
        for (AttributeOp op : o.attributes()) {
            values.put(op.name(), compilation.evaluator().eval(op.value(), s));
            if (op.op().equals("+>")) {
                appends.add(op.name());
            }
        }
        for (Object ref : refs instanceof List<?> l ? l : List.of(refs)) {
            if (!(ref instanceof ResourceRef rr)) {
                throw new EvalError("Resource Override requires a resource reference, got " + Types.typeName(ref),
                    o.loc());
            }
            PendingOverride po = new PendingOverride(o.loc(), s, values, appends, false);
            CatalogResource r = compilation.findResource(rr.type(), rr.title());
            if (r != null) {
                mergeOverride(r, po);
            } else {
                compilation.pendingOverrides.computeIfAbsent(rr.toString(), k -> new ArrayList<>()).add(po);
            }
        }
        return null;
    }

    void mergeOverride(CatalogResource r, PendingOverride o) {
        Info i = compilation.info.get(r);
        for (Map.Entry<String, Object> e : o.values.entrySet()) {
            String name = e.getKey();
            Object current = r.parameters().get(name);
            if (current != null && !o.fromCollector && !mayOverride(o.scope, i.scope)) {
                throw new EvalError("Parameter '" + name + "' is already set on " + r.ref() + " at (file: "
                    + r.file() + ", line: " + r.line() + "); cannot redefine", o.loc);
            }
            Object v = e.getValue();
            if (o.appends.contains(name) && current != null) {
                List<Object> merged = new ArrayList<>(current instanceof List<?> l ? l : List.of(current));
                if (v instanceof List<?> lv) {
                    merged.addAll(lv);
                } else {
                    merged.add(v);
                }
                v = merged;
            }
            if (v == null) {
                r.parameters().remove(name);
            } else {
                r.parameters().put(name, v);
            }
        }
    }

    /** Only a subclass (or the same class) of the declaring class may change a parameter already set. */
    private static boolean mayOverride(Scope overrider, Scope declarer) {
        if (declarer == null) {
            return true;
        }
        Scope declaringClass = declarer;
        while (declaringClass.kind == Scope.Kind.LOCAL) {
            declaringClass = declaringClass.enclosing;
        }
        Scope s = overrider;
        while (s.kind == Scope.Kind.LOCAL) {
            s = s.enclosing;
        }
        if (s == declaringClass || s.kind != Scope.Kind.CLASS) {
            return false;
        }
        for (s = s.enclosing; s != null; s = s.enclosing) {
            if (s == declaringClass) {
                return true;
            }
        }
        return false;
    }

    boolean evaluateCollector(CollectorState c) {
        if (c.expr.exported()) {
            // without storeconfigs (no PuppetDB), as in Ruby Puppet, <<| |>> collects nothing, not even this node's own
            return compilation.puppetDb != null && new ExportedCollector(compilation, this).collect(c);
        }
        String type = capitalize(c.expr.type().toLowerCase());
        boolean found = false;
        for (CatalogResource r : List.copyOf(compilation.resources)) {
            if (!r.type().equals(type) || c.collected.contains(r)) {
                continue;
            }
            if (r.exported() && r.virtual()) {
                continue;
            }
            if (c.expr.query() != null && !queryMatches(c.expr.query(), r, c.scope)) {
                continue;
            }
            collect(c, r);
            found = true;
        }
        return found;
    }

    /** Realizes a collected resource and applies the collector's overrides to it. */
    void collect(CollectorState c, CatalogResource r) {
        c.collected.add(r);
        r.virtual(false);
        if (!c.expr.overrides().isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            Set<String> appends = new HashSet<>();
            for (AttributeOp op : c.expr.overrides()) {
                values.put(op.name(), compilation.evaluator().eval(op.value(), c.scope));
                if (op.op().equals("+>")) {
                    appends.add(op.name());
                }
            }
            mergeOverride(r, new PendingOverride(c.expr.loc(), c.scope, values, appends, true));
        }
    }

    boolean queryMatches(Query q, CatalogResource r, Scope s) {
        switch (q.op()) {
            case "and":
                return queryMatches(q.left(), r, s) && queryMatches(q.right(), r, s);
            case "or":
                return queryMatches(q.left(), r, s) || queryMatches(q.right(), r, s);
            default:
                break;
        }
        Object want = compilation.evaluator().eval(q.value(), s);
        boolean eq;
        String attribute = q.attribute() != null ? q.attribute()
            : Values.str(compilation.evaluator().eval(q.attributeExpr(), s));
        if (attribute.equals("tag")) {
            eq = r.tags().contains(Values.str(want).toLowerCase())
                || (compilation.info.get(r).scope != null && compilation.info.get(r).scope.resource != null
                && compilation.info.get(r).scope.resource.tags().contains(Values.str(want).toLowerCase()));
        } else if (attribute.equals("title")) {
            eq = Values.equal(r.title(), want);
        } else {
            Object have = r.parameters().get(attribute);
            if (have instanceof List<?> l && !(want instanceof List)) {
                eq = l.stream().anyMatch(x -> Values.equal(x, want));
            } else {
                eq = have != null && Values.equal(have instanceof ResourceRef ? have.toString() : have,
                    want instanceof ResourceRef ? want.toString() : want);
            }
        }
        return q.op().equals("==") == eq;
    }
}
