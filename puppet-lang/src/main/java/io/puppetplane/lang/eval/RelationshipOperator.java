package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Expr;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Relationship;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.Collectors.CollectorState;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.ResourceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrows {@code -> ~> <- <~}, as Ruby Puppet's relationship operator: an arrow is recorded when evaluated and
 * applied, as a {@code before} or {@code notify} metaparameter on its source, when the catalog is complete, since
 * an operand may name a resource declared later or a collector that has not collected yet.
 */
final class RelationshipOperator {

    private final Compilation compilation;

    record PendingRelationship(Loc loc, Object source, Object target, String param) {
    }

    RelationshipOperator(Compilation compilation) {
        this.compilation = compilation;
    }

    /** Records one arrow; returns what a chain continues from. */
    Object evaluate(Relationship r, Scope s) {
        Object left = relationshipOperand(r.left(), s, r.loc());
        Object right = relationshipOperand(r.right(), s, r.loc());
        boolean forward = r.op().equals("->") || r.op().equals("~>");
        String param = r.op().equals("->") || r.op().equals("<-") ? "before" : "notify";
        compilation.relationships.add(new PendingRelationship(r.loc(), forward ? left : right, forward ? right : left,
            param));
        // as Ruby Puppet closes a gap in a chain: X -> [] -> Y, and X -> (a collector that finds nothing) -> Y,
        // give X -> Y
        if (right instanceof List<?> l && l.isEmpty()) {
            return left;
        }
        if (right instanceof CollectorState collector) {
            collector.emptyAlternative = left;
        }
        return right;
    }

    void applyRelationship(PendingRelationship rel) {
        List<CatalogResource> sources = resolveRefs(rel.source(), rel);
        List<CatalogResource> targets = resolveRefs(rel.target(), rel);
        for (CatalogResource s : sources) {
            for (CatalogResource t : targets) {
                Object current = s.parameters().get(rel.param());
                List<Object> list = new ArrayList<>();
                if (current instanceof List<?> l) {
                    list.addAll(l);
                } else if (current != null) {
                    list.add(current);
                }
                list.add(new ResourceRef(t.type(), t.title()));
                s.parameters().put(rel.param(), list);
            }
        }
    }

    private List<CatalogResource> resolveRefs(Object v, PendingRelationship rel) {
        List<CatalogResource> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object x : l) {
                out.addAll(resolveRefs(x, rel));
            }
        } else if (v instanceof ResourceRef r) {
            CatalogResource res = compilation.findResource(r.type(), r.title());
            if (res == null) {
                throw new EvalError("Could not find resource '" + r + "' for relationship "
                    + (rel.source() == v ? "on" : "from") + " '" + other(rel, v) + "'", rel.loc());
            }
            out.add(res);
        } else if (v instanceof CollectorState c) {
            out.addAll(c.collected);
            if (c.collected.isEmpty() && c.emptyAlternative != null && v == rel.source()) {
                out.addAll(resolveRefs(c.emptyAlternative, rel));
            }
        } else if (v instanceof String s && s.matches("(?s)[A-Z][\\w:]*\\[.*\\]")) {
            int b = s.indexOf('[');
            return resolveRefs(new ResourceRef(s.substring(0, b), s.substring(b + 1, s.length() - 1)), rel);
        } else if (v != null) {
            throw new EvalError("Illegal relationship operand, can not form a relationship with "
                + Values.article(Types.typeName(v)) + " " + Types.typeName(v) + ". A Catalog type is required.",
                rel.loc());
        }
        return out;
    }

    /** Evaluates an arrow operand; a string must spell a resource reference, as Ruby Puppet requires. */
    private Object relationshipOperand(Expr e, Scope s, Loc arrow) {
        Object v = compilation.evaluator().eval(e, s);
        if (v instanceof String str && !str.matches("(?s)[A-Z][\\w:]*\\[.*\\]")) {
            throw new EvalError("The expression <" + str + "> is not a valid type specification.", arrow);
        }
        return v;
    }

    private static String other(PendingRelationship rel, Object v) {
        Object o = rel.source() == v ? rel.target() : rel.source();
        return o instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : String.valueOf(o);
    }
}
