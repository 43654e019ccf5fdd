package io.puppetplane.lang.hiera;

/**
 * The per-call options of a lookup, as given to Puppet's {@code lookup()} function.
 *
 * @param merge the merge behaviour as Puppet passes it: {@code null} (use lookup_options, else first),
 *     a strategy name ({@code "first"}, {@code "unique"}, {@code "hash"}, {@code "deep"}) or a Map with a
 *     {@code "strategy"} key and deep-merge options ({@code "knockout_prefix"}, {@code "sort_merged_arrays"},
 *     {@code "merge_hash_arrays"})
 * @param hasDefault whether a default value was given (a default of undef is a default)
 * @param defaultValue the default value, used when no data source has the key
 */
public record LookupOptions(Object merge, boolean hasDefault, Object defaultValue) {

    private static final LookupOptions NONE = new LookupOptions(null, false, null);

    /** No merge override and no default: a missing key is an error. */
    public static LookupOptions none() {
        return NONE;
    }

    /** These options with the given merge behaviour. */
    public LookupOptions withMerge(Object newMerge) {
        return new LookupOptions(newMerge, hasDefault, defaultValue);
    }

    /** These options with a default value. */
    public LookupOptions withDefault(Object value) {
        return new LookupOptions(merge, true, value);
    }
}
