package io.puppetplane.lang.functions;

import io.puppetplane.lang.erb.RubyValues;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.types.Types;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** stdlib's legacy validate_* functions: they return undef or fail with stdlib's message. */
final class ValidateFunctions {

    private ValidateFunctions() {
    }

    static void register(Map<String, PuppetFunction> registry) {
        registry.put("validate_string", args -> each("validate_string", args,
                v -> v == null || v instanceof String, v -> RubyValues.inspect(v) + " is not a string.  It looks to be a "
                        + rubyClass(v)));
        registry.put("validate_array", args -> each("validate_array", args,
                v -> v instanceof List<?>, v -> RubyValues.inspect(v) + " is not an Array.  It looks to be a " + rubyClass(v)));
        registry.put("validate_hash", args -> each("validate_hash", args,
                v -> v instanceof Map<?, ?>, v -> RubyValues.inspect(v) + " is not a Hash.  It looks to be a " + rubyClass(v)));
        registry.put("validate_bool", args -> each("validate_bool", args,
                v -> v instanceof Boolean, v -> RubyValues.inspect(v) + " is not a boolean.  It looks to be a " + rubyClass(v)));
        registry.put("validate_absolute_path", args -> each("validate_absolute_path", args,
                ValidateFunctions::absolute, v -> RubyValues.inspect(v) + " is not an absolute path."));
    }

    private static Object each(String name, List<Object> args, Predicate<Object> ok,
                               java.util.function.Function<Object, String> message) {
        if (args.isEmpty()) {
            throw new FunctionError(name + "(): wrong number of arguments (0; must be > 0)");
        }
        for (Object v : args) {
            if (name.equals("validate_absolute_path") && v instanceof List<?> list) {
                for (Object e : list) {
                    if (!absolute(e)) {
                        throw new FunctionError(message.apply(e));
                    }
                }
                continue;
            }
            if (!ok.test(v)) {
                throw new FunctionError(message.apply(v));
            }
        }
        return null;
    }

    private static boolean absolute(Object v) {
        return v instanceof String s && (s.startsWith("/") || s.matches("^[A-Za-z]:[\\\\/].*") || s.startsWith("\\\\"));
    }

    private static String rubyClass(Object v) {
        if (v == null) {
            return "NilClass";
        }
        if (v instanceof Long) {
            return "Integer";
        }
        if (v instanceof Boolean b) {
            return b ? "TrueClass" : "FalseClass";
        }
        return Types.argumentTypeName(v);
    }
}
