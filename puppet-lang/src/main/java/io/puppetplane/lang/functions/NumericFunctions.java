package io.puppetplane.lang.functions;

import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import java.util.List;
import java.util.Map;

/** Numeric functions of Puppet 7's core library. */
final class NumericFunctions {

    private NumericFunctions() {
    }

    static void register(Map<String, PuppetFunction> registry) {
        registry.put("abs", NumericFunctions::abs);
        registry.put("ceiling", args -> {
            Number n = Args.of("ceiling", args, 1, 1).numeric(0, "val");
            return n instanceof Long ? n : (Object) (long) Math.ceil(n.doubleValue());
        });
        registry.put("floor", args -> {
            Number n = Args.of("floor", args, 1, 1).numeric(0, "val");
            return n instanceof Long ? n : (Object) (long) Math.floor(n.doubleValue());
        });
        registry.put("round", args -> {
            Number n = Args.of("round", args, 1, 1).numeric(0, "val");
            if (n instanceof Long) {
                return n;
            }
            double d = n.doubleValue();
            // Ruby rounds halves away from zero.
            return (long) (d < 0 ? -Math.floor(-d + 0.5) : Math.floor(d + 0.5));
        });
        registry.put("max", args -> extreme("max", args, 1));
        registry.put("min", args -> extreme("min", args, -1));
    }

    /** stdlib's abs(), which replaces the core one where stdlib is installed: numeric strings are accepted. */
    private static Object abs(List<Object> args) {
        Args a = Args.of("abs", args, 1, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
            if (s.matches("^-?\\d+$")) {
                v = Long.parseLong(s);
            } else if (s.matches("^-?\\d+\\.\\d+$")) {
                v = Double.parseDouble(s);
            } else {
                throw a.fail("abs(): Requires float or integer to work with - was given non decimal string");
            }
        }
        if (v instanceof Long l) {
            return Math.abs(l);
        }
        if (v instanceof Double d) {
            return Math.abs(d);
        }
        throw a.fail("abs(): Requires float or integer to work with");
    }

    private static Object extreme(String name, List<Object> args, int sign) {
        Args a = Args.of(name, args, 1, Integer.MAX_VALUE);
        if (args.size() == 1 && args.get(0) instanceof List<?> single && !single.isEmpty()) {
            // $array.max: the extreme of the array's elements
            return extreme(name, new java.util.ArrayList<>(single), sign);
        }
        boolean allTimestamps = args.stream().allMatch(v -> v instanceof Timestamp);
        boolean allTimespans = args.stream().allMatch(v -> v instanceof Timespan);
        if (allTimestamps || allTimespans) {
            Object best = args.get(0);
            for (Object v : args.subList(1, args.size())) {
                int cmp = allTimestamps ? ((Timestamp) v).compareTo((Timestamp) best)
                        : ((Timespan) v).compareTo((Timespan) best);
                if (cmp * sign > 0) {
                    best = v;
                }
            }
            return best;
        }
        boolean allNumeric = args.stream().allMatch(v -> v instanceof Long || v instanceof Double);
        boolean allStrings = args.stream().allMatch(v -> v instanceof String);
        if (!allNumeric && !allStrings) {
            throw a.fail("'" + name + "' of mixed or non-scalar values (" + args.stream().map(Types::argumentTypeName).toList()
                    + ") is not supported here: give all Numeric or all String values");
        }
        Object best = args.get(0);
        for (Object v : args.subList(1, args.size())) {
            int cmp = allNumeric ? Double.compare(((Number) v).doubleValue(), ((Number) best).doubleValue())
                    : ((String) v).compareTo((String) best);
            if (cmp * sign > 0) {
                best = v;
            }
        }
        return best;
    }

}
