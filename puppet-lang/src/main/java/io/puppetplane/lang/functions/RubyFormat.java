package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.types.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ruby's {@code Kernel#sprintf}, which Puppet's {@code sprintf()} exposes: flags {@code -+ 0#}, width,
 * precision, {@code *}, positional {@code %1$s} and named {@code %<name>s}/{@code %{name}} references, and the
 * conversions {@code b B c d i u o x X e E f g G s p %}.
 */
final class RubyFormat {

    private RubyFormat() {
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= format.length()) {
                throw new FunctionError("incomplete format specifier; use %% (double %) instead");
            }
            boolean minus = false;
            boolean plus = false;
            boolean space = false;
            boolean zero = false;
            boolean alt = false;
            Integer width = null;
            Integer precision = null;
            Object value = null;
            boolean haveValue = false;
            while (i < format.length()) {
                char f = format.charAt(i);
                if (f == '-') {
                    minus = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '0') {
                    zero = true;
                } else if (f == '#') {
                    alt = true;
                } else if (f == '<' || f == '{') {
                    char close = f == '<' ? '>' : '}';
                    int end = format.indexOf(close, i);
                    if (end < 0) {
                        throw new FunctionError("malformed name - unmatched parenthesis");
                    }
                    String name = format.substring(i + 1, end);
                    if (args.size() != 1 || !(args.get(0) instanceof Map<?, ?> hash)) {
                        throw new FunctionError("one hash required");
                    }
                    if (!hash.containsKey(name)) {
                        throw new FunctionError("key<" + name + "> not found");
                    }
                    value = hash.get(name);
                    haveValue = true;
                    i = end;
                    if (f == '{') {
                        i++;
                        String text = RubyValues.toS(value);
                        pad(out, text, width, minus, false);
                        value = null;
                        haveValue = false;
                        width = -1;
                        break;
                    }
                } else {
                    break;
                }
                i++;
            }
            if (width != null && width == -1) {
                continue;
            }
            int digitsStart = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > digitsStart) {
                int number = Integer.parseInt(format.substring(digitsStart, i));
                if (i < format.length() && format.charAt(i) == '$') {
                    if (number < 1 || number > args.size()) {
                        throw new FunctionError("too few arguments");
                    }
                    value = args.get(number - 1);
                    haveValue = true;
                    i++;
                    while (i < format.length() && "-+ 0#".indexOf(format.charAt(i)) >= 0) {
                        char f = format.charAt(i++);
                        minus |= f == '-';
                        plus |= f == '+';
                        space |= f == ' ';
                        zero |= f == '0';
                        alt |= f == '#';
                    }
                    int ws = i;
                    while (i < format.length() && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    if (i > ws) {
                        width = Integer.parseInt(format.substring(ws, i));
                    }
                } else {
                    width = number;
                }
            } else if (i < format.length() && format.charAt(i) == '*') {
                if (next >= args.size()) {
                    throw new FunctionError("too few arguments");
                }
                long w = toInteger(args.get(next++));
                if (w < 0) {
                    minus = true;
                    w = -w;
                }
                width = (int) w;
                i++;
            }
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                int ps = i;
                if (i < format.length() && format.charAt(i) == '*') {
                    if (next >= args.size()) {
                        throw new FunctionError("too few arguments");
                    }
                    precision = (int) toInteger(args.get(next++));
                    i++;
                } else {
                    while (i < format.length() && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    precision = i > ps ? Integer.parseInt(format.substring(ps, i)) : 0;
                }
            }
            if (i >= format.length()) {
                throw new FunctionError("malformed format string - %" + format.substring(digitsStart));
            }
            char conversion = format.charAt(i++);
            if (conversion == '%') {
                out.append('%');
                continue;
            }
            if (!haveValue) {
                if (next >= args.size()) {
                    throw new FunctionError("too few arguments");
                }
                value = args.get(next++);
            }
            String text;
            switch (conversion) {
                case 's' -> {
                    text = RubyValues.toS(value);
                    if (precision != null && precision < text.length()) {
                        text = text.substring(0, precision);
                    }
                    pad(out, text, width, minus, false);
                    continue;
                }
                case 'p' -> {
                    text = RubyValues.inspect(value);
                    if (precision != null && precision < text.length()) {
                        text = text.substring(0, precision);
                    }
                    pad(out, text, width, minus, false);
                    continue;
                }
                case 'c' -> {
                    text = value instanceof String s ? (s.isEmpty() ? "" : s.substring(0, s.offsetByCodePoints(0, 1)))
                            : new String(Character.toChars((int) toInteger(value)));
                    pad(out, text, width, minus, false);
                    continue;
                }
                case 'd', 'i', 'u' -> text = integerText(BigInteger.valueOf(toInteger(value)), 10, plus, space, precision, false, null);
                case 'x', 'X', 'o', 'b', 'B' -> {
                    int radix = conversion == 'o' ? 8 : (conversion == 'b' || conversion == 'B') ? 2 : 16;
                    long n = toInteger(value);
                    if (n < 0 && !plus && !space) {
                        throw new FunctionError("sprintf: two's complement output of negative numbers ('%"
                                + conversion + "' without '+' or ' ') is not supported here");
                    }
                    String prefix = !alt || n == 0 ? null : switch (conversion) {
                        case 'x' -> "0x";
                        case 'X' -> "0X";
                        case 'b' -> "0b";
                        case 'B' -> "0B";
                        default -> "0";
                    };
                    text = integerText(BigInteger.valueOf(n), radix, plus, space, precision, conversion == 'X', prefix);
                }
                case 'f', 'e', 'E', 'g', 'G', 'a', 'A' -> {
                    if (conversion == 'a' || conversion == 'A') {
                        throw new FunctionError("sprintf: '%" + conversion + "' is not supported here");
                    }
                    text = floatText(toFloat(value), conversion, precision == null ? 6 : precision, plus, space, alt);
                }
                default -> throw new FunctionError("malformed format string - %" + conversion);
            }
            boolean numericZeroPad = zero && !minus && (precision == null || "feEgG".indexOf(conversion) >= 0);
            pad(out, text, width, minus, numericZeroPad);
        }
        return out.toString();
    }

    private static String integerText(BigInteger n, int radix, boolean plus, boolean space, Integer precision,
                                      boolean upper, String prefix) {
        String digits = n.abs().toString(radix);
        if (upper) {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        if (precision != null && digits.length() < precision) {
            digits = "0".repeat(precision - digits.length()) + digits;
        }
        String sign = n.signum() < 0 ? "-" : plus ? "+" : space ? " " : "";
        return sign + (prefix == null ? "" : prefix) + digits;
    }

    private static String floatText(double d, char conversion, int precision, boolean plus, boolean space, boolean alt) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            String s = Double.isNaN(d) ? "NaN" : "Inf";
            return (d < 0 ? "-" : plus ? "+" : space ? " " : "") + s;
        }
        String body;
        switch (conversion) {
            case 'f' -> body = new BigDecimal(Math.abs(d)).setScale(precision, java.math.RoundingMode.HALF_EVEN).toPlainString();
            case 'e', 'E' -> body = exponential(Math.abs(d), precision, conversion == 'E');
            default -> {
                int p = precision == 0 ? 1 : precision;
                double abs = Math.abs(d);
                int exp = abs == 0 ? 0 : (int) Math.floor(Math.log10(abs));
                String e = exponential(abs, p - 1, conversion == 'G');
                // C rounds first, then picks the style from the rounded exponent.
                int roundedExp = Integer.parseInt(e.substring(e.indexOf(conversion == 'G' ? 'E' : 'e') + 1));
                exp = roundedExp;
                if (exp < -4 || exp >= p) {
                    body = alt ? e : stripZerosExponential(e, conversion == 'G' ? 'E' : 'e');
                } else {
                    String f = new BigDecimal(abs).setScale(Math.max(0, p - 1 - exp), java.math.RoundingMode.HALF_EVEN).toPlainString();
                    body = alt ? f : stripZeros(f);
                }
            }
        }
        String sign = (d < 0 || (d == 0 && 1 / d < 0)) ? "-" : plus ? "+" : space ? " " : "";
        return sign + body;
    }

    private static String exponential(double abs, int precision, boolean upper) {
        if (abs == 0) {
            String zeros = precision > 0 ? "." + "0".repeat(precision) : "";
            return "0" + zeros + (upper ? "E+00" : "e+00");
        }
        BigDecimal bd = new BigDecimal(abs).round(new java.math.MathContext(precision + 1, java.math.RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        String digits = bd.unscaledValue().toString();
        while (digits.length() < precision + 1) {
            digits = digits + "0";
        }
        digits = digits.substring(0, precision + 1);
        String mantissa = precision > 0 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        String expText = String.format("%02d", Math.abs(exp));
        return mantissa + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + expText;
    }

    private static String stripZeros(String f) {
        if (!f.contains(".")) {
            return f;
        }
        f = f.replaceAll("0+$", "");
        return f.endsWith(".") ? f.substring(0, f.length() - 1) : f;
    }

    private static String stripZerosExponential(String e, char marker) {
        int at = e.indexOf(marker);
        return stripZeros(e.substring(0, at)) + e.substring(at);
    }

    private static void pad(StringBuilder out, String text, Integer width, boolean left, boolean zeros) {
        if (width == null || text.length() >= width) {
            out.append(text);
            return;
        }
        int fill = width - text.length();
        if (left) {
            out.append(text).append(" ".repeat(fill));
        } else if (zeros) {
            int signLength = !text.isEmpty() && "+- ".indexOf(text.charAt(0)) >= 0 ? 1 : 0;
            if (text.startsWith("0x", signLength) || text.startsWith("0X", signLength)
                    || text.startsWith("0b", signLength) || text.startsWith("0B", signLength)) {
                signLength += 2;
            }
            out.append(text, 0, signLength).append("0".repeat(fill)).append(text.substring(signLength));
        } else {
            out.append(" ".repeat(fill)).append(text);
        }
    }

    /** Ruby's Kernel#Integer as sprintf applies it. */
    static long toInteger(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new FunctionError(RubyValues.floatToS(d));
            }
            return (long) Math.floor(d) == d ? d.longValue() : (long) (d < 0 ? Math.ceil(d) : Math.floor(d));
        }
        if (value instanceof String s) {
            String t = s.strip().replace("_", "");
            try {
                boolean negative = t.startsWith("-");
                String u = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
                long result;
                if (u.startsWith("0x") || u.startsWith("0X")) {
                    result = Long.parseLong(u.substring(2), 16);
                } else if (u.startsWith("0b") || u.startsWith("0B")) {
                    result = Long.parseLong(u.substring(2), 2);
                } else if (u.startsWith("0o") || u.startsWith("0O")) {
                    result = Long.parseLong(u.substring(2), 8);
                } else if (u.length() > 1 && u.startsWith("0")) {
                    result = Long.parseLong(u.substring(1), 8);
                } else {
                    result = Long.parseLong(u);
                }
                return negative ? -result : result;
            } catch (NumberFormatException e) {
                throw new FunctionError("invalid value for Integer(): " + RubyValues.inspect(s));
            }
        }
        if (value == null) {
            throw new FunctionError("can't convert nil into Integer");
        }
        throw new FunctionError("can't convert " + Types.argumentTypeName(value) + " into Integer");
    }

    static double toFloat(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.strip().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new FunctionError("invalid value for Float(): " + RubyValues.inspect(s));
            }
        }
        if (value == null) {
            throw new FunctionError("can't convert nil into Float");
        }
        throw new FunctionError("can't convert " + Types.argumentTypeName(value) + " into Float");
    }
}
