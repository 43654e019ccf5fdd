package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.types.Types;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The functions that depend on the node's name: Puppet's {@code fqdn_rand} and stdlib's {@code fqdn_rotate}.
 * The evaluator binds them to the node, per compilation: {@code fqdn_rand} takes
 * {@code $facts['networking']['fqdn']}, {@code fqdn_rotate} takes the top-scope {@code $::fqdn} (as the Ruby
 * implementations do).
 */
public final class FqdnFunctions {

    private FqdnFunctions() {
    }

    /** {@code fqdn_rand(max, seed = undef, downcase = false)}: a number in [0, max) stable for a node and seed. */
    public static PuppetFunction fqdnRand(String fqdn) {
        return args -> {
            if (args.isEmpty()) {
                throw new FunctionError("fqdn_rand(): Wrong number of arguments given (0 for 1)");
            }
            long max = rubyToI(args.get(0));
            Object seed = args.size() > 1 ? args.get(1) : null;
            boolean downcase = args.size() > 2 && args.get(2) != null && !Boolean.FALSE.equals(args.get(2));
            String name = fqdn == null ? "" : downcase ? fqdn.toLowerCase(Locale.ROOT) : fqdn;
            if (max <= 0) {
                throw new FunctionError("fqdn_rand(): max must be a positive integer, got " + max);
            }
            return random(name + ":" + max + ":" + joined(seed), max);
        };
    }

    /** stdlib's {@code fqdn_rotate(value, *seeds)}: a String or Array rotated by a node-stable offset. */
    public static PuppetFunction fqdnRotate(String fqdn) {
        return args -> {
            if (args.isEmpty()) {
                throw new FunctionError("fqdn_rotate(): Wrong number of arguments given (" + args.size() + " for 1)");
            }
            Object value = args.get(0);
            if (!(value instanceof List<?>) && !(value instanceof String)) {
                throw new FunctionError("fqdn_rotate(): Requires either array or string to work with");
            }
            List<Object> elements = new ArrayList<>();
            if (value instanceof String s) {
                s.codePoints().forEach(cp -> elements.add(new String(Character.toChars(cp))));
            } else {
                elements.addAll((List<?>) value);
            }
            if (elements.size() <= 1) {
                return value;
            }
            StringBuilder seed = new StringBuilder(fqdn == null ? "" : fqdn).append(':');
            seed.append(joined(args.subList(1, args.size())));
            long offset = random(seed.toString(), elements.size());
            java.util.Collections.rotate(elements, (int) -offset);
            if (value instanceof String) {
                return String.join("", elements.stream().map(Object::toString).toList());
            }
            return elements;
        };
    }

    private static long random(String seedText, long max) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(seedText.getBytes(StandardCharsets.UTF_8));
            return new RubyRandom(new BigInteger(HexFormat.of().formatHex(md5), 16)).nextLong(max);
        } catch (NoSuchAlgorithmException e) {
            throw new FunctionError("MD5 is not available", e);
        }
    }

    /** Ruby's Array#join(':') of a value: nested arrays flattened, nil empty. */
    private static String joined(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object e : list) {
                parts.add(joined(e));
            }
            return String.join(":", parts);
        }
        return RubyValues.toS(value);
    }

    /** Ruby's to_i: integers as they are, leading digits of strings, 0 otherwise. */
    private static long rubyToI(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d.longValue();
        }
        if (value instanceof String s) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(s);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
        throw new FunctionError("fqdn_rand(): max must be an Integer, got " + Types.argumentTypeName(value));
    }
}
