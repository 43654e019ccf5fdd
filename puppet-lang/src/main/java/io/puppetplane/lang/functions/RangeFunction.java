package io.puppetplane.lang.functions;

import io.puppetplane.lang.spi.FunctionError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** stdlib's range(): integers, letters, and strings with a numeric suffix ("host01".."host05"). */
final class RangeFunction {

    private static final Pattern PREFIXED = Pattern.compile("^(.*?)(\\d+)$");
    private static final Pattern DOTTED = Pattern.compile("^(.+?)(\\.\\.\\.?)(.+)$");
    private static final int LIMIT = 1_000_000;

    private RangeFunction() {
    }

    static Object range(List<Object> args) {
        if (args.isEmpty()) {
            throw new FunctionError("range(): Wrong number of arguments given (0 for 1)");
        }
        Object start = args.get(0);
        Object stop;
        boolean exclusive = false;
        long step = 1;
        if (args.size() == 1) {
            if (!(start instanceof String s) || !DOTTED.matcher(s).matches()) {
                throw new FunctionError("range(): Unable to compute range from the value: " + start);
            }
            Matcher m = DOTTED.matcher(s);
            m.matches();
            start = m.group(1);
            exclusive = m.group(2).length() == 3;
            stop = m.group(3);
        } else {
            stop = args.get(1);
            if (args.size() > 2) {
                step = Math.abs(RubyFormat.toInteger(args.get(2)));
                if (step == 0) {
                    step = 1;
                }
            }
        }
        List<Object> out = new ArrayList<>();
        Long from = asInteger(start);
        Long to = asInteger(stop);
        if (from != null && to != null) {
            long end = exclusive ? to - 1 : to;
            for (long i = from; i <= end; i += step) {
                out.add(i);
                check(out);
            }
            return out;
        }
        String a = String.valueOf(start);
        String b = String.valueOf(stop);
        Matcher ma = PREFIXED.matcher(a);
        Matcher mb = PREFIXED.matcher(b);
        if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
            String prefix = ma.group(1);
            int width = ma.group(2).length();
            long lo = Long.parseLong(ma.group(2));
            long hi = Long.parseLong(mb.group(2));
            long end = exclusive ? hi - 1 : hi;
            for (long i = lo; i <= end; i += step) {
                out.add(prefix + String.format("%0" + width + "d", i));
                check(out);
            }
            return out;
        }
        if (a.length() == 1 && b.length() == 1 && a.charAt(0) > b.charAt(0)) {
            // Ruby's string range from a later to an earlier character is empty.
            return out;
        }
        if (a.length() == 1 && b.length() == 1 && Character.isLetter(a.charAt(0)) && Character.isLetter(b.charAt(0))) {
            char end = exclusive ? (char) (b.charAt(0) - 1) : b.charAt(0);
            for (char c = a.charAt(0); c <= end; c += (char) step) {
                out.add(String.valueOf(c));
            }
            return out;
        }
        throw new FunctionError("range(): a range from '" + a + "' to '" + b + "' is not supported here");
    }

    private static Long asInteger(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof String s && s.matches("-?\\d+")) {
            return Long.parseLong(s);
        }
        return null;
    }

    private static void check(List<Object> out) {
        if (out.size() > LIMIT) {
            throw new FunctionError("range(): the range has more than " + LIMIT + " elements");
        }
    }
}
