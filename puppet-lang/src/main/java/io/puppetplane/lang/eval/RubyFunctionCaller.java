package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Expr;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.parser.Parser;
import io.puppetplane.lang.ruby.RubyCallContext;
import io.puppetplane.lang.ruby.RubyCodeError;
import io.puppetplane.lang.ruby.RubyFunction;
import io.puppetplane.lang.ruby.RubyFunction.Dispatch;
import io.puppetplane.lang.ruby.RubyFunction.Param;
import io.puppetplane.lang.ruby.RubyFunction.ParamKind;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.TypeValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Calls the Ruby functions modules ship, for one compilation: picks the dispatch whose parameter types accept
 * the arguments (types checked here, with this compilation's type aliases), words refusals as Ruby Puppet
 * does, and lets the Ruby code call back into the compilation.
 */
final class RubyFunctionCaller {

    /** Ruby Puppet's own functions: a module's Ruby function of the same name never replaces one of them. */
    static final Set<String> CORE_FUNCTIONS = readCoreFunctions();

    private final Compilation c;
    private final Functions functions;
    private final Map<String, TypeValue> dispatchTypes = new HashMap<>();

    RubyFunctionCaller(Compilation c, Functions functions) {
        this.c = c;
        this.functions = functions;
    }

    /** The module Ruby function NAME, when one exists and no core function has that name. */
    Optional<RubyFunction> find(String name) {
        String n = name.toLowerCase();
        if (CORE_FUNCTIONS.contains(n)) {
            return Optional.empty();
        }
        try {
            return c.code.rubyModules().function(n);
        } catch (RubyCodeError e) {
            throw new EvalError(e.getMessage());
        }
    }

    Object call(RubyFunction f, List<Object> args, Functions.Closure lambda, Scope s, Loc loc) {
        RubyCallContext context = new CallContext(s, loc);
        try {
            if (f.legacy()) {
                checkLegacyArity(f, args, loc);
                return c.code.rubyModules().callLegacy(f, args, context);
            }
            Dispatch d = dispatchFor(f, args, lambda, loc);
            int arity = lambda == null ? 0 : lambda.lambda().params().size();
            return c.code.rubyModules().call(f, d, args, lambda, arity, context);
        } catch (RubyCodeError e) {
            throw new EvalError(e.getMessage(), loc);
        }
    }

    /** Renders an ERB template in JRuby with the variables visible from S (when the Java ERB engine cannot). */
    String renderErb(String source, String file, Scope s, Loc loc) {
        CallContext context = new CallContext(s, loc);
        try {
            return c.code.rubyModules().renderErb(source, file, context.variables(), context);
        } catch (RubyCodeError e) {
            throw new EvalError(e.getMessage() + " (file: " + file + ")", loc);
        }
    }

    private static void checkLegacyArity(RubyFunction f, List<Object> args, Loc loc) {
        int arity = f.legacyArity();
        if (arity >= 0 && args.size() != arity) {
            throw new EvalError(f.name() + "(): Wrong number of arguments given (" + args.size() + " for " + arity
                + ")", loc);
        }
        if (arity < 0 && args.size() < -arity - 1) {
            throw new EvalError(f.name() + "(): Wrong number of arguments given (" + args.size() + " for minimum "
                + (-arity - 1) + ")", loc);
        }
    }

    private Dispatch dispatchFor(RubyFunction f, List<Object> args, Functions.Closure lambda, Loc loc) {
        List<String> refusals = new ArrayList<>();
        for (Dispatch d : f.dispatches()) {
            String refusal = refusal(f, d, args, lambda);
            if (refusal == null) {
                return d;
            }
            refusals.add(refusal);
        }
        if (f.dispatches().size() == 1) {
            throw new EvalError("'" + f.name() + "' " + refusals.get(0), loc);
        }
        StringBuilder msg = new StringBuilder("The function '" + f.name()
            + "' was called with arguments it does not accept. It expects one of:");
        for (int i = 0; i < refusals.size(); i++) {
            msg.append("\n  (").append(signature(f.dispatches().get(i))).append(")\n    rejected: ")
                .append(refusals.get(i));
        }
        throw new EvalError(msg.toString(), loc);
    }

    /** Why D does not take these arguments, worded after "'name' ", or null when it does. */
    private String refusal(RubyFunction f, Dispatch d, List<Object> args, Functions.Closure lambda) {
        int min = d.minArgs();
        int max = d.maxArgs();
        if (args.size() < min || (max >= 0 && args.size() > max)) {
            String expected = max < 0 ? "at least " + min : min == max ? String.valueOf(min)
                : "between " + min + " and " + max;
            return "expects " + expected + (expected.equals("1") ? " argument" : " arguments") + ", got " + args.size();
        }
        for (int i = 0; i < args.size(); i++) {
            Param p = d.params().get(Math.min(i, d.params().size() - 1));
            if (p.type() == null) {
                continue;
            }
            TypeValue t = type(p.type(), "a parameter of the function '" + f.name() + "' (" + f.file() + ")");
            Object v = args.get(i);
            if (!Types.isInstance(t, v)) {
                return "parameter '" + p.name() + "' " + Types.mismatch(t, v);
            }
        }
        if (lambda != null && d.block() == RubyFunction.BlockKind.NONE) {
            return "does not expect a block";
        }
        if (lambda == null && d.block() == RubyFunction.BlockKind.REQUIRED) {
            return "expects a block";
        }
        return null;
    }

    /** A dispatch type as Ruby prints it: as written, but an alias (Shop::Tier) with what it stands for. */
    private String printedType(String written) {
        if (written == null) {
            return "Any";
        }
        TypeValue t = type(written, "a dispatch parameter");
        return t.isAlias() ? t.toExpandedString() : written;
    }

    private String signature(Dispatch d) {
        return d.params().stream().map(p -> printedType(p.type()) + " " + p.name()
            + (p.kind() == ParamKind.REPEATED || p.kind() == ParamKind.REQUIRED_REPEATED ? "*" : "")
            + (p.kind() == ParamKind.OPTIONAL ? "?" : "")).collect(Collectors.joining(", "));
    }

    /** A dispatch's type as written in Ruby ('Stdlib::Port', 'Variant[String, Array]'), read as Puppet code. */
    private TypeValue type(String written, String usedAs) {
        TypeValue known = dispatchTypes.get(written);
        if (known != null) {
            return known;
        }
        Object v;
        try {
            List<Expr> statements = Parser.parse(written, "<type>", false).statements();
            v = statements.size() == 1 ? c.evaluator().eval(statements.get(0), c.topScope) : null;
        } catch (RuntimeException e) {
            v = null;
        }
        if (!(v instanceof TypeValue t)) {
            throw new EvalError("'" + written + "', " + usedAs + ", is not a Puppet type");
        }
        dispatchTypes.put(written, t);
        return t;
    }

    private static Set<String> readCoreFunctions() {
        try (InputStream in = RubyFunctionCaller.class.getResourceAsStream("/io/puppetplane/lang/ruby/core-functions.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("puppet-lang is missing its list of core functions", e);
        }
    }

    /** What the Ruby code of one call sees of the compilation. */
    private final class CallContext implements RubyCallContext {
        private final Scope scope;
        private final Loc loc;

        CallContext(Scope scope, Loc loc) {
            this.scope = scope;
            this.loc = loc;
        }

        @Override
        public Object callFunction(String name, List<Object> args, Object lambda) {
            return functions.invoke(name, args, null, scope, loc);
        }

        @Override
        public Object callLambda(Object handle, List<Object> args) {
            return functions.callLambda((Functions.Closure) handle, args, loc);
        }

        @Override
        public Object lookupVariable(String name) {
            return scope.lookupVariable(name.startsWith("::") ? name.substring(2) : name);
        }

        @Override
        public boolean variableExists(String name) {
            return scope.isDefined(name.startsWith("::") ? name.substring(2) : name);
        }

        @Override
        public Map<String, Object> variables() {
            Map<String, Object> visible = new java.util.LinkedHashMap<>();
            for (String name : scope.variableNames()) {
                Object v = scope.lookupVariable(name);
                if (v != null) {
                    visible.put(name, v);
                }
            }
            return visible;
        }

        @Override
        public Object fact(String name) {
            Object facts = c.topScope.lookupVariable("facts");
            return facts instanceof Map<?, ?> m ? m.get(name) : null;
        }

        @Override
        public Object findResource(String type, String title) {
            CatalogResource r = c.findResource(type, title);
            return r == null ? null : new ResourceRef(r.type(), r.title());
        }

        @Override
        public Object resourceParameter(Object reference, String name) {
            if (!(reference instanceof ResourceRef ref)) {
                return null;
            }
            CatalogResource r = c.findResource(ref.type(), ref.title());
            return r == null ? null : r.parameters().get(name);
        }

        @Override
        public Object parseType(String written) {
            return type(written, "a type given to Ruby code");
        }

        @Override
        public boolean isInstance(Object type, Object value) {
            return type instanceof TypeValue t && Types.isInstance(t, value);
        }

        @Override
        public String environmentName() {
            return c.code.environmentName();
        }

        @Override
        public String setVariable(String name, Object value) {
            if (name.matches("[0-9]+")) {
                return "Cannot assign to a numeric match result variable '$" + name + "'";
            }
            if (name.equals("facts") || name.equals("trusted") || name.equals("server_facts")) {
                return "Attempt to assign to a reserved variable name: '" + name + "'";
            }
            if (scope.hasLocal(name)) {
                return "Cannot reassign variable '$" + name + "'";
            }
            scope.setLocal(name, value);
            return null;
        }

        @Override
        public boolean functionExists(String name) {
            return functions.exists(name);
        }

        @Override
        public String modulePath(String module) {
            return c.code.moduleDir(module).map(Path::toString).orElse(null);
        }
    }
}
