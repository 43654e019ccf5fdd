package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.value.ResourceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog-changing functions of puppetlabs-stdlib (ensure_resource, ensure_resources, ensure_packages,
 * defined_with_params), offered when a module named stdlib is on the modulepath, as with Ruby Puppet.
 */
final class StdlibResources {

    private StdlibResources() {
    }

    static Object call(Functions f, Compilation c, String name, List<Object> args, Scope s, Loc loc) {
        switch (name) {
            case "defined_with_params":
                return definedWithParams(c, args.get(0), args.size() > 1 ? asMap(args.get(1)) : Map.of());
            case "ensure_resource":
                ensureResource(f, c, Values.str(args.get(0)), args.get(1),
                    args.size() > 2 ? asMap(args.get(2)) : Map.of(), s, loc);
                return null;
            case "ensure_resources": {
                Map<String, Object> defaults = args.size() > 2 ? asMap(args.get(2)) : Map.of();
                for (Map.Entry<String, Object> e : asMap(args.get(1)).entrySet()) {
                    Map<String, Object> params = new LinkedHashMap<>(defaults);
                    params.putAll(asMap(e.getValue()));
                    ensureResource(f, c, Values.str(args.get(0)), e.getKey(), params, s, loc);
                }
                return null;
            }
            default: {
                Map<String, Object> defaultAttributes = args.size() > 1 ? asMap(args.get(1)) : Map.of();
                Object packages = args.get(0);
                if (packages instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Map<String, Object> attributes = new LinkedHashMap<>(defaultAttributes);
                        attributes.putAll(asMap(e.getValue()));
                        ensurePackage(f, c, e.getKey(), attributes, s, loc);
                    }
                    return null;
                }
                for (Object p : packages instanceof List<?> l ? l : List.of(packages)) {
                    ensurePackage(f, c, p, defaultAttributes, s, loc);
                }
                return null;
            }
        }
    }

    /**
     * As stdlib's ensure_packages: ensure defaults to installed, and present or installed becomes present only when
     * the package is already declared present (so the existing resource matches), installed otherwise.
     */
    private static void ensurePackage(Functions f, Compilation c, Object name, Map<String, Object> attributes,
                                      Scope s, Loc loc) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ensure", "installed");
        params.putAll(attributes);
        if ("present".equals(params.get("ensure")) || "installed".equals(params.get("ensure"))) {
            boolean declaredPresent = definedWithParams(c, "Package[" + Values.str(name) + "]",
                Map.of("ensure", "present"));
            params.put("ensure", declaredPresent ? "present" : "installed");
        }
        ensureResource(f, c, "package", name, params, s, loc);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v) {
        if (v == null || "".equals(v)) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new EvalError("expects a Hash of attributes, got " + io.puppetplane.lang.types.Types.typeName(v));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), x));
        return out;
    }

    private static void ensureResource(Functions f, Compilation c, String type, Object titles,
                                       Map<String, Object> params, Scope s, Loc loc) {
        List<Object> items = new ArrayList<>();
        if (titles instanceof List<?> l) {
            items.addAll(l);
        } else {
            items.add(titles);
        }
        for (Object item : items) {
            CatalogResource existing = c.findResource(type, Values.str(item));
            if (existing != null && matches(existing, params)) {
                continue;
            }
            f.declareLikeCreateResources(type.toLowerCase(), item, new LinkedHashMap<>(params), "regular", s, loc);
        }
    }

    private static boolean definedWithParams(Compilation c, Object ref, Map<String, Object> params) {
        CatalogResource r = null;
        if (ref instanceof ResourceRef rr) {
            r = c.resourceFor(rr);
        } else if (ref instanceof String str && str.matches("(?s)[^\\[]+\\[.*\\]")) {
            int b = str.indexOf('[');
            r = c.findResource(str.substring(0, b), str.substring(b + 1, str.length() - 1));
        }
        return r != null && matches(r, params);
    }

    /**
     * As defined_with_params compares: each attribute's value as the resource holds it, so a namevar counts only
     * when it was given (Ruby's parser resource answers nil for 'name' or 'path' set from the title alone), and a
     * reference equals a reference to the same resource.
     */
    private static boolean matches(CatalogResource r, Map<String, Object> params) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            Object have = r.parameters().get(e.getKey());
            if (have == null && r.namevarGivenAsTitle() && e.getKey().equals(r.namevar())) {
                have = r.title();
            }
            if (!Values.equal(referencesAsText(have), referencesAsText(e.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static Object referencesAsText(Object v) {
        if (v instanceof ResourceRef) {
            return v.toString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(StdlibResources::referencesAsText).toList();
        }
        return v;
    }
}
