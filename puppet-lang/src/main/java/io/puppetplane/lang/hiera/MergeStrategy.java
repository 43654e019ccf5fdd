package io.puppetplane.lang.hiera;

import io.puppetplane.lang.types.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Puppet's merge strategies (first, unique, hash, deep) applied over lookup variants: providers, hierarchy
 * levels and locations, nested as Puppet nests them (so single values are converted exactly where Puppet
 * converts them).
 */
abstract class MergeStrategy {

    /** Marks "no value here" (null is a found undef). */
    static final Object NOT_FOUND = new Object();

    static final MergeStrategy FIRST = new First();
    static final MergeStrategy HASH = new HashMerge();
    static final MergeStrategy UNIQUE = new Unique();

    /** The strategy for a merge argument as Puppet's lookup() takes it (null, a name, or a Hash with options). */
    static MergeStrategy of(Object merge) {
        if (merge == null) {
            return FIRST;
        }
        Object name = merge;
        Map<?, ?> options = Map.of();
        if (merge instanceof Map<?, ?> map) {
            name = map.get("strategy");
            if (name == null) {
                throw new LookupError(
                        "The hash given as 'merge' must contain the name of a strategy in string form for the key 'strategy'");
            }
            options = map;
        }
        return switch (String.valueOf(name)) {
            case "first", "default" -> FIRST;
            case "unique" -> UNIQUE;
            case "hash" -> HASH;
            case "deep" -> new Deep(options);
            default -> throw new LookupError("Unknown merge strategy: '" + name + "'");
        };
    }

    /** Looks each variant up (fn answers NOT_FOUND when a variant has no value) and merges the results. */
    <V> Object lookup(Collection<V> variants, Function<V, Object> fn) {
        if (variants.isEmpty()) {
            return NOT_FOUND;
        }
        if (variants.size() == 1) {
            Object value = fn.apply(variants.iterator().next());
            return value == NOT_FOUND ? NOT_FOUND : mergeSingle(value);
        }
        Object memo = NOT_FOUND;
        for (V variant : variants) {
            Object value = fn.apply(variant);
            if (value != NOT_FOUND) {
                memo = memo == NOT_FOUND ? convertValue(value) : merge(memo, value);
            }
        }
        return memo;
    }

    Object convertValue(Object value) {
        return value;
    }

    Object mergeSingle(Object value) {
        return value;
    }

    /** Merges a higher-priority value with a lower-priority one. */
    abstract Object merge(Object higher, Object lower);

    private static final class First extends MergeStrategy {
        @Override
        <V> Object lookup(Collection<V> variants, Function<V, Object> fn) {
            for (V variant : variants) {
                Object value = fn.apply(variant);
                if (value != NOT_FOUND) {
                    return value;
                }
            }
            return NOT_FOUND;
        }

        @Override
        Object merge(Object higher, Object lower) {
            return higher;
        }
    }

    private static final class HashMerge extends MergeStrategy {
        @Override
        Object merge(Object higher, Object lower) {
            Map<?, ?> h = requireHash("The first element of the merge", higher);
            Map<?, ?> l = requireHash("The second element of the merge", lower);
            Map<Object, Object> result = new LinkedHashMap<>(l);
            result.putAll(h);
            return result;
        }

        private static Map<?, ?> requireHash(String what, Object value) {
            if (value instanceof Map<?, ?> map) {
                return map;
            }
            throw new LookupError(what + " has wrong type, expects a Hash value, got " + Types.argumentTypeName(value));
        }
    }

    private static final class Unique extends MergeStrategy {
        @Override
        Object convertValue(Object value) {
            if (value instanceof List<?> list) {
                return flatten(list, new ArrayList<>());
            }
            List<Object> single = new ArrayList<>(1);
            single.add(value);
            return single;
        }

        @Override
        Object mergeSingle(Object value) {
            return value instanceof List<?> list ? new ArrayList<>(new LinkedHashSet<>(list)) : value;
        }

        @Override
        Object merge(Object higher, Object lower) {
            check("The first element of the merge", higher);
            check("The second element of the merge", lower);
            LinkedHashSet<Object> union = new LinkedHashSet<>();
            union.addAll((List<?>) convertValue(higher));
            union.addAll((List<?>) convertValue(lower));
            return new ArrayList<>(union);
        }

        private static void check(String what, Object value) {
            if (value instanceof Map<?, ?>) {
                throw new LookupError(what + " has wrong type, expects a value of type Scalar or Array, got "
                        + Types.argumentTypeName(value));
            }
        }

        private static List<Object> flatten(List<?> list, List<Object> out) {
            for (Object element : list) {
                if (element instanceof List<?> inner) {
                    flatten(inner, out);
                } else {
                    out.add(element);
                }
            }
            return out;
        }
    }

    /** The deep_merge gem's algorithm as Puppet configures it (preserve_unmergeables off). */
    private static final class Deep extends MergeStrategy {
        private final String knockoutPrefix;
        private final boolean sortMergedArrays;
        private final boolean mergeHashArrays;

        Deep(Map<?, ?> options) {
            Object prefix = options.get("knockout_prefix");
            this.knockoutPrefix = prefix == null ? null : prefix.toString();
            if ("".equals(knockoutPrefix)) {
                throw new LookupError("knockout_prefix cannot be an empty string in deep_merge!");
            }
            this.sortMergedArrays = Boolean.TRUE.equals(options.get("sort_merged_arrays"));
            this.mergeHashArrays = Boolean.TRUE.equals(options.get("merge_hash_arrays"));
            for (Object key : options.keySet()) {
                if (!List.of("strategy", "knockout_prefix", "sort_merged_arrays", "merge_hash_arrays").contains(key)) {
                    throw new LookupError("Unsupported deep merge option '" + key + "'");
                }
            }
        }

        @Override
        Object merge(Object higher, Object lower) {
            return deepMerge(deepCopy(higher), deepCopy(lower));
        }

        /** deep_merge!(source, dest): source has priority; both are private copies and may be modified. */
        @SuppressWarnings("unchecked")
        private Object deepMerge(Object source, Object dest) {
            if (source == null) {
                return dest;
            }
            if (dest == null || Boolean.FALSE.equals(dest)) {
                return source;
            }
            if (source instanceof Map<?, ?> sourceMap) {
                for (Map.Entry<?, ?> e : sourceMap.entrySet()) {
                    if (dest instanceof Map<?, ?> destMap) {
                        Map<Object, Object> d = (Map<Object, Object>) destMap;
                        Object existing = d.get(e.getKey());
                        if (existing != null && !Boolean.FALSE.equals(existing)) {
                            d.put(e.getKey(), deepMerge(e.getValue(), existing));
                        } else {
                            d.put(e.getKey(), deepMerge(e.getValue(), deepCopy(e.getValue())));
                        }
                    } else {
                        dest = overwriteUnmergeable(source, dest);
                    }
                }
                return dest;
            }
            if (source instanceof List<?> sourceValue) {
                List<Object> src = (List<Object>) sourceValue;
                if (knockoutPrefix != null && src.contains(knockoutPrefix)) {
                    if (dest instanceof List<?> || dest instanceof Map<?, ?>) {
                        ((Collection<?>) (dest instanceof Map<?, ?> m ? m.keySet() : (List<?>) dest)).clear();
                    } else if (dest instanceof String) {
                        dest = "";
                    } else {
                        dest = null;
                    }
                    src.remove(knockoutPrefix);
                }
                if (dest instanceof List<?> destValue) {
                    List<Object> d = (List<Object>) destValue;
                    if (knockoutPrefix != null) {
                        src.removeIf(item -> {
                            if (item instanceof String s && s.startsWith(knockoutPrefix)) {
                                String stripped = s.substring(knockoutPrefix.length());
                                d.removeIf(x -> x.equals(stripped) || x.equals(s));
                                return true;
                            }
                            return false;
                        });
                    }
                    boolean allHashes = src.stream().allMatch(x -> x instanceof Map) && d.stream().allMatch(x -> x instanceof Map);
                    List<Object> merged;
                    if (mergeHashArrays && allHashes) {
                        merged = new ArrayList<>();
                        for (int i = 0; i < d.size(); i++) {
                            merged.add(deepMerge(i < src.size() ? src.get(i) : new LinkedHashMap<>(), d.get(i)));
                        }
                        for (int i = d.size(); i < src.size(); i++) {
                            merged.add(src.get(i));
                        }
                    } else {
                        LinkedHashSet<Object> union = new LinkedHashSet<>(d);
                        union.addAll(src);
                        merged = new ArrayList<>(union);
                    }
                    if (sortMergedArrays) {
                        merged.sort(Deep::compareSortable);
                    }
                    return merged;
                }
                return overwriteUnmergeable(source, dest);
            }
            return overwriteUnmergeable(source, dest);
        }

        private Object overwriteUnmergeable(Object source, Object dest) {
            if (knockoutPrefix == null) {
                return source;
            }
            if (source instanceof String s) {
                return s.startsWith(knockoutPrefix) ? "" : s;
            }
            if (source instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> src = (List<Object>) list;
                boolean removed = src.removeIf(x -> x instanceof String s && s.startsWith(knockoutPrefix));
                return removed ? "" : src;
            }
            return source;
        }

        private static int compareSortable(Object a, Object b) {
            if (a instanceof String sa && b instanceof String sb) {
                return sa.compareTo(sb);
            }
            if (a instanceof Number na && b instanceof Number nb) {
                return Double.compare(na.doubleValue(), nb.doubleValue());
            }
            throw new LookupError("comparison of " + Types.argumentTypeName(a) + " with " + Types.argumentTypeName(b) + " failed");
        }
    }

    /** A private copy of arrays and hashes, so merging never modifies cached data. */
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }
}
