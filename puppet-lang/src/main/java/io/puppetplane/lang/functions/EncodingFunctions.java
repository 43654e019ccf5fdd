package io.puppetplane.lang.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;

/** Digests, base64 and JSON/YAML (de)serialisation of Puppet's core library and stdlib. */
final class EncodingFunctions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private EncodingFunctions() {
    }

    static void register(Map<String, PuppetFunction> registry) {
        registry.put("md5", args -> digest("md5", "MD5", args));
        registry.put("sha1", args -> digest("sha1", "SHA-1", args));
        registry.put("sha256", args -> digest("sha256", "SHA-256", args));
        // stdlib's digest() uses Puppet's digest_algorithm setting, sha256 by default in Puppet 7.
        registry.put("digest", args -> digest("digest", "SHA-256", args));
        registry.put("base64", EncodingFunctions::base64);
        registry.put("to_json", args -> RubyJson.generate(Args.of("to_json", args, 1, 1).get(0), false));
        registry.put("to_json_pretty", EncodingFunctions::toJsonPretty);
        registry.put("to_yaml", EncodingFunctions::toYaml);
        registry.put("parsejson", EncodingFunctions::parsejson);
        registry.put("parseyaml", EncodingFunctions::parseyaml);
    }

    private static Object digest(String name, String algorithm, List<Object> args) {
        if (args.size() != 1) {
            throw new FunctionError(name + "(): Wrong number of arguments given (" + args.size() + " for 1)");
        }
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(md.digest(RubyValues.toS(args.get(0)).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new FunctionError(name + "(): " + algorithm + " is not available", e);
        }
    }

    private static Object base64(List<Object> args) {
        if (args.size() < 2 || args.size() > 3) {
            throw new FunctionError("base64(): Wrong number of arguments (" + args.size() + "; must be >= 2)");
        }
        Object action = args.get(0);
        if (!"encode".equals(action) && !"decode".equals(action)) {
            throw new FunctionError("base64(): the first argument must be one of 'encode' or 'decode'");
        }
        if (!(args.get(1) instanceof String s)) {
            throw new FunctionError("base64(): the second argument must be a string to base64");
        }
        String method = args.size() > 2 ? String.valueOf(args.get(2)) : "default";
        if (!List.of("default", "strict", "urlsafe").contains(method)) {
            throw new FunctionError("base64(): the third argument must be one of 'default', 'strict', or 'urlsafe'");
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (action.equals("encode")) {
            return switch (method) {
                case "strict" -> Base64.getEncoder().encodeToString(bytes);
                case "urlsafe" -> Base64.getUrlEncoder().encodeToString(bytes);
                default -> encode64(bytes);
            };
        }
        try {
            byte[] decoded = switch (method) {
                case "strict" -> Base64.getDecoder().decode(s);
                case "urlsafe" -> Base64.getUrlDecoder().decode(s);
                default -> Base64.getMimeDecoder().decode(s);
            };
            return new String(decoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new FunctionError("base64(): invalid base64 (" + e.getMessage() + ")");
        }
    }

    /** Ruby's Base64.encode64: lines of 60 characters, each ending with a newline. */
    private static String encode64(byte[] bytes) {
        String all = Base64.getEncoder().encodeToString(bytes);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < all.length(); i += 60) {
            out.append(all, i, Math.min(all.length(), i + 60)).append('\n');
        }
        return out.toString();
    }

    private static Object toYaml(List<Object> args) {
        Args a = Args.of("to_yaml", args, 1, 2);
        if (a.has(1) && !a.hash(1, "options").isEmpty()) {
            throw a.fail("to_yaml(): options are not supported here");
        }
        return PsychYamlWriter.dump(a.get(0));
    }

    private static Object toJsonPretty(List<Object> args) {
        Args a = Args.of("to_json_pretty", args, 1, 3);
        Object data = a.get(0);
        if (a.has(1) && Boolean.TRUE.equals(a.get(1))) {
            data = withoutUndef(data);
        }
        if (a.has(2) && a.get(2) != null) {
            throw a.fail("to_json_pretty(): opts are not supported here");
        }
        return RubyJson.generate(data, true) + "\n";
    }

    private static Object withoutUndef(Object data) {
        if (data instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) {
                if (e != null) {
                    out.add(withoutUndef(e));
                }
            }
            return out;
        }
        if (data instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, withoutUndef(v));
                }
            });
            return out;
        }
        return data;
    }

    private static Object parsejson(List<Object> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new FunctionError("parsejson(): Wrong number of arguments (" + args.size() + "; must be 1 or 2)");
        }
        String text = RubyValues.toS(args.get(0));
        try {
            return normalize(JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            if (args.size() > 1) {
                return args.get(1);
            }
            throw new FunctionError("parsejson(): unable to parse JSON: " + e.getOriginalMessage());
        }
    }

    private static Object parseyaml(List<Object> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new FunctionError("parseyaml(): Wrong number of arguments (" + args.size() + "; must be 1 or 2)");
        }
        String text = RubyValues.toS(args.get(0));
        try {
            Object value = PsychYaml.load(text);
            // Psych's safe_load answers false for an empty document.
            return value == null && text.isBlank() ? Boolean.FALSE : normalize(value);
        } catch (YAMLException | FunctionError e) {
            if (args.size() > 1) {
                return args.get(1);
            }
            throw new FunctionError("parseyaml(): unable to parse YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Object normalize(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return b.longValue();
            }
            throw new FunctionError("integer " + b + " is out of range");
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(normalize(e)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(normalize(k), normalize(v)));
            return out;
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        throw new FunctionError("unsupported YAML value of class " + value.getClass().getSimpleName());
    }
}
