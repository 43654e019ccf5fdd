package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.FunctionDef;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Param;
import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.parser.Parser;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EPP templates. The parser reads a template ({@link Parser#parseEpp}) as a function whose body calls {@code TEXT}
 * with each piece of text and {@code EXPR} with each {@code <%= %>} value, so Puppet's own evaluator runs it and
 * positions are the template's own.
 */
final class EppTemplates {

    static final String TEXT = "epp_render_text__";
    static final String EXPR = "epp_render_expr__";

    /** The file name Ruby Puppet gives an inline template. */
    private static final String INLINE_FILE = "inlined-epp-text";

    private static final Map<String, FunctionDef> CACHE = Collections.synchronizedMap(
        new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FunctionDef> e) {
                return size() > 256;
            }
        });

    private static final ThreadLocal<Deque<StringBuilder>> OUTPUT = ThreadLocal.withInitial(ArrayDeque::new);

    private EppTemplates() {
    }

    static void emit(Object value) {
        Deque<StringBuilder> out = OUTPUT.get();
        if (out.isEmpty()) {
            throw new EvalError("Template output outside of a template");
        }
        out.peek().append(Values.str(value));
    }

    /** epp(): only global variables and the given parameters are visible. */
    static String render(Compilation c, String source, String file, Map<?, ?> args, Loc loc) {
        FunctionDef f = compile(source, file, "epp()", loc);
        Scope local = new Scope(Scope.Kind.LOCAL, c.topScope, c.topScope, c.topScope.resource, "epp", c);
        return run(c, f, local, args, loc);
    }

    /** inline_epp(): the calling scope is visible too. */
    static String renderInline(Compilation c, String source, Map<?, ?> args, Scope caller, Loc loc) {
        FunctionDef f = compile(source, INLINE_FILE, "inline_epp()", loc);
        Scope local = new Scope(Scope.Kind.LOCAL, caller, caller, caller.resource, "epp", c);
        return run(c, f, local, args, loc);
    }

    private static String run(Compilation c, FunctionDef f, Scope local, Map<?, ?> args, Loc loc) {
        Map<?, ?> given = args == null ? Map.of() : args;
        for (Map.Entry<?, ?> e : given.entrySet()) {
            // Ruby Puppet drops undef arguments before checking the names of the others
            String k = String.valueOf(e.getKey());
            if (e.getValue() != null && !f.params().isEmpty() && f.params().stream().noneMatch(p -> p.name().equals(k))) {
                throw new EvalError("lambda: has no parameter named '" + k + "'", loc);
            }
        }
        for (Param p : f.params()) {
            Object v;
            if (given.get(p.name()) != null || given.containsKey(p.name()) && p.defaultValue() == null) {
                v = given.get(p.name());
            } else if (p.defaultValue() != null) {
                // an undef argument takes the default, as an absent one does
                v = c.evaluator().eval(p.defaultValue(), local);
            } else {
                throw new EvalError("Too few arguments: expects a value for parameter $" + p.name(), loc);
            }
            if (p.type() != null && c.evaluator().eval(p.type(), local) instanceof TypeValue tv
                && !Types.isInstance(tv, v)) {
                throw new EvalError("parameter '" + p.name() + "' " + Types.mismatch(tv, v), loc);
            }
            local.setLocal(p.name(), v);
        }
        if (f.params().isEmpty()) {
            for (Map.Entry<?, ?> e : given.entrySet()) {
                local.setLocal(String.valueOf(e.getKey()), e.getValue());
            }
        }
        Deque<StringBuilder> out = OUTPUT.get();
        out.push(new StringBuilder());
        try {
            c.evaluator().evalBlock(f.body(), local);
            return out.peek().toString();
        } finally {
            out.pop();
        }
    }

    /**
     * The template's function. A template Ruby Puppet refuses is refused by the calling FUNCTION at CALL, with the
     * template's own error and its place in the message ("epp(): Invalid EPP: Syntax error at 'x' (file: ...)").
     */
    static FunctionDef compile(String source, String file, String function, Loc call) {
        String key = file + "\0" + source;
        FunctionDef cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        FunctionDef f;
        try {
            f = Parser.parseEpp(source, file, TEXT, EXPR);
        } catch (SyntaxError e) {
            String where = e.line() > 0 ? ", line: " + e.line() + (e.column() > 0 ? ", column: " + e.column() : "") : "";
            throw new EvalError(function + ": Invalid EPP: " + e.getMessage() + " (file: " + file + where + ")", call);
        }
        CACHE.put(key, f);
        return f;
    }
}
