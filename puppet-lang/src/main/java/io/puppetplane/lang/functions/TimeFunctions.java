package io.puppetplane.lang.functions;

import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.time.RubyStrftime;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Puppet 7's {@code strftime}: {@code strftime(Timespan, format)}, {@code strftime(Timestamp, format[, timezone])}
 * (also called as {@code $ts.strftime(...)}), and stdlib's legacy {@code strftime(format[, timezone])} which
 * formats the current time in UTC.
 */
final class TimeFunctions {

    private TimeFunctions() {
    }

    static void register(Map<String, PuppetFunction> registry) {
        // The machine's zone: the timezone 'current' is this machine's offset, as Ruby's Time.now.utc_offset.
        registry.put("strftime", args -> strftime(args, Clock.systemDefaultZone()));
    }

    static Object strftime(List<Object> args, Clock clock) {
        Args a = Args.of("strftime", args, 1, 3);
        Object first = a.get(0);
        try {
            if (first instanceof Timespan span && a.size() == 2) {
                return span.format(a.string(1, "format"));
            }
            if (first instanceof Timestamp ts && a.size() >= 2) {
                return RubyStrftime.format(ts, a.string(1, "format"), timezone(a, 2), clock);
            }
            if (first instanceof String format && a.size() <= 2) {
                return RubyStrftime.format(Timestamp.now(clock), format, timezone(a, 1), clock);
            }
        } catch (IllegalArgumentException e) {
            throw new FunctionError(e.getMessage());
        }
        throw new FunctionError("'strftime' expects one of:\n  (Timespan time_object, String format)\n"
            + "  (Timestamp time_object, String format, String timezone?)\n  (String format, String timezone?)\n"
            + "got (" + String.join(", ", args.stream().map(Types::argumentTypeName).toList()) + ")");
    }

    private static String timezone(Args a, int index) {
        return a.has(index) ? a.string(index, "timezone") : null;
    }
}
