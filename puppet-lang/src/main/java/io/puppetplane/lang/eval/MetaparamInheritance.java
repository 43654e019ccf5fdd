package io.puppetplane.lang.eval;

import io.puppetplane.lang.catalog.CatalogResource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metaparameters a container hands to what it contains, as Ruby Puppet's compiler does when the catalog is finished:
 * walking containment breadth first from {@code Class[main]}, each resource that does not set {@code noop},
 * {@code schedule}, {@code audit}, {@code loglevel}, {@code alias}, {@code tag} or {@code stage} itself takes its
 * container's. Only what main contains is walked (classes hang from their stage), so a defined type declared at top
 * level passes its {@code tag} or {@code noop} to the resources it declares.
 */
final class MetaparamInheritance {

    private static final List<String> INHERITED = List.of("noop", "schedule", "audit", "loglevel", "alias", "tag",
        "stage");

    private MetaparamInheritance() {
    }

    static void apply(List<CatalogResource> resources, CatalogResource main) {
        Map<CatalogResource, List<CatalogResource>> contained = new IdentityHashMap<>();
        for (CatalogResource r : resources) {
            for (CatalogResource container : r.containers()) {
                contained.computeIfAbsent(container, k -> new ArrayList<>()).add(r);
            }
        }
        Map<CatalogResource, Map<String, Object>> handed = new IdentityHashMap<>();
        Set<CatalogResource> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<CatalogResource> queue = new ArrayDeque<>(List.of(main));
        while (!queue.isEmpty()) {
            CatalogResource source = queue.poll();
            if (!seen.add(source)) {
                continue;
            }
            List<CatalogResource> targets = contained.get(source);
            if (targets == null) {
                continue; // contains nothing (most resources): nothing to hand on, so its own are not looked up
            }
            Map<String, Object> sourceData = handed.computeIfAbsent(source, MetaparamInheritance::own);
            for (CatalogResource target : targets) {
                if (!sourceData.isEmpty()) {
                    for (Map.Entry<String, Object> e : sourceData.entrySet()) {
                        if (target.parameters().get(e.getKey()) == null) {
                            target.parameters().put(e.getKey(), e.getValue());
                            if (e.getKey().equals("tag")) {
                                for (Object t : e.getValue() instanceof List<?> l ? l : List.of(e.getValue())) {
                                    Compilation.addTagTo(target.tags(), Values.str(t));
                                }
                            }
                        }
                    }
                    Map<String, Object> merged = new LinkedHashMap<>(sourceData);
                    merged.putAll(own(target));
                    handed.put(target, merged);
                }
                Compilation.mergeTags(target, source);
            }
            queue.addAll(targets);
        }
    }

    private static Map<String, Object> own(CatalogResource r) {
        Map<String, Object> data = null; // most resources set none: no map for them
        for (String name : INHERITED) {
            Object v = r.parameters().get(name);
            if (v != null) {
                if (data == null) {
                    data = new LinkedHashMap<>();
                }
                data.put(name, v);
            }
        }
        return data == null ? Map.of() : data;
    }
}
