package io.puppetplane.lang.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries an Array adds to a Hash with {@code +}, as Ruby Puppet's concatenate makes them: an Array of Arrays
 * is a list of [key, value] pairs, any other Array alternates keys and values.
 */
final class HashAppend {

    private HashAppend() {
    }

    /**
     * Puppet 8 makes an Array of Arrays a Hash with Ruby's Array#to_h, which wants every one a [key, value] pair;
     * Puppet 7's Hash[] also took a lone key (mapped to undef).
     */
    static void checkPairsAsPuppet8(List<?> appended) {
        if (appended.isEmpty() || !appended.stream().allMatch(e -> e instanceof List<?>)) {
            return;
        }
        for (int i = 0; i < appended.size(); i++) {
            int size = ((List<?>) appended.get(i)).size();
            if (size != 2) {
                throw new EvalError("wrong array length at " + i + " (expected 2, was " + size + ")");
            }
        }
    }

    static Map<Object, Object> entriesOf(List<?> appended) {
        Map<Object, Object> out = new LinkedHashMap<>();
        boolean pairs = !appended.isEmpty() && appended.stream().allMatch(e -> e instanceof List<?>);
        if (pairs) {
            for (Object e : appended) {
                List<?> pair = (List<?>) e;
                if (pair.isEmpty() || pair.size() > 2) {
                    // Ruby's Hash[] on a pair of the wrong size
                    throw new EvalError("invalid number of elements (" + pair.size() + " for 1..2)");
                }
                out.put(pair.get(0), pair.size() == 2 ? pair.get(1) : null);
            }
            return out;
        }
        if (appended.size() % 2 != 0) {
            throw new EvalError("odd number of arguments for Hash");
        }
        for (int i = 0; i < appended.size(); i += 2) {
            out.put(appended.get(i), appended.get(i + 1));
        }
        return out;
    }
}
