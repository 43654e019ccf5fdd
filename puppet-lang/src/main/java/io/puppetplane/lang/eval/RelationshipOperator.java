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

    /**
     * As Ruby's relationship: each source with each target, the source looked up first; a side that is empty (an
     * empty array, a collector that collected nothing) makes no relationship and looks nothing up.
     */
    void applyRelationship(PendingRelationship rel) {
        List<Object> sources = operands(rel.source(), true, rel);
        List<Object> targets = operands(rel.target(), false, rel);
        for (Object s : sources) {
            for (Object t : targets) {
                CatalogResource source = lookUp(s, rel);
                if (source == null) {
                    throw new EvalError("Could not find resource '" + s + "' for relationship on '" + t + "'",
                        rel.loc());
                }
                CatalogResource target = lookUp(t, rel);
                if (target == null) {
                    throw new EvalError("Could not find resource '" + t + "' for relationship from '" + s + "'",
                        rel.loc());
                }
                Object current = source.parameters().get(rel.param());
                List<Object> list = new ArrayList<>();
                if (current instanceof List<?> l) {
                    list.addAll(l);
                } else if (current != null) {
                    list.add(current);
                }
                list.add(new ResourceRef(target.type(), recordedTitle(t, target)));
                source.parameters().put(rel.param(), list);
            }
        }
    }

    /**
     * One side of an arrow as the references it stands for: a collector on the left that collected nothing stands
     * for its empty alternative (what was left of it in the chain), on the right for nothing.
     */
    private List<Object> operands(Object v, boolean left, PendingRelationship rel) {
        List<Object> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            if (left && l.size() == 1 && l.get(0) instanceof CollectorState) {
                return operands(l.get(0), true, rel);
            }
            for (Object x : l) {
                if (x instanceof List<?> || x instanceof CollectorState) {
                    out.addAll(operands(x, false, rel));
                } else {
                    out.add(x);
                }
            }
        } else if (v instanceof CollectorState c) {
            for (CatalogResource r : c.collected) {
                out.add(new ResourceRef(r.type(), r.title()));
            }
            if (c.collected.isEmpty() && left && c.emptyAlternative != null) {
                out.addAll(operands(c.emptyAlternative, true, rel));
            }
        } else if (v != null) {
            out.add(v);
        }
        return out;
    }

    /**
     * The title the source's metaparameter records for a target: as Ruby's relationship does, the title as the
     * reference wrote it (an alias such as a service's name stays the alias), a class's as the catalog has it.
     */
    private static String recordedTitle(Object written, CatalogResource target) {
        if (target.type().equals("Class")) {
            return target.title();
        }
        if (written instanceof ResourceRef r) {
            return r.title();
        }
        String s = (String) written;
        return s.substring(s.indexOf('[') + 1, s.length() - 1);
    }

    /** The catalog's resource a reference names, or null; anything else cannot be related. */
    private CatalogResource lookUp(Object v, PendingRelationship rel) {
        if (v instanceof ResourceRef r) {
            return compilation.findResource(r.type(), r.title());
        }
        if (v instanceof String s && s.matches("(?s)[A-Z][\\w:]*\\[.*\\]")) {
            int b = s.indexOf('[');
            return compilation.findResource(s.substring(0, b), s.substring(b + 1, s.length() - 1));
        }
        throw new EvalError("Illegal relationship operand, can not form a relationship with "
            + Values.article(Types.typeName(v)) + " " + Types.typeName(v) + ". A Catalog type is required.",
            rel.loc());
    }

    /** Evaluates an arrow operand; a string must spell a resource reference, as Ruby Puppet requires. */
    private Object relationshipOperand(Expr e, Scope s, Loc arrow) {
        Object v = compilation.evaluator().eval(e, s);
        if (v instanceof String str && !str.matches("(?s)[A-Z][\\w:]*\\[.*\\]")) {
            throw new EvalError("The expression <" + str + "> is not a valid type specification.", arrow);
        }
        return v;
    }
}
