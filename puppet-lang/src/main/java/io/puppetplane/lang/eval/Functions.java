package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.erb.ErbTemplate;
import io.puppetplane.lang.functions.DataFunctions;
import io.puppetplane.lang.hiera.LookupOptions;
import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.types.TypeCalculator;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.Sensitive;
import io.puppetplane.lang.value.Timespan;
import io.puppetplane.lang.value.Timestamp;
import io.puppetplane.lang.value.TypeValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functions that need the scope or the catalog (include, each, lookup, template, ...), Puppet-language
 * functions, and the data functions of {@link DataFunctions} for everything else.
 */
final class Functions {

    private final Compilation c;
    private final RubyFunctionCaller ruby;
    private Boolean stdlibPresent;

    Functions(Compilation c) {
        this.c = c;
        this.ruby = new RubyFunctionCaller(c, this);
    }

    /** Ends an iteration step ({@code next}) or the whole iteration ({@code break}). */
    static final class NextSignal extends RuntimeException {
        final Object value;

        NextSignal(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    static final class BreakSignal extends RuntimeException {
        BreakSignal() {
            super(null, null, false, false);
        }
    }

    static final class ReturnSignal extends RuntimeException {
        final Object value;

        ReturnSignal(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    /** A lambda with the scope it closes over. */
    record Closure(Lambda lambda, Scope scope) implements Types.Callable {
    }

    Object call(Call call, Scope s) {
        List<Object> args = evalArgs(call.args(), s);
        Closure lambda = call.lambda() == null ? null : new Closure(call.lambda(), s);
        return invoke(call.name(), args, lambda, s, call.loc());
    }

    Object callMethod(MethodCall m, Scope s) {
        List<Object> args = new ArrayList<>();
        args.add(c.evaluator().eval(m.receiver(), s));
        args.addAll(evalArgs(m.args(), s));
        Closure lambda = m.lambda() == null ? null : new Closure(m.lambda(), s);
        return invoke(m.name(), args, lambda, s, m.loc());
    }

    private List<Object> evalArgs(List<Expr> exprs, Scope s) {
        List<Object> args = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            if (e instanceof Unary u && u.op().equals("*")) {
                Object v = c.evaluator().eval(u.operand(), s);
                if (v instanceof List<?> l) {
                    args.addAll(l);
                } else {
                    args.add(v);
                }
            } else {
                args.add(c.evaluator().eval(e, s));
            }
        }
        return args;
    }

    Object invoke(String name, List<Object> args, Closure lambda, Scope s, Loc loc) {
        String n = name.startsWith("::") ? name.substring(2) : name;
        switch (n) {
            case "include":
                c.resourceDeclarations().includeClasses(classNames(args), s, loc, true);
                return null;
            case "contain": {
                List<CatalogResource> rs = c.resourceDeclarations().includeClasses(classNames(args), s, loc, true);
                for (CatalogResource r : rs) {
                    c.addContainment(s.resource, r);
                }
                return null;
            }
            case "require": {
                List<CatalogResource> rs = c.resourceDeclarations().includeClasses(classNames(args), s, loc, true);
                for (CatalogResource r : rs) {
                    Object current = s.resource.parameters().get("require");
                    List<Object> list = new ArrayList<>();
                    if (current instanceof List<?> l) {
                        list.addAll(l);
                    } else if (current != null) {
                        list.add(current);
                    }
                    list.add(new ResourceRef("Class", r.title()));
                    s.resource.parameters().put("require", list);
                }
                return null;
            }
            case "realize":
                for (Object a : flatten(args)) {
                    if (a instanceof ResourceRef r) {
                        c.realize(r, loc);
                    } else {
                        throw new EvalError("realize(): expects resource references, got " + Types.typeName(a), loc);
                    }
                }
                return null;
            case "tag":
                for (Object a : flatten(args)) {
                    Compilation.addTagTo(s.resource.tags(), Values.str(a));
                }
                return null;
            case "tagged": {
                for (Object a : flatten(args)) {
                    String t = Values.str(a).toLowerCase();
                    if (!s.resource.tags().contains(t) && !c.catalogTags().contains(t)) {
                        return false;
                    }
                }
                return true;
            }
            case "defined":
                return defined(args, s);
            case "fail":
                throw new EvalError(joinStrings(args), loc);
            case "notice", "info", "warning", "debug", "err", "alert", "crit", "emerg":
                return null;
            case "create_resources":
                return createResources(args, s, loc);
            case "ensure_resource", "ensure_resources", "ensure_packages", "defined_with_params":
                if (hasStdlib()) {
                    return StdlibResources.call(this, c, n, args, s, loc);
                }
                break;
            case "each":
                return each(args, lambda, loc, false);
            case "reverse_each":
                return reverseEach(args, lambda, loc);
            case "map":
                return map(args, lambda, loc);
            case "filter":
                return filter(args, lambda, loc);
            case "reduce":
                return reduce(args, lambda, loc);
            case "with":
                return callLambda(requireLambda(n, lambda, loc), args, loc);
            case "slice":
                return slice(args, lambda, loc);
            case "step":
                return step(args, lambda, loc);
            case "lookup":
                return lookup(args, lambda, s, loc);
            case "template":
                return template(args, s, loc);
            case "file":
                return file(args, loc);
            case "tree_each":
                return treeEach(args, lambda, loc);
            case "generate":
                return generate(args, loc);
            case "any":
                return anyOrAll(args, lambda, loc, true);
            case "all":
                return anyOrAll(args, lambda, loc, false);
            case "group_by":
                return groupBy(args, lambda, loc);
            case "partition":
                return partition(args, lambda, loc);
            case "index":
                return index(args, lambda, loc);
            case "convert_to": {
                if (args.size() < 2) {
                    throw new EvalError("'convert_to' expects at least 2 arguments, got " + args.size(), loc);
                }
                List<Object> newArgs = new ArrayList<>();
                newArgs.add(args.get(1));
                newArgs.add(args.get(0));
                newArgs.addAll(args.subList(2, args.size()));
                Object converted = Conversions.create(newArgs, loc);
                return lambda == null ? converted : callLambda(lambda, java.util.Collections.singletonList(converted), loc);
            }
            case "call":
                if (args.isEmpty() || !(args.get(0) instanceof String fn)) {
                    throw new EvalError("'call' parameter 'function_name' expects a String value, got "
                        + Types.argumentTypeName(args.isEmpty() ? null : args.get(0)), loc);
                }
                return invoke(fn, new ArrayList<>(args.subList(1, args.size())), lambda, s, loc);
            case "getvar":
                return getvar(args, s, loc);
            case "shellquote":
                return shellquote(args);
            case "find_file":
                return findInModules(args, "files");
            case "find_template":
                return findInModules(args, "templates");
            case "module_directory": {
                for (Object a : flatten(args)) {
                    Optional<Path> m = c.code.moduleDir(Values.str(a));
                    if (m.isPresent()) {
                        return m.get().toString();
                    }
                }
                return null;
            }
            case "hiera", "hiera_array", "hiera_hash": {
                if (args.isEmpty()) {
                    throw new EvalError("'" + n + "' expects at least 1 argument, got none", loc);
                }
                List<Object> la = new ArrayList<>();
                la.add(args.get(0));
                la.add(null);
                la.add(n.equals("hiera") ? "first" : n.equals("hiera_array") ? "unique" : "hash");
                if (args.size() > 1) {
                    la.add(args.get(1));
                }
                return lookup(la, lambda, s, loc);
            }
            case "hiera_include": {
                Object classes = lookup(new ArrayList<>(java.util.Arrays.asList(args.isEmpty() ? null : args.get(0),
                    null, "unique")), lambda, s, loc);
                c.resourceDeclarations().includeClasses(classNames(java.util.Collections.singletonList(classes)), s,
                    loc, true);
                return null;
            }
            case "fqdn_rand":
                return callData(io.puppetplane.lang.functions.FqdnFunctions.fqdnRand(networkingFqdn()), args, loc);
            case "fqdn_rotate":
                if (ruby.find(n).isPresent() || !hasStdlib()) {
                    return callData(io.puppetplane.lang.functions.FqdnFunctions.fqdnRotate(
                        Values.str(c.topScope.lookupVariable("fqdn"))), args, loc);
                }
                break;
            case "inline_template":
                return inlineTemplate(args, s, loc);
            case "epp":
                return epp(args, s, loc);
            case "inline_epp":
                return inlineEpp(args, s, loc);
            case "assert_type":
                return assertType(args, lambda, loc);
            case "type":
                return typeOf(args, loc);
            case "new":
                return Conversions.create(args, loc);
            case "next":
                throw new NextSignal(args.isEmpty() ? null : args.get(0));
            case "break":
                throw new BreakSignal();
            case "return":
                throw new ReturnSignal(args.isEmpty() ? null : args.get(0));
            case EppTemplates.TEXT, EppTemplates.EXPR:
                EppTemplates.emit(args.isEmpty() ? null : args.get(0));
                return null;
            case "then":
                return args.get(0) == null ? null : callLambda(requireLambda(n, lambda, loc), args.subList(0, 1), loc);
            case "scanf":
                // Puppet's scanf requires Ruby's scanf library, which left Ruby with 2.7: Puppet 7 on Ruby 3.1 fails so
                throw new EvalError("cannot load such file -- scanf", loc);
            case "lest":
                return args.get(0) != null ? args.get(0) : callLambda(requireLambda(n, lambda, loc), List.of(), loc);
            case "puppetdb_query":
                if (c.puppetDb != null) { // the PuppetDB terminus' function: present with storeconfigs
                    return puppetDbQuery(args, loc);
                }
                break;
            default:
                break;
        }
        FunctionDef pf = c.findFunction(n);
        if (pf != null) {
            return callPuppetFunction(pf, args, lambda, loc);
        }
        Optional<io.puppetplane.lang.ruby.RubyFunction> rf = ruby.find(n);
        if (rf.isPresent()) {
            return ruby.call(rf.get(), args, lambda, s, loc);
        }
        PuppetFunction df = dataFunction(n);
        if (df != null && !RubyFunctionCaller.CORE_FUNCTIONS.contains(n) && hasStdlib()) {
            // with stdlib on the modulepath its own Ruby is the truth: a name it does not ship is unknown
            df = null;
        }
        if (df != null) {
            try {
                return df.call(args);
            } catch (FunctionError e) {
                throw new EvalError(e.getMessage(), loc);
            } catch (UnsupportedOperationException e) {
                throw new EvalError("Unknown function: '" + n + "'.", loc);
            }
        }
        throw new EvalError("Unknown function: '" + n + "'.", loc);
    }

    /** Whether {@link #invoke} knows a function of this name: Puppet's own, the environment's, or a module's. */
    boolean exists(String name) {
        String n = name.startsWith("::") ? name.substring(2) : name;
        return RubyFunctionCaller.CORE_FUNCTIONS.contains(n) || c.findFunction(n) != null || ruby.find(n).isPresent()
            || (dataFunction(n) != null && !hasStdlib());
    }

    private static PuppetFunction dataFunction(String name) {
        try {
            return DataFunctions.lookup(name).orElse(null);
        } catch (UnsupportedOperationException e) {
            // the data function library is not there yet: such names are unknown functions
            return null;
        }
    }

    private static List<Object> flatten(List<Object> args) {
        List<Object> out = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof List<?> l) {
                out.addAll(flatten(new ArrayList<>(l)));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static List<String> classNames(List<Object> args) {
        List<String> names = new ArrayList<>();
        for (Object a : flatten(args)) {
            if (a instanceof ResourceRef r && r.type().equals("Class")) {
                names.add(r.title());
            } else if (a instanceof TypeValue t && t.name().equals("Class") && !t.params().isEmpty()) {
                names.add(String.valueOf(t.params().get(0)));
            } else if (a instanceof String str) {
                names.add(str);
            } else {
                throw new EvalError("Cannot use " + Types.typeName(a) + " where a class name is expected");
            }
        }
        return names;
    }

    private static String joinStrings(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (Object a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Values.str(a));
        }
        return sb.toString();
    }

    private Object defined(List<Object> args, Scope s) {
        for (Object a : args) {
            if (a instanceof String str) {
                if (str.startsWith("$")) {
                    if (c.evaluator().lookupVariable(s, str.substring(1)) != Scope.MISSING) {
                        return true;
                    }
                } else if (c.findClass(str) != null || c.isKnownType(str) || c.findFunction(str) != null) {
                    return true;
                }
            } else if (a instanceof ResourceRef r) {
                if (c.resourceFor(r) != null) {
                    return true;
                }
            } else if (a instanceof TypeValue t && t.name().equals("Resource") && t.params().size() == 1) {
                if (c.isKnownType(String.valueOf(t.params().get(0)))) {
                    return true;
                }
            } else if (a instanceof TypeValue) {
                return true;
            }
        }
        return false;
    }

    private Object createResources(List<Object> args, Scope s, Loc loc) {
        if (args.size() < 2 || !(args.get(1) instanceof Map<?, ?> instances)) {
            throw new EvalError("create_resources(): expects a type name and a Hash of resources", loc);
        }
        String type = Compilation.stripTopScope(Values.str(args.get(0)).toLowerCase());
        Map<?, ?> defaults = args.size() > 2 && args.get(2) instanceof Map<?, ?> m ? m : Map.of();
        String form = "regular";
        if (type.startsWith("@@")) {
            form = "exported";
            type = type.substring(2);
        } else if (type.startsWith("@")) {
            form = "virtual";
            type = type.substring(1);
        }
        for (Map.Entry<?, ?> e : instances.entrySet()) {
            // defaults.merge(params), as Ruby Puppet does: default keys keep their place
            Map<String, Object> params = new LinkedHashMap<>();
            for (Map.Entry<?, ?> d : defaults.entrySet()) {
                params.put(String.valueOf(d.getKey()), d.getValue());
            }
            if (e.getValue() instanceof Map<?, ?> given) {
                for (Map.Entry<?, ?> p : given.entrySet()) {
                    params.put(String.valueOf(p.getKey()), p.getValue());
                }
            }
            declareLikeCreateResources(type, e.getKey(), params, form, s, loc);
        }
        return null;
    }

    /** Declares a resource the way the 3.x function API does (no exported flag of its own). */
    void declareLikeCreateResources(String type, Object title, Map<String, Object> params, String form, Scope s,
                                    Loc loc) {
        Object ref = c.resourceDeclarations().declare(type, title, params, Map.of(), form, s, loc, loc);
        if (ref instanceof ResourceRef rr && form.equals("regular") && c.resourceFor(rr) != null) {
            c.resourceFor(rr).exportedUnset(true);
        }
    }

    // ---------------------------------------------------------------- iteration

    private static Closure requireLambda(String fn, Closure lambda, Loc loc) {
        if (lambda == null) {
            throw new EvalError("'" + fn + "' expects a block", loc);
        }
        return lambda;
    }

    /** Calls a lambda; {@code next} ends only this call. */
    Object callLambda(Closure cl, List<Object> args, Loc loc) {
        Lambda l = cl.lambda();
        Scope local = new Scope(Scope.Kind.LOCAL, cl.scope(), cl.scope(), cl.scope().resource, cl.scope().name, c);
        bindCallParams(l.params(), args, local, "lambda", loc);
        c.enterCall(loc);
        try {
            return c.evaluator().evalBlock(l.body(), local);
        } catch (NextSignal n) {
            return n.value;
        } finally {
            c.exitCall();
        }
    }

    private void bindCallParams(List<Param> params, List<Object> args, Scope local, String what, Loc loc) {
        int required = 0;
        for (Param p : params) {
            if (p.defaultValue() == null && !p.captureRest()) {
                required++;
            }
        }
        boolean rest = !params.isEmpty() && params.get(params.size() - 1).captureRest();
        if (args.size() < required || (!rest && args.size() > params.size())) {
            String expected = rest ? "at least " + required : (required == params.size() ? String.valueOf(required)
                : "between " + required + " and " + params.size());
            throw new EvalError("'" + what + "' expects " + (expected.equals("1") ? "1 argument" : expected
                + " arguments") + ", got " + args.size(), loc);
        }
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Object v;
            if (p.captureRest()) {
                v = new ArrayList<>(i < args.size() ? args.subList(i, args.size()) : List.of());
            } else if (i < args.size()) {
                v = args.get(i);
            } else {
                v = c.evaluator().eval(p.defaultValue(), local);
            }
            if (p.type() != null) {
                Object t = c.evaluator().eval(p.type(), local);
                if (t instanceof TypeValue tv) {
                    Object check = p.captureRest() ? null : v;
                    if (!p.captureRest() && !Types.isInstance(tv, check)) {
                        String who = what.equals("lambda") ? "block parameter '" : "'" + what + "' parameter '";
                        throw new EvalError(who + p.name() + "' " + Types.mismatch(tv, v), loc);
                    }
                }
            }
            local.setLocal(p.name(), v);
        }
    }

    private Object callPuppetFunction(FunctionDef f, List<Object> args, Closure lambda, Loc loc) {
        Scope local = new Scope(Scope.Kind.LOCAL, c.topScope, c.topScope, c.topScope.resource, f.name(), c);
        bindCallParams(f.params(), args, local, f.name(), loc);
        c.enterCall(loc);
        Object result;
        try {
            result = c.evaluator().evalBlock(f.body(), local);
        } catch (ReturnSignal r) {
            result = r.value;
        } finally {
            c.exitCall();
        }
        if (f.returnType() != null) {
            Object t = c.evaluator().eval(f.returnType(), local);
            if (t instanceof TypeValue tv && !Types.isInstance(tv, result)) {
                throw new EvalError("value returned from " + f.name() + " has wrong type, "
                    + Types.mismatch(tv, result), loc);
            }
        }
        return result;
    }

    private static int arity(Closure cl) {
        return cl.lambda().params().size();
    }

    private static List<Object> iterable(Object v, Loc loc, String fn) {
        if (v instanceof io.puppetplane.lang.value.IteratorValue it) {
            return new ArrayList<>(it.items());
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (v instanceof Map<?, ?> m) {
            List<Object> out = new ArrayList<>(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<Object> pair = new ArrayList<>(2);
                pair.add(e.getKey());
                pair.add(e.getValue());
                out.add(pair);
            }
            return out;
        }
        if (v instanceof Long n && n >= 0) {
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        if (v instanceof String s) {
            List<Object> out = new ArrayList<>();
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        if (v instanceof TypeValue t && t.name().equals("Integer") && t.params().size() == 2) {
            List<Object> out = new ArrayList<>();
            for (long i = (Long) t.params().get(0); i <= (Long) t.params().get(1); i++) {
                out.add(i);
            }
            return out;
        }
        throw new EvalError("'" + fn + "' expects an Iterable value, got " + Types.typeName(v), loc);
    }

    /** Arguments for one element: (value), (index, value), or for hashes (key, value) / ([key, value]). */
    private static List<Object> elementArgs(Object collection, int index, Object element, int arity) {
        if (collection instanceof Map) {
            List<?> pair = (List<?>) element;
            return arity >= 2 ? List.of(nullable(pair.get(0)), nullable(pair.get(1))).stream().map(Functions::unbox)
                .toList() : java.util.Collections.singletonList(element);
        }
        if (arity >= 2) {
            List<Object> a = new ArrayList<>(2);
            a.add((long) index);
            a.add(element);
            return a;
        }
        return java.util.Collections.singletonList(element);
    }

    private static final Object NULL = new Object();

    private static Object nullable(Object o) {
        return o == null ? NULL : o;
    }

    private static Object unbox(Object o) {
        return o == NULL ? null : o;
    }

    private Object each(List<Object> args, Closure lambda, Loc loc, boolean unused) {
        Closure cl = requireLambda("each", lambda, loc);
        Object coll = args.get(0);
        List<Object> items = iterable(coll, loc, "each");
        try {
            for (int i = 0; i < items.size(); i++) {
                callLambda(cl, elementArgs(coll, i, items.get(i), arity(cl)), loc);
            }
        } catch (BreakSignal b) {
            // break ends the iteration early
        }
        return coll;
    }

    private Object reverseEach(List<Object> args, Closure lambda, Loc loc) {
        Object coll = args.get(0);
        List<Object> items = iterable(coll, loc, "reverse_each");
        java.util.Collections.reverse(items);
        if (lambda == null) {
            return new io.puppetplane.lang.value.IteratorValue(items);
        }
        try {
            for (Object item : items) {
                callLambda(lambda, java.util.Collections.singletonList(item), loc);
            }
        } catch (BreakSignal b) {
            // break ends the iteration early
        }
        return coll;
    }

    private Object map(List<Object> args, Closure lambda, Loc loc) {
        Closure cl = requireLambda("map", lambda, loc);
        Object coll = args.get(0);
        List<Object> items = iterable(coll, loc, "map");
        List<Object> out = new ArrayList<>(items.size());
        try {
            for (int i = 0; i < items.size(); i++) {
                out.add(callLambda(cl, elementArgs(coll, i, items.get(i), arity(cl)), loc));
            }
        } catch (BreakSignal b) {
            // break ends the iteration early
        }
        return out;
    }

    private Object filter(List<Object> args, Closure lambda, Loc loc) {
        Closure cl = requireLambda("filter", lambda, loc);
        Object coll = args.get(0);
        List<Object> items = iterable(coll, loc, "filter");
        try {
            if (coll instanceof Map<?, ?> m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < items.size(); i++) {
                    List<?> pair = (List<?>) items.get(i);
                    if (Values.truthy(callLambda(cl, elementArgs(coll, i, pair, arity(cl)), loc))) {
                        out.put(pair.get(0), pair.get(1));
                    }
                }
                return out;
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (Values.truthy(callLambda(cl, elementArgs(coll, i, items.get(i), arity(cl)), loc))) {
                    out.add(items.get(i));
                }
            }
            return out;
        } catch (BreakSignal b) {
            return new ArrayList<>();
        }
    }

    private Object reduce(List<Object> args, Closure lambda, Loc loc) {
        Closure cl = requireLambda("reduce", lambda, loc);
        List<Object> items = iterable(args.get(0), loc, "reduce");
        Object memo;
        int start;
        if (args.size() > 1) {
            memo = args.get(1);
            start = 0;
        } else {
            if (items.isEmpty()) {
                return null;
            }
            memo = items.get(0);
            start = 1;
        }
        try {
            for (int i = start; i < items.size(); i++) {
                List<Object> a = new ArrayList<>(2);
                a.add(memo);
                a.add(items.get(i));
                memo = callLambda(cl, a, loc);
            }
        } catch (BreakSignal b) {
            // break ends the iteration early
        }
        return memo;
    }

    private Object slice(List<Object> args, Closure lambda, Loc loc) {
        List<Object> items = iterable(args.get(0), loc, "slice");
        int size = (int) (long) (Long) args.get(1);
        if (size <= 0) {
            throw new EvalError("slice(): size must be a positive integer", loc);
        }
        List<Object> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(new ArrayList<>(items.subList(i, Math.min(items.size(), i + size))));
        }
        if (lambda == null) {
            return chunks;
        }
        try {
            for (Object chunk : chunks) {
                List<?> l = (List<?>) chunk;
                callLambda(lambda, arity(lambda) > 1 ? new ArrayList<>(l) : java.util.Collections.singletonList(l),
                    loc);
            }
        } catch (BreakSignal b) {
            // break ends the iteration early
        }
        return args.get(0);
    }

    private Object step(List<Object> args, Closure lambda, Loc loc) {
        List<Object> items = iterable(args.get(0), loc, "step");
        long step = (Long) args.get(1);
        if (step <= 0) {
            throw new EvalError("step(): step must be a positive integer", loc);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += step) {
            out.add(items.get(i));
        }
        if (lambda == null) {
            return new io.puppetplane.lang.value.IteratorValue(out);
        }
        try {
            for (Object item : out) {
                callLambda(lambda, java.util.Collections.singletonList(item), loc);
            }
        } catch (BreakSignal b) {
            // break ends the iteration early
        }
        return args.get(0);
    }

    // ---------------------------------------------------------------- lookup, templates, types

    private Object lookup(List<Object> args, Closure lambda, Scope s, Loc loc) {
        if (args.isEmpty()) {
            throw new EvalError("'lookup' expects at least 1 argument, got none", loc);
        }
        Object nameArg = args.get(0);
        Object valueType = null;
        Object merge = null;
        boolean hasDefault = false;
        Object dflt = null;
        if (args.size() == 2 && args.get(1) instanceof Map<?, ?> opts) {
            valueType = opts.get("value_type");
            merge = opts.get("merge");
            if (opts.containsKey("default_value")) {
                hasDefault = true;
                dflt = opts.get("default_value");
            }
        } else {
            if (args.size() > 1) {
                valueType = args.get(1);
            }
            if (args.size() > 2) {
                merge = args.get(2);
            }
            if (args.size() > 3) {
                hasDefault = true;
                dflt = args.get(3);
            }
        }
        List<Object> names = nameArg instanceof List<?> l ? new ArrayList<>(l) : List.of(nameArg);
        Object result = null;
        boolean found = false;
        for (Object name : names) {
            if (c.hiera == null) {
                break;
            }
            try {
                LookupOptions options = LookupOptions.none().withMerge(merge);
                Optional<io.puppetplane.lang.hiera.HieraLookup.LookupHit> hit =
                    c.hiera.find(Values.str(name), options, s);
                if (hit.isPresent()) {
                    result = hit.get().value();
                    found = true;
                    break;
                }
            } catch (UnsupportedOperationException e) {
                break;
            } catch (RuntimeException e) {
                throw new EvalError(e.getMessage(), loc);
            }
        }
        if (!found) {
            if (lambda != null) {
                result = callLambda(lambda, List.of(Values.str(names.get(0))), loc);
            } else if (hasDefault) {
                result = dflt;
            } else {
                throw new EvalError("Function lookup() did not find a value for the name '"
                    + Values.str(names.get(0)) + "'", loc);
            }
        }
        if (valueType instanceof TypeValue tv && !Types.isInstance(tv, result)) {
            throw new EvalError("Function lookup() found value for '" + Values.str(names.get(0)) + "' that "
                + Types.mismatch(tv, result).replaceFirst("^expects", "does not match; expected"), loc);
        }
        return result;
    }

    /** module/file.erb → MODULE/templates/file.erb; an absolute path is used as is. */
    private Path templatePath(String ref, String dir, Loc loc) {
        if (Path.of(ref).isAbsolute()) {
            return Path.of(ref); // reading it reports a missing one
        }
        return moduleFile(ref, dir).filter(Files::isRegularFile)
            .orElseThrow(() -> new EvalError("Could not find template '" + ref + "'", loc));
    }

    /** A module reference (mod/file, under the module's DIR) or an absolute path, as template/file/find_* read them. */
    private Optional<Path> moduleFile(String ref, String dir) {
        Path p = Path.of(ref);
        if (p.isAbsolute()) {
            return Optional.of(p);
        }
        int slash = ref.indexOf('/');
        return slash > 0
            ? c.code.moduleDir(ref.substring(0, slash)).map(m -> m.resolve(dir).resolve(ref.substring(slash + 1)))
            : Optional.empty();
    }

    private static String read(Path p, Loc loc) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvalError("Could not read " + p + ": " + e.getMessage(), loc);
        }
    }

    /**
     * tree_each(tree, options) |path, value|: every node of a tree of arrays and hashes, depth first (or breadth
     * first), with options include_root, include_containers, include_values.
     */
    private Object treeEach(List<Object> args, Closure lambda, Loc loc) {
        Closure cl = requireLambda("tree_each", lambda, loc);
        if (args.isEmpty() || args.size() > 2 || (args.size() == 2 && !(args.get(1) instanceof Map<?, ?>))) {
            throw new EvalError("'tree_each' expects a tree (Array or Hash) and an optional Hash of options", loc);
        }
        Object tree = args.get(0);
        Map<?, ?> options = args.size() == 2 ? (Map<?, ?>) args.get(1) : Map.of();
        for (Object key : options.keySet()) {
            if (!List.of("order", "include_root", "include_containers", "include_values", "include_refs",
                "container_type").contains(String.valueOf(key))) {
                throw new EvalError("'tree_each' parameter 'options' entry '" + key + "' is not a known option", loc);
            }
        }
        boolean breadthFirst = "breadth_first".equals(options.get("order"));
        boolean root = !Boolean.FALSE.equals(options.get("include_root"));
        boolean containers = !Boolean.FALSE.equals(options.get("include_containers"));
        boolean values = !Boolean.FALSE.equals(options.get("include_values"));
        List<List<Object>> nodes = new ArrayList<>(); // [path, value]
        if (breadthFirst) {
            java.util.ArrayDeque<List<Object>> queue = new java.util.ArrayDeque<>();
            queue.add(java.util.Arrays.asList(List.of(), tree));
            while (!queue.isEmpty()) {
                List<Object> node = queue.poll();
                nodes.add(node);
                queue.addAll(children(node));
            }
        } else {
            depthFirst(java.util.Arrays.asList(List.of(), tree), nodes);
        }
        for (List<Object> node : nodes) {
            boolean isRoot = ((List<?>) node.get(0)).isEmpty();
            boolean container = node.get(1) instanceof List<?> || node.get(1) instanceof Map<?, ?>;
            if ((isRoot && !root) || (container && !containers) || (!container && !values)) {
                continue;
            }
            List<Object> pair = new ArrayList<>(List.of(new ArrayList<>((List<?>) node.get(0))));
            pair.add(node.get(1));
            try {
                callLambda(cl, arity(cl) >= 2 ? pair : java.util.Collections.singletonList(node.get(1)), loc);
            } catch (BreakSignal b) {
                break;
            }
        }
        return tree;
    }

    private static void depthFirst(List<Object> node, List<List<Object>> out) {
        out.add(node);
        for (List<Object> child : children(node)) {
            depthFirst(child, out);
        }
    }

    private static List<List<Object>> children(List<Object> node) {
        List<?> path = (List<?>) node.get(0);
        List<List<Object>> out = new ArrayList<>();
        if (node.get(1) instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                List<Object> p = new ArrayList<>(path);
                p.add((long) i);
                out.add(java.util.Arrays.asList(p, l.get(i)));
            }
        } else if (node.get(1) instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                List<Object> p = new ArrayList<>(path);
                p.add(e.getKey());
                out.add(java.util.Arrays.asList(p, e.getValue()));
            }
        }
        return out;
    }

    /**
     * generate('/abs/command', args...): runs the command on the compiling server and answers its output, as Ruby
     * Puppet does (no shell; a fully qualified path; a failure fails the compile); stopped after 30 s.
     */
    private static Object generate(List<Object> args, Loc loc) {
        if (args.isEmpty() || !(args.get(0) instanceof String command) || !Path.of(command).isAbsolute()) {
            throw new EvalError("Generators must be fully qualified", loc);
        }
        if (command.contains("..") || !command.matches("[-\\w/.:+@]+")) {
            throw new EvalError("Can only use alphanumerics, underscores, dashes, periods and slashes in the "
                + "generator path", loc);
        }
        List<String> argv = new ArrayList<>();
        for (Object a : args) {
            argv.add(Values.str(a));
        }
        try {
            Process p = new ProcessBuilder(argv).directory(Path.of(command).getParent().toFile())
                .redirectErrorStream(true).start();
            p.getOutputStream().close();
            java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return p.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new EvalError("Generator " + command + " did not finish within 30 s", loc);
            }
            String out = new String(output.get(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new EvalError("Failed to execute generator " + command + ": Execution of '"
                    + String.join(" ", argv) + "' returned " + p.exitValue() + ": " + out, loc);
            }
            return out;
        } catch (IOException e) {
            throw new EvalError("Failed to execute generator " + command + ": " + e.getMessage(), loc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalError("Generator " + command + " was interrupted", loc);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new EvalError("Failed to read the output of generator " + command, loc);
        }
    }

    /** Whether a stdlib module is on the modulepath, looked up once per compilation (not on every call). */
    private boolean hasStdlib() {
        if (stdlibPresent == null) {
            stdlibPresent = c.code.moduleDir("stdlib").isPresent();
        }
        return stdlibPresent;
    }

    private Object anyOrAll(List<Object> args, Closure lambda, Loc loc, boolean any) {
        String fn = any ? "any" : "all";
        Closure cl = requireLambda(fn, lambda, loc);
        Object coll = args.get(0);
        List<Object> items = iterable(coll, loc, fn);
        for (int i = 0; i < items.size(); i++) {
            boolean t = Values.truthy(callLambda(cl, elementArgs(coll, i, items.get(i), arity(cl)), loc));
            if (t == any) {
                return any;
            }
        }
        return !any;
    }

    private Object groupBy(List<Object> args, Closure lambda, Loc loc) {
        Closure cl = requireLambda("group_by", lambda, loc);
        Object coll = args.get(0);
        List<Object> items = iterable(coll, loc, "group_by");
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object key = callLambda(cl, elementArgs(coll, i, items.get(i), arity(cl)), loc);
            @SuppressWarnings("unchecked")
            List<Object> group = (List<Object>) out.computeIfAbsent(key, k -> new ArrayList<>());
            group.add(items.get(i));
        }
        return out;
    }

    private Object partition(List<Object> args, Closure lambda, Loc loc) {
        Closure cl = requireLambda("partition", lambda, loc);
        Object coll = args.get(0);
        List<Object> items = iterable(coll, loc, "partition");
        List<Object> yes = new ArrayList<>();
        List<Object> no = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            (Values.truthy(callLambda(cl, elementArgs(coll, i, items.get(i), arity(cl)), loc)) ? yes : no)
                .add(items.get(i));
        }
        return new ArrayList<>(List.of(yes, no));
    }

    /** index(coll, value) or index(coll) |x|: the index or key of the first match, or undef. */
    private Object index(List<Object> args, Closure lambda, Loc loc) {
        Object coll = args.isEmpty() ? null : args.get(0);
        if (lambda == null && args.size() != 2) {
            throw new EvalError("'index' expects 2 arguments, got " + args.size(), loc);
        }
        if (coll instanceof String str && lambda == null) {
            int at = args.get(1) instanceof String needle ? str.indexOf(needle) : -1;
            return at < 0 ? null : (long) str.codePointCount(0, at);
        }
        List<Object> items = iterable(coll, loc, "index");
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            boolean match;
            if (lambda != null) {
                match = Values.truthy(callLambda(lambda, elementArgs(coll, i, item, arity(lambda)), loc));
            } else {
                Object v = coll instanceof Map ? ((List<?>) item).get(1) : item;
                match = Values.equal(v, args.get(1));
            }
            if (match) {
                return coll instanceof Map ? ((List<?>) item).get(0) : (Object) (long) i;
            }
        }
        return null;
    }

    /** getvar('name.key.0', default): a variable, navigated into by dotted keys. */
    private Object getvar(List<Object> args, Scope s, Loc loc) {
        if (args.isEmpty() || !(args.get(0) instanceof String nav)) {
            throw new EvalError("'getvar' parameter 'get_string' expects a String value, got "
                + Types.argumentTypeName(args.isEmpty() ? null : args.get(0)), loc);
        }
        Object dflt = args.size() > 1 ? args.get(1) : null;
        String[] segs = nav.split("\\.");
        String var = segs[0].startsWith("::") ? segs[0].substring(2) : segs[0];
        Object v = c.evaluator().lookupVariable(s, var);
        if (v == Scope.MISSING) {
            return dflt;
        }
        for (int i = 1; i < segs.length && v != null; i++) {
            if (v instanceof Map<?, ?> m) {
                v = m.get(segs[i]);
            } else if (v instanceof List<?> l && segs[i].matches("-?\\d+")) {
                int k = Integer.parseInt(segs[i]);
                v = k >= 0 && k < l.size() ? l.get(k) : null;
            } else {
                v = null;
            }
        }
        return v == null ? dflt : v;
    }

    /** shellquote: each word quoted for a Bourne shell as Ruby Puppet quotes it, joined by spaces. */
    private static String shellquote(List<Object> args) {
        String safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%_+=:,./-";
        String dangerous = "!\"`$\\";
        List<String> out = new ArrayList<>();
        for (Object a : flatten(args)) {
            String w = a == null ? "" : Values.str(a);
            if (!w.isEmpty() && w.chars().allMatch(ch -> safe.indexOf(ch) >= 0)) {
                out.add(w);
            } else if (w.chars().noneMatch(ch -> dangerous.indexOf(ch) >= 0)) {
                out.add('"' + w + '"');
            } else if (w.indexOf('\'') < 0) {
                out.add("'" + w + "'");
            } else {
                StringBuilder r = new StringBuilder("\"");
                for (char ch : w.toCharArray()) {
                    if (dangerous.indexOf(ch) >= 0) {
                        r.append('\\');
                    }
                    r.append(ch);
                }
                out.add(r.append('"').toString());
            }
        }
        return String.join(" ", out);
    }

    /** find_file / find_template: the path of the first module file (mod/file) or absolute path that exists. */
    private Object findInModules(List<Object> args, String dir) {
        for (Object a : flatten(args)) {
            Optional<Path> p = moduleFile(Values.str(a), dir).filter(Files::exists);
            if (p.isPresent()) {
                return p.get().toString();
            }
        }
        return null;
    }

    /** file(ref, ...): the text of the first file found, a module reference (mod/file) or an absolute path. */
    private Object file(List<Object> args, Loc loc) {
        if (args.isEmpty()) {
            throw new EvalError("file(): Wrong number of arguments given (0 for minimum 1)", loc);
        }
        for (Object a : args) {
            Optional<Path> p = moduleFile(a == null ? "" : Values.str(a), "files").filter(Files::isRegularFile);
            if (p.isPresent()) {
                return read(p.get(), loc);
            }
        }
        throw new EvalError("Could not find any files from " + String.join(", ",
            args.stream().map(a -> a == null ? "" : Values.str(a)).toList()), loc);
    }

    private String networkingFqdn() {
        Object facts = c.topScope.lookupVariable("facts");
        if (facts instanceof Map<?, ?> f && f.get("networking") instanceof Map<?, ?> n && n.get("fqdn") instanceof String s) {
            return s;
        }
        return null;
    }

    private static Object callData(PuppetFunction f, List<Object> args, Loc loc) {
        try {
            return f.call(args);
        } catch (FunctionError e) {
            throw new EvalError(e.getMessage(), loc);
        }
    }

    private Object template(List<Object> args, Scope s, Loc loc) {
        StringBuilder sb = new StringBuilder();
        for (Object a : args) {
            Path p = templatePath(Values.str(a), "templates", loc);
            sb.append(renderErb(read(p, loc), p.toString(), s, loc));
        }
        return sb.toString();
    }

    private Object inlineTemplate(List<Object> args, Scope s, Loc loc) {
        StringBuilder sb = new StringBuilder();
        for (Object a : args) {
            sb.append(renderErb(Values.str(a), "inline template", s, loc));
        }
        return sb.toString();
    }

    private String renderErb(String source, String file, Scope s, Loc loc) {
        try {
            return ErbTemplate.compile(source, file).render(s);
        } catch (io.puppetplane.lang.erb.TemplateError e) {
            if (e.unsupportedRuby()) {
                return ruby.renderErb(source, file, s, loc); // Ruby beyond the Java engine: Ruby's own ERB runs it
            }
            throw new EvalError(e.getMessage(), loc);
        }
    }

    private Object epp(List<Object> args, Scope s, Loc loc) {
        if (args.isEmpty()) {
            throw new EvalError("'epp' expects between 1 and 2 arguments, got none", loc);
        }
        String ref = Values.str(args.get(0));
        if (!ref.endsWith(".epp") && !Files.exists(Path.of(ref))) {
            ref = ref + ".epp"; // as Ruby's epp(): 'mod/file' names templates/file.epp
        }
        Path p = templatePath(ref, "templates", loc);
        Map<?, ?> params = args.size() > 1 && args.get(1) instanceof Map<?, ?> m ? m : null;
        return EppTemplates.render(c, read(p, loc), p.toString(), params, loc);
    }

    private Object inlineEpp(List<Object> args, Scope s, Loc loc) {
        if (args.isEmpty()) {
            throw new EvalError("'inline_epp' expects between 1 and 2 arguments, got none", loc);
        }
        Map<?, ?> params = args.size() > 1 && args.get(1) instanceof Map<?, ?> m ? m : null;
        return EppTemplates.renderInline(c, Values.str(args.get(0)), params, s, loc);
    }

    private Object assertType(List<Object> args, Closure lambda, Loc loc) {
        Object t = args.get(0);
        if (t instanceof String str) {
            t = c.accessOperator().typeRef(str);
        }
        Object v = args.get(1);
        if (!(t instanceof TypeValue tv)) {
            throw new EvalError("assert_type(): expects a Type, got " + Types.typeName(t), loc);
        }
        if (Types.isInstance(tv, v)) {
            return v;
        }
        if (lambda != null) {
            return callLambda(lambda, List.of(tv, TypeCalculator.inferSet(v)), loc);
        }
        throw new EvalError("assert_type(): " + Types.mismatch(tv, v).replaceFirst("^expects", "expects"), loc);
    }

    /** type(value, mode): Ruby Puppet's inferred type, detailed (Tuple, Struct) unless reduced or generalized. */
    private static Object typeOf(List<Object> args, Loc loc) {
        Object v = args.isEmpty() ? null : args.get(0);
        String mode = args.size() > 1 ? Values.str(args.get(1)) : "detailed";
        return switch (mode) {
            case "detailed" -> TypeCalculator.inferSet(v);
            case "reduced" -> TypeCalculator.infer(v);
            case "generalized" -> TypeCalculator.generalize(TypeCalculator.infer(v));
            default -> throw new EvalError("type(): parameter 'inference_method' expects a match for "
                + "Enum['detailed', 'generalized', 'reduced'], got '" + mode + "'", loc);
        };
    }

    /** {@code puppetdb_query(query)}: PuppetDB's answer to a PQL string or an AST with a top-level from. */
    private Object puppetDbQuery(List<Object> args, Loc loc) {
        Object query = args.size() == 1 ? args.get(0) : null;
        boolean valid = query instanceof String q && !q.isEmpty() || query instanceof List<?> l && !l.isEmpty();
        if (!valid) {
            throw new EvalError("'puppetdb_query' parameter 'query' expects a value of type String[1] or Array[Data, 1], "
                + "got " + io.puppetplane.lang.types.Types.typeName(query), loc);
        }
        try {
            return io.puppetplane.lang.value.DataNormaliser.normalise(c.puppetDb.query(query));
        } catch (io.puppetplane.lang.PuppetDb.PuppetDbException e) {
            throw new EvalError(e.getMessage(), loc);
        }
    }
}
