package io.puppetplane.lang.eval;

import static io.puppetplane.lang.eval.Compilation.capitalize;
import static io.puppetplane.lang.eval.Compilation.stripTopScope;

import io.puppetplane.lang.ast.Ast.Access;
import io.puppetplane.lang.ast.Ast.Expr;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Type references and the {@code []} operator, as Ruby Puppet's access operator: indexing and slicing strings,
 * arrays and hashes, parameterizing types, and {@code Type[title]} as resource references.
 */
final class AccessOperator {

    private final Compilation compilation;

    AccessOperator(Compilation compilation) {
        this.compilation = compilation;
    }

    Object typeRef(String name) {
        String n = name.startsWith("::") ? name.substring(2) : name;
        String dataType = Types.dataType(n);
        if (dataType != null) {
            return TypeValue.of(dataType);
        }
        TypeValue alias = compilation.aliasType(n);
        if (alias != null) {
            return alias;
        }
        if (!isResourceType(n.toLowerCase())) {
            // neither a data type, an alias, nor a native or defined resource type (a class is none either)
            throw new EvalError("Resource type not found: " + n);
        }
        return new TypeValue("Resource", List.of(capitalize(n.toLowerCase())));
    }

    private boolean isResourceType(String name) {
        return compilation.nativeNamevar(name) != null || compilation.findDefine(name) != null;
    }

    Object access(Access a, Scope s) {
        Object target = compilation.evaluator().eval(a.target(), s);
        List<Object> keys = new ArrayList<>(a.keys().size());
        for (Expr k : a.keys()) {
            keys.add(compilation.evaluator().eval(k, s));
        }
        return accessValue(target, keys);
    }

    Object accessValue(Object target, List<Object> keys) {
        if (target instanceof TypeValue t) {
            return parameterize(t, keys);
        }
        if (target instanceof String str) {
            int len = str.length();
            long start = keyLong(keys.get(0));
            if (start < 0) {
                start += len;
            }
            if (keys.size() == 1) {
                return start < 0 || start >= len ? "" : str.substring((int) start, (int) start + 1);
            }
            long count = keyLong(keys.get(1));
            long end = count < 0 ? len + count + 1 : start + count;
            start = Math.max(0, start);
            end = Math.min(len, end);
            return start >= end ? "" : str.substring((int) start, (int) end);
        }
        if (target instanceof List<?> l) {
            int len = l.size();
            long start = keyLong(keys.get(0));
            if (start < 0) {
                start += len;
            }
            if (keys.size() == 1) {
                return start < 0 || start >= len ? null : l.get((int) start);
            }
            long count = keyLong(keys.get(1));
            long end = count < 0 ? len + count + 1 : start + count;
            start = Math.max(0, start);
            end = Math.min(len, end);
            return start >= end ? new ArrayList<>() : new ArrayList<>(l.subList((int) start, (int) end));
        }
        if (target instanceof Map<?, ?> m) {
            if (keys.size() == 1) {
                return m.get(keys.get(0));
            }
            List<Object> out = new ArrayList<>();
            for (Object k : keys) {
                if (m.containsKey(k)) {
                    out.add(m.get(k));
                }
            }
            return out;
        }
        if (target == null) {
            throw new EvalError("Operator '[]' is not applicable to an Undef Value.");
        }
        throw new EvalError("Operator '[]' is not applicable to " + Values.article(Types.typeName(target)) + " "
            + Types.typeName(target) + " Value.");
    }

    private static long keyLong(Object k) {
        if (k instanceof Long n) {
            return n;
        }
        throw new EvalError("The value '" + Values.str(k) + "' cannot be converted to Numeric.");
    }

    private Object parameterize(TypeValue t, List<Object> keys) {
        if (t.name().equals("Resource")) {
            if (t.params().isEmpty()) {
                String type = stripTopScope(capitalize(String.valueOf(keys.get(0)).toLowerCase()));
                if (keys.size() == 1) {
                    return new TypeValue("Resource", List.of(type));
                }
                return refs(type, keys.subList(1, keys.size()));
            }
            return refs(String.valueOf(t.params().get(0)), keys);
        }
        if (t.name().equals("Class")) {
            return refs("Class", keys);
        }
        List<Object> ps = new ArrayList<>();
        for (Object k : keys) {
            if (k instanceof List<?> l && (t.name().equals("Enum") || t.name().equals("Variant"))) {
                ps.addAll(l);
            } else {
                ps.add(k);
            }
        }
        try {
            return Types.parameterized(t.name(), ps);
        } catch (IllegalArgumentException e) {
            // an unparsable time bound stays as written; using it as a bound reports the parse error
            return new TypeValue(t.name(), ps);
        }
    }

    /**
     * References for titles, as Ruby's access operator: an array whenever several titles or an array of titles were
     * given (even of one title, or none left once undef ones are dropped), else the one reference.
     */
    private Object refs(String type, List<Object> titles) {
        boolean array = titles.size() > 1 || (!titles.isEmpty() && titles.get(0) instanceof List);
        List<Object> out = new ArrayList<>();
        addRefs(type, titles, out);
        if (array) {
            return out;
        }
        return out.isEmpty() ? null : out.get(0);
    }

    private static void addRefs(String type, List<?> titles, List<Object> out) {
        for (Object k : titles) {
            if (k instanceof List<?> l) {
                addRefs(type, l, out);
            } else if (k != null) {
                out.add(ref(type, k));
            }
        }
    }

    private static ResourceRef ref(String type, Object title) {
        String t = Values.str(title);
        if (type.equals("Class")) {
            t = stripTopScope(capitalize(t.toLowerCase()));
        }
        return new ResourceRef(type, t);
    }
}
