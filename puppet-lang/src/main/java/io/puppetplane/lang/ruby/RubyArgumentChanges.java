package io.puppetplane.lang.ruby;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.RubyArray;
import org.jruby.RubyHash;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * Changes a Ruby function made to the Hashes and Arrays it was given, carried back into the Puppet values: in Ruby
 * Puppet the function receives the very objects Puppet holds (a class parameter's Hash), so deleting a key in it
 * is seen wherever that value is used, the catalog included. Our arguments are converted copies, so each one is
 * updated in place after the call, nested Hashes and Arrays keeping their identity.
 */
final class RubyArgumentChanges {

    private RubyArgumentChanges() {
    }

    static void carryBack(List<Object> given, IRubyObject converted) {
        if (!(converted instanceof RubyArray<?> array)) {
            return;
        }
        for (int i = 0; i < given.size() && i < array.size(); i++) {
            update(given.get(i), array.eltInternal(i));
        }
    }

    /** Updates WAS (a Hash or an Array) to what NOW holds; answers whether it could. */
    @SuppressWarnings("unchecked")
    private static boolean update(Object was, IRubyObject now) {
        try {
            if (was instanceof Map<?, ?> map && now instanceof RubyHash hash) {
                Map<Object, Object> target = (Map<Object, Object>) map;
                Map<Object, Object> updated = new LinkedHashMap<>();
                org.jruby.runtime.ThreadContext tc = hash.getRuntime().getCurrentContext();
                RubyArray<?> keys = hash.keys(tc);
                for (int i = 0; i < keys.size(); i++) {
                    IRubyObject key = keys.eltInternal(i);
                    Object k = RubyConversion.toJava(key);
                    Object old = target.get(k);
                    IRubyObject value = hash.op_aref(tc, key);
                    updated.put(k, update(old, value) ? old : RubyConversion.toJava(value));
                }
                if (!updated.equals(target) || !List.copyOf(updated.keySet()).equals(List.copyOf(target.keySet()))) {
                    target.clear();
                    target.putAll(updated);
                }
                return true;
            }
            if (was instanceof List<?> list && now instanceof RubyArray<?> array) {
                List<Object> target = (List<Object>) list;
                List<Object> updated = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    Object old = i < target.size() ? target.get(i) : null;
                    updated.add(update(old, array.eltInternal(i)) ? old : RubyConversion.toJava(array.eltInternal(i)));
                }
                if (!updated.equals(target)) {
                    target.clear();
                    target.addAll(updated);
                }
                return true;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false; // a value that cannot change (or Ruby made it unconvertible): left as it was
        }
        return false;
    }
}
