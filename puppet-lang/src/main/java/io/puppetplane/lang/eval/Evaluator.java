package io.puppetplane.lang.eval;

import static io.puppetplane.lang.eval.Compilation.capitalize;

import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Evaluates expressions and statements, as Ruby Puppet's evaluator_impl: literals, variables and assignment,
 * operators, match and in, case and selector; calls, resources, overrides, collectors, {@code []} and the arrows
 * go to the part of the compilation that owns them.
 */
final class Evaluator {

    private final Compilation compilation;

    Evaluator(Compilation compilation) {
        this.compilation = compilation;
    }

    void evalStatement(Expr e, Scope s) {
        eval(e, s);
    }

    Object evalBlock(Block b, Scope s) {
        Object last = null;
        for (Expr e : b.statements()) {
            last = eval(e, s);
        }
        return last;
    }

    Object eval(Expr e, Scope s) {
        try {
            return evalInner(e, s);
        } catch (EvalError err) {
            throw err.at(e.loc());
        } catch (ArithmeticException ex) {
            throw new EvalError("integer overflow", e.loc());
        } catch (IllegalArgumentException ex) {
            throw new EvalError(ex.getMessage(), e.loc());
        } catch (StackOverflowError ex) {
            throw new EvalError("Expression nesting is too deep", e.loc());
        }
    }

    private Object evalInner(Expr e, Scope s) {
        if (e instanceof Literal l) {
            return l.value();
        }
        if (e instanceof Variable v) {
            return variable(v, s);
        }
        if (e instanceof Interpolated ip) {
            StringBuilder sb = new StringBuilder();
            for (Object part : ip.parts()) {
                if (part instanceof String str) {
                    sb.append(str);
                } else {
                    sb.append(Values.str(eval((Expr) part, s)));
                }
            }
            return sb.toString();
        }
        if (e instanceof BareWord b) {
            return b.name();
        }
        if (e instanceof Call c) {
            return compilation.functions.call(c, s);
        }
        if (e instanceof MethodCall m) {
            return compilation.functions.callMethod(m, s);
        }
        if (e instanceof ResourceDecl r) {
            return compilation.resourceDeclarations().declareResources(r, s);
        }
        if (e instanceof Assign a) {
            return assign(a, s);
        }
        if (e instanceof Block b) {
            return evalBlock(b, s);
        }
        if (e instanceof If i) {
            boolean c = Values.truthy(eval(i.condition(), s));
            if (i.unless()) {
                c = !c;
            }
            if (c) {
                return evalBlock(i.then(), s);
            }
            return i.otherwise() == null ? null : eval(i.otherwise(), s);
        }
        if (e instanceof Case c) {
            return evalCase(c, s);
        }
        if (e instanceof Selector sel) {
            return evalSelector(sel, s);
        }
        if (e instanceof ArrayLit a) {
            List<Object> out = new ArrayList<>(a.elements().size());
            for (Expr el : a.elements()) {
                if (el instanceof Unary u && u.op().equals("*")) {
                    Object v = eval(u.operand(), s);
                    if (v instanceof List<?> l) {
                        out.addAll(l);
                    } else {
                        out.add(v);
                    }
                } else {
                    out.add(eval(el, s));
                }
            }
            return out;
        }
        if (e instanceof HashLit h) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < h.keys().size(); i++) {
                out.put(eval(h.keys().get(i), s), eval(h.values().get(i), s));
            }
            return out;
        }
        if (e instanceof Binary b) {
            return binary(b, s);
        }
        if (e instanceof Unary u) {
            Object v = eval(u.operand(), s);
            return switch (u.op()) {
                case "!" -> !Values.truthy(v);
                case "-" -> {
                    if (v instanceof Long n) {
                        yield Math.negateExact(n);
                    }
                    if (v instanceof Double d) {
                        yield -d;
                    }
                    if (v instanceof io.puppetplane.lang.value.Timespan span) {
                        yield new io.puppetplane.lang.value.Timespan(Math.negateExact(span.nanos()));
                    }
                    Number n = Values.toNumber(v, "-");
                    refuseCoercion(v, n, u.loc());
                    yield n instanceof Long l ? -l : -n.doubleValue();
                }
                default -> v instanceof List ? v : new ArrayList<>(java.util.Collections.singletonList(v));
            };
        }
        if (e instanceof Access a) {
            return compilation.accessOperator().access(a, s);
        }
        if (e instanceof TypeRef t) {
            return compilation.accessOperator().typeRef(t.name());
        }
        if (e instanceof RegexLit r) {
            return RegexpValue.of(r.source());
        }
        if (e instanceof Relationship r) {
            return compilation.relationshipOperator().evaluate(r, s);
        }
        if (e instanceof ResourceDefaults d) {
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Loc> locs = new LinkedHashMap<>();
            for (AttributeOp op : d.attributes()) {
                values.put(op.name(), eval(op.value(), s));
                locs.put(op.name(), op.loc());
            }
            s.addDefaults(capitalize(d.type().toLowerCase()), values, locs);
            return null;
        }
        if (e instanceof ResourceOverride o) {
            return compilation.collectors().override(o, s);
        }
        if (e instanceof Collector c) {
            return compilation.collectors().add(c, s);
        }
        if (e instanceof DefinitionStatement) {
            return null;
        }
        if (e instanceof Lambda) {
            throw new EvalError("A lambda can only be given to a function call");
        }
        if (e instanceof Query) {
            throw new EvalError("A query can only be used in a collector");
        }
        throw new EvalError("Unsupported expression " + e.getClass().getSimpleName());
    }

    // ---------------------------------------------------------------- variables

    Object variable(Variable v, Scope s) {
        Object value = lookupVariable(s, v.name());
        if (value == Scope.MISSING) {
            if (compilation.language().strictVariables() && isStrictlyChecked(v.name())
                && !isUngivenSetting(v.name())) {
                throw new EvalError("Unknown variable: '" + v.name() + "'.", v.loc());
            }
            return null;
        }
        return value;
    }

    /** Every Ruby Puppet setting is a variable of its settings class; one the server did not give reads as undef. */
    private static boolean isUngivenSetting(String name) {
        String qualified = name.startsWith("::") ? name.substring(2) : name;
        return qualified.startsWith("settings::") && Compilation.isPuppetSetting(qualified.substring(10));
    }

    /** Match groups ($0, $1, ...) and Ruby's built-in module_name and caller_module_name always exist. */
    private static boolean isStrictlyChecked(String name) {
        String local = name.startsWith("::") ? name.substring(2) : name;
        return !(local.isEmpty() || Character.isDigit(local.charAt(0)) || local.equals("module_name")
            || local.equals("caller_module_name"));
    }

    /** Resolves $x, $::x, $a::b::x and $0..$n; Scope.MISSING when unknown. */
    Object lookupVariable(Scope s, String name) {
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            Object g = s.matchGroup(Integer.parseInt(name));
            return g == null ? Scope.MISSING : g;
        }
        if (name.startsWith("::")) {
            name = name.substring(2);
            if (!name.contains("::")) {
                return compilation.topScope.find(name) == Scope.MISSING ? Scope.MISSING
                    : compilation.topScope.find(name);
            }
        }
        int idx = name.lastIndexOf("::");
        if (idx < 0) {
            return s.find(name);
        }
        String cls = name.substring(0, idx).toLowerCase();
        String var = name.substring(idx + 2);
        Scope cs = compilation.classScopes.get(cls);
        if (cs == null) {
            return Scope.MISSING;
        }
        return cs.find(var);
    }

    private Object assign(Assign a, Scope s) {
        Object value = eval(a.value(), s);
        if (a.target() instanceof Variable v) {
            setVariable(v.name(), value, s, a.loc());
        } else if (a.target() instanceof ArrayLit targets) {
            if (value instanceof List<?> l) {
                if (l.size() != targets.elements().size()) {
                    throw new EvalError("Mismatched number of assignable entries and values, expected "
                        + targets.elements().size() + ", got " + l.size(), a.loc());
                }
                for (int i = 0; i < l.size(); i++) {
                    setVariable(((Variable) targets.elements().get(i)).name(), l.get(i), s, a.loc());
                }
            } else if (value instanceof Map<?, ?> m) {
                for (Expr t : targets.elements()) {
                    String n = ((Variable) t).name();
                    if (!m.containsKey(n)) {
                        throw new EvalError("No value for required variable '$" + n + "' in hash", a.loc());
                    }
                    setVariable(n, m.get(n), s, a.loc());
                }
            }
        } else {
            throw new EvalError("Illegal attempt to assign to '" + describe(a.target()) + "'. Not an assignable"
                + " reference", a.loc());
        }
        return value;
    }

    private static String describe(Expr e) {
        if (e instanceof Literal l) {
            return "a " + Types.typeName(l.value()) + " value";
        }
        return "an " + e.getClass().getSimpleName() + " Expression";
    }

    void setVariable(String name, Object value, Scope s, Loc loc) {
        if (name.contains("::")) {
            throw new EvalError("Illegal attempt to assign to '$" + name + "'. Cannot assign to variables in"
                + " other namespaces", loc);
        }
        if (Character.isDigit(name.charAt(0))) {
            throw new EvalError("Illegal attempt to assign to 'a Match Variable'. Not an assignable reference",
                loc);
        }
        if (name.equals("facts") || name.equals("trusted") || name.equals("server_facts")) {
            throw new EvalError("Attempt to assign to a reserved variable name: '$" + name + "'", loc);
        }
        if (s.hasLocal(name)) {
            throw new EvalError("Cannot reassign variable '$" + name + "'", loc);
        }
        s.setLocal(name, value);
    }

    // ---------------------------------------------------------------- operators

    private Object binary(Binary b, Scope s) {
        String op = b.op();
        if (op.equals("and")) {
            return Values.truthy(eval(b.left(), s)) && Values.truthy(eval(b.right(), s));
        }
        if (op.equals("or")) {
            return Values.truthy(eval(b.left(), s)) || Values.truthy(eval(b.right(), s));
        }
        Object l = eval(b.left(), s);
        Object r = eval(b.right(), s);
        switch (op) {
            case "==":
                return Values.equal(l, r);
            case "!=":
                return !Values.equal(l, r);
            case "<":
                return Values.compare(l, r) < 0;
            case ">":
                return Values.compare(l, r) > 0;
            case "<=":
                return Values.compare(l, r) <= 0;
            case ">=":
                return Values.compare(l, r) >= 0;
            case "=~":
                return match(l, r, s);
            case "!~":
                return !match(l, r, s);
            case "in":
                return in(l, r, s);
            default:
                if (compilation.language().strictErrors() && !(l instanceof List || l instanceof Map)) {
                    // Ruby converts the left operand, then the right: the first numeric string is the one refused
                    if (l instanceof String str && Values.parseNumber(str.trim()) != null) {
                        refuseCoercion(l, Values.parseNumber(str.trim()), b.left().loc());
                    } else if ((l instanceof Long || l instanceof Double) && r instanceof String str
                        && Values.parseNumber(str.trim()) != null) {
                        refuseCoercion(r, Values.parseNumber(str.trim()), b.right().loc());
                    }
                }
                try {
                    if (op.equals("+") && l instanceof Map && r instanceof List<?> pairs
                        && compilation.language() == io.puppetplane.lang.LanguageVersion.PUPPET_8) {
                        HashAppend.checkPairsAsPuppet8(pairs);
                    }
                    return Values.arithmetic(op, l, r);
                } catch (EvalError e) {
                    // Ruby Puppet places a failed conversion at the operand that could not be converted
                    if (e.loc() == null && e.getMessage().endsWith("cannot be converted to Numeric.")) {
                        throw e.at(notNumeric(l) ? b.left().loc() : b.right().loc());
                    }
                    throw e;
                }
        }
    }

    /** Puppet 8 (strict = error) refuses arithmetic on a string that looks like a number; Puppet 7 warns. */
    private void refuseCoercion(Object value, Number number, Loc loc) {
        if (value instanceof String str && compilation.language().strictErrors()) {
            throw new EvalError("The string '" + str + "' was automatically coerced to the numerical value "
                + Values.str(number), loc);
        }
    }

    private static boolean notNumeric(Object v) {
        return !(v instanceof Long || v instanceof Double)
            && !(v instanceof String str && Values.parseNumber(str.trim()) != null);
    }

    boolean match(Object l, Object r, Scope s) {
        if (r instanceof TypeValue t) {
            return Types.isInstance(t, l);
        }
        RegexpValue re;
        if (r instanceof RegexpValue rv) {
            re = rv;
        } else if (r instanceof String str) {
            re = RegexpValue.of(str);
        } else {
            throw new EvalError("Right operand of =~ must be a Regexp, String or Type, got " + Types.typeName(r));
        }
        if (!(l instanceof String str)) {
            throw new EvalError("Left operand of =~ must be a String, got " + Types.typeName(l));
        }
        Matcher m = re.pattern().matcher(str);
        if (m.find()) {
            s.setMatch(groupsOf(m));
            return true;
        }
        return false;
    }

    static List<String> groupsOf(Matcher m) {
        List<String> g = new ArrayList<>(m.groupCount() + 1);
        for (int i = 0; i <= m.groupCount(); i++) {
            g.add(m.group(i));
        }
        return g;
    }

    private boolean in(Object l, Object r, Scope s) {
        if (r instanceof String rs) {
            if (l instanceof String ls) {
                return rs.toLowerCase().contains(ls.toLowerCase());
            }
            if (l instanceof RegexpValue re) {
                return re.pattern().matcher(rs).find();
            }
            return false;
        }
        if (r instanceof List<?> list) {
            for (Object e : list) {
                if (l instanceof RegexpValue re ? (e instanceof String es && re.pattern().matcher(es).find())
                    : l instanceof TypeValue t ? Types.isInstance(t, e) : Values.equal(l, e)) {
                    return true;
                }
            }
            return false;
        }
        if (r instanceof Map<?, ?> m) {
            return in(l, new ArrayList<>(m.keySet()), s);
        }
        return false;
    }

    private Object evalCase(Case c, Scope s) {
        Object subject = eval(c.subject(), s);
        CaseOption dflt = null;
        for (CaseOption o : c.options()) {
            for (Expr ve : o.values()) {
                Object v = eval(ve, s);
                if (v == Default.DEFAULT) {
                    dflt = o;
                    continue;
                }
                if (caseMatch(subject, v, s)) {
                    return evalBlock(o.body(), s);
                }
            }
        }
        return dflt == null ? null : evalBlock(dflt.body(), s);
    }

    private boolean caseMatch(Object subject, Object v, Scope s) {
        if (v instanceof RegexpValue re) {
            if (subject instanceof String str) {
                Matcher m = re.pattern().matcher(str);
                if (m.find()) {
                    s.setMatch(groupsOf(m));
                    return true;
                }
            }
            return false;
        }
        if (v instanceof TypeValue t) {
            return Types.isInstance(t, subject);
        }
        if (v instanceof List<?> l && subject instanceof List<?> sl) {
            if (l.size() != sl.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!caseMatch(sl.get(i), l.get(i), s)) {
                    return false;
                }
            }
            return true;
        }
        return Values.equal(subject, v);
    }

    private Object evalSelector(Selector sel, Scope s) {
        Object subject = eval(sel.subject(), s);
        int dflt = -1;
        for (int i = 0; i < sel.matches().size(); i++) {
            Object v = eval(sel.matches().get(i), s);
            if (v == Default.DEFAULT) {
                dflt = i;
                continue;
            }
            if (caseMatch(subject, v, s)) {
                return eval(sel.values().get(i), s);
            }
        }
        if (dflt >= 0) {
            return eval(sel.values().get(dflt), s);
        }
        throw new EvalError("No matching entry for selector parameter with value '" + Values.str(subject) + "'",
            sel.loc());
    }
}
