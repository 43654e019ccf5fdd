package io.puppetplane.lang.eval;

import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;

/**
 * Arithmetic with a Timestamp or Timespan on the left, as Ruby Puppet defines it: numbers are seconds,
 * Timestamp - Timestamp is a Timespan, Timespan / Timespan is a Float ratio.
 */
final class TimeArithmetic {

    private TimeArithmetic() {
    }

    static Object apply(String op, Object a, Object b) {
        if (a instanceof Timestamp ts) {
            return onTimestamp(op, ts, b);
        }
        return onTimespan(op, (Timespan) a, b);
    }

    private static Object onTimestamp(String op, Timestamp ts, Object b) {
        if (op.equals("+")) {
            if (b instanceof Timespan span) {
                return ts.plusNanos(span.nanos());
            }
            if (b instanceof Long || b instanceof Double) {
                return ts.plusNanos(secondsToNanos((Number) b));
            }
            throw new EvalError(anA(b) + " cannot be added to a Timestamp");
        }
        if (op.equals("-")) {
            if (b instanceof Timestamp other) {
                return new Timespan(ts.nanosSince(other));
            }
            if (b instanceof Timespan span) {
                return ts.plusNanos(Math.negateExact(span.nanos()));
            }
            if (b instanceof Long || b instanceof Double) {
                return ts.plusNanos(Math.negateExact(secondsToNanos((Number) b)));
            }
            throw new EvalError(anA(b) + " cannot be subtracted from a Timestamp");
        }
        throw new EvalError("Operator '" + op + "' is not applicable to a Timestamp.");
    }

    private static Object onTimespan(String op, Timespan span, Object b) {
        long n = span.nanos();
        switch (op) {
            case "+":
                if (b instanceof Timestamp ts) {
                    return ts.plusNanos(n);
                }
                if (b instanceof Timespan other) {
                    return new Timespan(Math.addExact(n, other.nanos()));
                }
                if (b instanceof Long || b instanceof Double) {
                    return new Timespan(Math.addExact(n, secondsToNanos((Number) b)));
                }
                throw new EvalError(anA(b) + " cannot be added to a Timespan");
            case "-":
                if (b instanceof Timespan other) {
                    return new Timespan(Math.subtractExact(n, other.nanos()));
                }
                if (b instanceof Long || b instanceof Double) {
                    return new Timespan(Math.subtractExact(n, secondsToNanos((Number) b)));
                }
                throw new EvalError(anA(b) + " cannot be subtracted from a Timespan");
            case "*":
                if (b instanceof Long m) {
                    return new Timespan(Math.multiplyExact(n, m));
                }
                if (b instanceof Double d) {
                    return new Timespan((long) (n * d));
                }
                throw new EvalError("A Timestamp cannot be multiplied by " + anA(b).toLowerCase());
            case "/":
                if (b instanceof Timespan other) {
                    if (other.nanos() == 0) {
                        throw new EvalError("Division by 0");
                    }
                    return (double) n / other.nanos();
                }
                if (b instanceof Long m) {
                    if (m == 0) {
                        throw new EvalError("Division by 0");
                    }
                    return new Timespan(Math.floorDiv(n, m));
                }
                if (b instanceof Double d) {
                    return new Timespan((long) Math.floor(n / d));
                }
                throw new EvalError("A Timespan cannot be divided by " + anA(b).toLowerCase());
            case "%":
                // Ruby's Timespan#% is Integer#divmod on whole seconds; the evaluator refuses a Float divisor.
                if (b instanceof Long m) {
                    if (m == 0) {
                        throw new EvalError("Division by 0");
                    }
                    return Math.floorMod(Math.floorDiv(n, Timestamp.NANOS_PER_SECOND), m);
                }
                if (b instanceof Double) {
                    throw new EvalError("Operator '%' is not applicable to a Timespan when right side is a Float.");
                }
                throw new EvalError("Can not do modulus on a Timespan using " + anA(b).toLowerCase());
            default:
                throw new EvalError("Operator '" + op + "' is not applicable to a Timespan.");
        }
    }

    /** Ruby's (seconds * 1_000_000_000).to_i: floats truncate toward zero. */
    private static long secondsToNanos(Number seconds) {
        if (seconds instanceof Long l) {
            return Math.multiplyExact(l, Timestamp.NANOS_PER_SECOND);
        }
        return (long) (seconds.doubleValue() * Timestamp.NANOS_PER_SECOND);
    }

    private static String anA(Object v) {
        String name = Types.typeName(v);
        return (Values.article(name).equals("an") ? "An " : "A ") + name;
    }
}
