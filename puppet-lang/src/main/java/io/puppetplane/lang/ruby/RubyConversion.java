package io.puppetplane.lang.ruby;

import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.RubyOwned;
import io.puppetplane.lang.value.Sensitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.Ruby;
import org.jruby.RubyArray;
import org.jruby.RubyBignum;
import org.jruby.RubyBoolean;
import org.jruby.RubyFloat;
import org.jruby.RubyHash;
import org.jruby.RubyInteger;
import org.jruby.RubyRegexp;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.javasupport.JavaUtil;
import org.jruby.runtime.builtin.IRubyObject;
import org.jruby.util.RegexpOptions;

/**
 * Puppet values to Ruby objects and back, as Ruby Puppet hands them to functions: undef is nil, default is
 * :default, strings are UTF-8 Strings, integers Integers, arrays and hashes (insertion-ordered) are Ruby's own.
 * Sensitive values are Ruby Puppet's Sensitive (unwrap); resource references the shim's Resource; values Ruby code
 * only passes along (types, timestamps, ...) travel as Java objects.
 */
final class RubyConversion {

    /** The shim's class of Sensitive values, named as Ruby Puppet names it. */
    private static final String SENSITIVE = "Puppet::Pops::Types::PSensitiveType::Sensitive";
    /** Ruby Puppet's time classes, nanoseconds in @nsecs. */
    private static final String TIMESPAN = "Puppet::Pops::Time::Timespan";
    private static final String TIMESTAMP = "Puppet::Pops::Time::Timestamp";

    private RubyConversion() {
    }

    static IRubyObject toRuby(Ruby ruby, Object v) {
        if (v == null) {
            return ruby.getNil();
        }
        if (v instanceof RubyOwned owned && owned.original() instanceof IRubyObject original
            && original.getRuntime() == ruby) {
            return original;
        }
        if (v instanceof String s) {
            return RubyString.newUnicodeString(ruby, s);
        }
        if (v instanceof Long l) {
            return ruby.newFixnum(l);
        }
        if (v instanceof Integer i) {
            return ruby.newFixnum(i);
        }
        if (v instanceof Double d) {
            return ruby.newFloat(d);
        }
        if (v instanceof Boolean b) {
            return ruby.newBoolean(b);
        }
        if (v instanceof List<?> list) {
            RubyArray<?> array = RubyArray.newArray(ruby, list.size());
            for (Object o : list) {
                array.append(toRuby(ruby, o));
            }
            return array;
        }
        if (v instanceof Map<?, ?> map) {
            RubyHash hash = RubyHash.newHash(ruby);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                hash.fastASet(toRuby(ruby, e.getKey()), toRuby(ruby, e.getValue()));
            }
            return hash;
        }
        if (v == Default.DEFAULT) {
            return ruby.newSymbol("default");
        }
        if (v instanceof RegexpValue r) {
            return RubyRegexp.newRegexp(ruby, r.source(), new RegexpOptions());
        }
        if (v instanceof Sensitive sensitive) {
            return ruby.getClassFromPath(SENSITIVE).callMethod(ruby.getCurrentContext(), "new",
                toRuby(ruby, sensitive.value()));
        }
        if (v instanceof io.puppetplane.lang.value.Timespan span) {
            return ruby.getClassFromPath(TIMESPAN).callMethod(ruby.getCurrentContext(), "new",
                ruby.newFixnum(span.nanos()));
        }
        if (v instanceof io.puppetplane.lang.value.Timestamp stamp) {
            return ruby.getClassFromPath(TIMESTAMP).callMethod(ruby.getCurrentContext(), "new",
                ruby.newFixnum(Math.addExact(Math.multiplyExact(stamp.epochSecond(), 1_000_000_000L),
                    stamp.nanoOfSecond())));
        }
        if (v instanceof io.puppetplane.lang.value.ResourceRef ref) {
            return ruby.getModule("Puppetplane").getClass("Resource").callMethod(ruby.getCurrentContext(), "new",
                JavaUtil.convertJavaToRuby(ruby, ref));
        }
        return JavaUtil.convertJavaToRuby(ruby, v);
    }

    /**
     * V as a Puppet value that, handed back to Ruby, is V itself: what Ruby code stores in a scope (setvar) and
     * changes later is seen changed by the Ruby code that looks it up, as in Ruby Puppet.
     */
    static Object toJavaKeepingIdentity(IRubyObject v) {
        Object converted = toJava(v);
        if (converted instanceof Map<?, ?> map) {
            return new RubyOwnedMap(map, v);
        }
        if (converted instanceof List<?> list) {
            return new RubyOwnedList(list, v);
        }
        return converted;
    }

    private static final class RubyOwnedMap extends LinkedHashMap<Object, Object> implements RubyOwned {
        private final transient IRubyObject original;

        RubyOwnedMap(Map<?, ?> entries, IRubyObject original) {
            super(entries);
            this.original = original;
        }

        @Override
        public Object original() {
            return original;
        }
    }

    private static final class RubyOwnedList extends ArrayList<Object> implements RubyOwned {
        private final transient IRubyObject original;

        RubyOwnedList(List<?> elements, IRubyObject original) {
            super(elements);
            this.original = original;
        }

        @Override
        public Object original() {
            return original;
        }
    }

    /** Ruby's answer as a Puppet value; {@code :undef} is undef, other symbols are strings. */
    static Object toJava(IRubyObject v) {
        if (v == null || v.isNil()) {
            return null;
        }
        if (v instanceof RubyString s) {
            return s.decodeString();
        }
        if (v instanceof RubyBignum) {
            throw new IllegalArgumentException("Use of a Ruby Integer outside of Puppet Integer range, got '" + v + "'");
        }
        if (v instanceof RubyInteger i) {
            return i.getLongValue();
        }
        if (v instanceof RubyFloat f) {
            return f.getDoubleValue();
        }
        if (v instanceof RubyBoolean b) {
            return b.isTrue();
        }
        if (v instanceof RubySymbol sym) {
            String name = sym.asJavaString();
            return switch (name) {
                case "undef" -> null;
                case "default" -> Default.DEFAULT;
                default -> name;
            };
        }
        if (v instanceof RubyArray<?> array) {
            List<Object> out = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                out.add(toJava(array.eltInternal(i)));
            }
            return out;
        }
        if (v instanceof RubyHash hash) {
            Map<Object, Object> out = new LinkedHashMap<>();
            hash.visitAll(hash.getRuntime().getCurrentContext(), new RubyHash.VisitorWithState<Map<Object, Object>>() {
                @Override
                public void visit(org.jruby.runtime.ThreadContext context, RubyHash self, IRubyObject key,
                                  IRubyObject value, int index, Map<Object, Object> state) {
                    state.put(toJava(key), toJava(value));
                }
            }, out);
            return out;
        }
        if (v instanceof RubyRegexp re) {
            return RegexpValue.of(re.source().toString());
        }
        String className = v.getMetaClass().getName();
        if (className.equals(TIMESPAN) || className.equals(TIMESTAMP)) {
            long nsecs = v.getInstanceVariables().getInstanceVariable("@nsecs").convertToInteger().getLongValue();
            return className.equals(TIMESPAN) ? new io.puppetplane.lang.value.Timespan(nsecs)
                : new io.puppetplane.lang.value.Timestamp(Math.floorDiv(nsecs, 1_000_000_000L),
                    (int) Math.floorMod(nsecs, 1_000_000_000L));
        }
        if (className.equals(SENSITIVE)) {
            return new Sensitive(toJava(v.callMethod(v.getRuntime().getCurrentContext(), "unwrap")));
        }
        IRubyObject handle = v.getInstanceVariables().getInstanceVariable("@pp_reference");
        if (handle != null && !handle.isNil()) {
            return JavaUtil.unwrapIfJavaObject(handle); // a Puppetplane::Resource: the reference it stands for
        }
        Object unwrapped = JavaUtil.unwrapIfJavaObject(v);
        if (unwrapped != v) {
            return unwrapped;
        }
        return v.asString().decodeString();
    }
}
