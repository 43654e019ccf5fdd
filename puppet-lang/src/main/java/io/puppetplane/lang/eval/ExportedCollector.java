package io.puppetplane.lang.eval;

import static io.puppetplane.lang.eval.Compilation.capitalize;

import io.puppetplane.lang.PuppetDb;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Query;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.Collectors.CollectorState;
import io.puppetplane.lang.value.DataNormaliser;
import io.puppetplane.lang.value.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Type <<| query |>>} with storeconfigs, as Ruby Puppet's exported collector with PuppetDB's terminus: this
 * node's own exports come from its catalog; other nodes' from PuppetDB, asked with the query the terminus sends
 * (type, exported, not this certname, and the collector's filter), and are declared here without a source
 * location, unexported, in the collector's scope. Two nodes exporting one Type[title] fail the compile.
 */
final class ExportedCollector {

    private final Compilation compilation;
    private final Collectors collectors;

    ExportedCollector(Compilation compilation, Collectors collectors) {
        this.compilation = compilation;
        this.collectors = collectors;
    }

    boolean collect(CollectorState c) {
        String type = capitalize(c.expr.type().toLowerCase());
        boolean found = false;
        for (CatalogResource r : List.copyOf(compilation.resources)) {
            if (r.type().equals(type) && r.exported() && !c.collected.contains(r)
                && (c.expr.query() == null || collectors.queryMatches(c.expr.query(), r, c.scope))) {
                collectors.collect(c, r);
                found = true;
            }
        }
        for (PuppetDb.ExportedResource exported : fromPuppetDb(c, type)) {
            String collectorId = exported.certname() + "|" + exported.type() + "|" + exported.title();
            CatalogResource existing = compilation.findResource(exported.type(), exported.title());
            if (existing != null) {
                Compilation.Info info = compilation.info.get(existing);
                if (info == null || !collectorId.equals(info.collectorId)) {
                    throw new EvalError("A duplicate resource was found while collecting exported resources, with "
                        + "the type and title " + exported.type() + "[" + exported.title() + "]", c.expr.loc());
                }
                continue;
            }
            Loc nowhere = new Loc(null, 0, 0);
            Object ref = compilation.resourceDeclarations().declare(exported.type().toLowerCase(), exported.title(),
                new LinkedHashMap<>(DataNormaliser.normaliseMap(exported.parameters())), Map.of(), "regular", c.scope,
                nowhere, nowhere);
            CatalogResource collected = compilation.resourceFor((ResourceRef) ref);
            compilation.info.get(collected).collectorId = collectorId;
            collectors.collect(c, collected);
            found = true;
        }
        return found;
    }

    /** Asked once per collector and compile: later passes see the same answer, as nothing is stored meanwhile. */
    private List<PuppetDb.ExportedResource> fromPuppetDb(CollectorState c, String type) {
        if (c.exportedByOthers == null) {
            List<Object> query = new ArrayList<>(List.of("and", List.of("=", "type", type),
                List.of("=", "exported", true), List.of("not", List.of("=", "certname", compilation.request.certname()))));
            if (c.expr.query() != null) {
                query.add(filter(c.expr.query(), c.scope));
            }
            try {
                c.exportedByOthers = compilation.puppetDb.exportedResources(query);
            } catch (PuppetDb.PuppetDbException e) {
                throw new EvalError(e.getMessage(), c.expr.loc());
            }
        }
        return c.exportedByOthers;
    }

    /** The collector's query as PuppetDB's AST, as the terminus builds it. */
    private List<Object> filter(Query q, Scope s) {
        if (q.op().equals("and") || q.op().equals("or")) {
            return List.of(q.op(), filter(q.left(), s), filter(q.right(), s));
        }
        String attribute = q.attribute() != null ? q.attribute()
            : Values.str(compilation.evaluator().eval(q.attributeExpr(), s));
        Object value = data(compilation.evaluator().eval(q.value(), s));
        List<Object> equal = switch (attribute) {
            case "tag" -> List.of("=", "tag", Values.str(value).toLowerCase());
            case "title" -> List.of("=", "title", value);
            default -> List.of("=", List.of("parameter", attribute), value);
        };
        return q.op().equals("!=") ? List.of("not", equal) : equal;
    }

    /** A value as JSON data: references as their text, as the terminus serialises them. */
    private static Object data(Object v) {
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(data(x)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), data(x)));
            return out;
        }
        return v == null || v instanceof String || v instanceof Number || v instanceof Boolean ? v : Values.str(v);
    }
}
