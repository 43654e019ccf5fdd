package io.puppetplane.lang.ruby;

import java.nio.file.Path;
import java.util.List;

/**
 * A function written in Ruby by a module. A modern one ({@code Puppet::Functions.create_function}) has dispatches
 * the caller matches against the arguments; a 3.x one ({@code newfunction}) takes an argument array.
 *
 * @param dispatches in declaration order; empty for a 3.x function
 * @param legacyArity a 3.x function's arity (negative: at least {@code -arity - 1} arguments)
 * @param legacyRvalue whether a 3.x function returns a value ({@code :type => :rvalue})
 */
public record RubyFunction(String name, Path file, Object handle, List<Dispatch> dispatches, boolean legacy,
                           int legacyArity, boolean legacyRvalue) {

    /** One {@code dispatch} block: the method it calls, its parameters, its block parameter. */
    public record Dispatch(String method, List<Param> params, BlockKind block, String blockName, boolean scopeParam) {

        /** Fewest arguments this dispatch accepts. */
        public int minArgs() {
            int n = 0;
            for (Param p : params) {
                if (p.kind == ParamKind.REQUIRED || p.kind == ParamKind.REQUIRED_REPEATED) {
                    n++;
                }
            }
            return n;
        }

        /** Most arguments, or -1 when a repeated parameter takes any number. */
        public int maxArgs() {
            for (Param p : params) {
                if (p.kind == ParamKind.REPEATED || p.kind == ParamKind.REQUIRED_REPEATED) {
                    return -1;
                }
            }
            return params.size();
        }
    }

    /** A dispatch parameter: its Puppet type as written (null: Any), its name. */
    public record Param(ParamKind kind, String type, String name) {
    }

    public enum ParamKind { REQUIRED, OPTIONAL, REPEATED, REQUIRED_REPEATED }

    public enum BlockKind { NONE, REQUIRED, OPTIONAL }
}
