package io.puppetplane.lang.erb;

import io.puppetplane.lang.erb.RubyValues.RubySymbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A node of a compiled template: Ruby statements, expressions, template text and output. */
interface Node {

    Object eval(Context ctx);

    int line();

    /** Ruby truthiness: only nil and false are false. */
    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    record Text(String text, int line) implements Node {
        public Object eval(Context ctx) {
            ctx.out.append(text);
            return null;
        }
    }

    record Output(Node expr, int line) implements Node {
        public Object eval(Context ctx) {
            ctx.out.append(RubyValues.toS(expr.eval(ctx)));
            return null;
        }
    }

    record Sequence(List<Node> body, int line) implements Node {
        public Object eval(Context ctx) {
            Object last = null;
            for (Node n : body) {
                last = n.eval(ctx);
            }
            return last;
        }
    }

    record Literal(Object value, int line) implements Node {
        public Object eval(Context ctx) {
            return value;
        }
    }

    record Interpolated(List<Node> parts, int line) implements Node {
        public Object eval(Context ctx) {
            StringBuilder sb = new StringBuilder();
            for (Node p : parts) {
                sb.append(RubyValues.toS(p.eval(ctx)));
            }
            return sb.toString();
        }
    }

    record RegexLiteral(String source, Pattern pattern, int line) implements Node {
        public Object eval(Context ctx) {
            return new RubyRegexp(source, pattern);
        }
    }

    record ArrayLiteral(List<Node> elements, int line) implements Node {
        public Object eval(Context ctx) {
            List<Object> out = ctx.own(new ArrayList<>(elements.size()));
            for (Node e : elements) {
                out.add(e.eval(ctx));
            }
            return out;
        }
    }

    record HashLiteral(List<Node> keys, List<Node> values, int line) implements Node {
        public Object eval(Context ctx) {
            Map<Object, Object> out = ctx.own(new LinkedHashMap<>());
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i).eval(ctx), values.get(i).eval(ctx));
            }
            return out;
        }
    }

    record InstanceVariable(String name, int line) implements Node {
        public Object eval(Context ctx) {
            return ctx.variable(line, name);
        }
    }

    record LocalVariable(String name, int line) implements Node {
        public Object eval(Context ctx) {
            return ctx.locals.get(name);
        }
    }

    record Assign(String name, Node value, int line) implements Node {
        public Object eval(Context ctx) {
            Object v = value.eval(ctx);
            ctx.locals.put(name, v);
            return v;
        }
    }

    /** {@code a, b = value}: Ruby gives each name an element of an array value (nil past its end). */
    record MultiAssign(List<String> names, Node value, int line) implements Node {
        public Object eval(Context ctx) {
            Object v = value.eval(ctx);
            List<?> items = v instanceof List<?> l ? l : java.util.Collections.singletonList(v);
            for (int i = 0; i < names.size(); i++) {
                ctx.locals.put(names.get(i), i < items.size() ? items.get(i) : null);
            }
            return v;
        }
    }

    record IndexAssign(Node target, Node index, Node value, int line) implements Node {
        @SuppressWarnings("unchecked")
        public Object eval(Context ctx) {
            Object t = target.eval(ctx);
            Object i = index.eval(ctx);
            Object v = value.eval(ctx);
            if (t instanceof Map<?, ?> m && ctx.owned(t)) {
                ((Map<Object, Object>) m).put(i, v);
                return v;
            }
            if (t instanceof List<?> l && ctx.owned(t) && i instanceof Long n && n >= 0 && n < l.size()) {
                ((List<Object>) l).set(n.intValue(), v);
                return v;
            }
            throw ctx.unsupported(line, "assignment by index to this value");
        }
    }

    record And(Node left, Node right, int line) implements Node {
        public Object eval(Context ctx) {
            Object l = left.eval(ctx);
            return truthy(l) ? right.eval(ctx) : l;
        }
    }

    record Or(Node left, Node right, int line) implements Node {
        public Object eval(Context ctx) {
            Object l = left.eval(ctx);
            return truthy(l) ? l : right.eval(ctx);
        }
    }

    record Not(Node operand, int line) implements Node {
        public Object eval(Context ctx) {
            return !truthy(operand.eval(ctx));
        }
    }

    record If(Node condition, Node then, Node otherwise, int line) implements Node {
        public Object eval(Context ctx) {
            if (truthy(condition.eval(ctx))) {
                return then.eval(ctx);
            }
            return otherwise == null ? null : otherwise.eval(ctx);
        }
    }

    record Case(Node subject, List<List<Node>> whens, List<Node> bodies, Node otherwise, int line) implements Node {
        public Object eval(Context ctx) {
            Object v = subject == null ? null : subject.eval(ctx);
            for (int i = 0; i < whens.size(); i++) {
                for (Node w : whens.get(i)) {
                    Object candidate = w.eval(ctx);
                    boolean hit = subject == null ? truthy(candidate) : RubyMethods.caseEquals(candidate, v, ctx, line);
                    if (hit) {
                        return bodies.get(i).eval(ctx);
                    }
                }
            }
            return otherwise == null ? null : otherwise.eval(ctx);
        }
    }

    record Defined(Node operand, int line) implements Node {
        public Object eval(Context ctx) {
            if (operand instanceof InstanceVariable iv) {
                // Ruby Puppet makes instance variables of the variables that have a value: an undef one is not
                return ctx.scope.lookupVariable(iv.name()) != null ? "instance-variable" : null;
            }
            if (operand instanceof LocalVariable lv) {
                return ctx.locals.containsKey(lv.name()) ? "local-variable" : null;
            }
            if (operand instanceof Call call && call.receiver() == null && call.args().isEmpty() && call.block() == null) {
                // Neither a local variable nor a method the template can call.
                return null;
            }
            throw ctx.unsupported(line, "defined? of anything but a variable");
        }
    }

    /** A block literal: parameters (a nested list means destructuring) and body. */
    record Block(List<Object> params, Node body, int line) {
    }

    record Call(Node receiver, String name, List<Node> args, Block block, int line) implements Node {
        public Object eval(Context ctx) {
            List<Object> values = new ArrayList<>(args.size());
            if (receiver == null) {
                for (Node a : args) {
                    values.add(a.eval(ctx));
                }
                return RubyMethods.callFunction(name, values, block, ctx, line);
            }
            Object self = receiver.eval(ctx);
            for (Node a : args) {
                values.add(a.eval(ctx));
            }
            return RubyMethods.call(self, name, values, block, ctx, line);
        }
    }

    /** The template's {@code scope} object. */
    record ScopeRef(int line) implements Node {
        public Object eval(Context ctx) {
            return Context.SCOPE;
        }
    }

    /** A compiled Ruby regular expression value. */
    record RubyRegexp(String source, Pattern pattern) {
        @Override
        public String toString() {
            return "(?-mix:" + source + ")";
        }
    }

    /** Ruby symbols appear as values too. */
    static RubySymbol symbol(String name) {
        return new RubySymbol(name);
    }
}
