package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.FunctionDef;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Param;
import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.parser.Parser;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EPP templates. A template is translated into a Puppet function whose body appends text and expression
 * values to an output buffer ({@code <%= %>}, {@code <% %>}, {@code <%# %>}, trimming with {@code <%-} and
 * {@code -%>}, a {@code <%- |params| -%>} tag), so Puppet's own parser and evaluator run it.
 */
final class EppTemplates {

    static final String TEXT = "epp_render_text__";
    static final String EXPR = "epp_render_expr__";

    /** A template's function and where its code pieces stand in the template (to report template columns). */
    record Template(FunctionDef function, List<Segment> segments) {

        /** A location in the generated code as the template's own: a code piece's first line is shifted. */
        Loc original(Loc loc) {
            Segment hit = null;
            for (Segment seg : segments) {
                if (seg.line == loc.line() && loc.column() >= seg.generatedColumn) {
                    hit = seg;
                }
            }
            return hit == null ? loc : new Loc(loc.file(), loc.line(), loc.column() - hit.generatedColumn + hit.column);
        }
    }

    /** A code piece starting at LINE: at GENERATEDCOLUMN in the function's code, at COLUMN in the template. */
    record Segment(int line, int generatedColumn, int column) {
    }

    private static final Map<String, Template> CACHE = Collections.synchronizedMap(
        new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Template> e) {
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
        Template f = compile(source, file);
        Scope local = new Scope(Scope.Kind.LOCAL, c.topScope, c.topScope, c.topScope.resource, "epp", c);
        return run(c, f, local, args, loc);
    }

    /** inline_epp(): the calling scope is visible too. */
    static String renderInline(Compilation c, String source, Map<?, ?> args, Scope caller, Loc loc) {
        Template f = compile(source, "inline_epp");
        Scope local = new Scope(Scope.Kind.LOCAL, caller, caller, caller.resource, "epp", c);
        return run(c, f, local, args, loc);
    }

    private static String run(Compilation c, Template template, Scope local, Map<?, ?> args, Loc loc) {
        FunctionDef f = template.function();
        Map<?, ?> given = args == null ? Map.of() : args;
        for (Object k : given.keySet()) {
            if (f.params().stream().noneMatch(p -> p.name().equals(String.valueOf(k))) && !f.params().isEmpty()) {
                throw new EvalError("Too many arguments: no parameter named '" + k + "' in the template", loc);
            }
        }
        for (Param p : f.params()) {
            Object v;
            if (given.containsKey(p.name())) {
                v = given.get(p.name());
            } else if (p.defaultValue() != null) {
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
        } catch (EvalError e) {
            if (e.loc() != null && e.loc().file().equals(f.loc().file())) {
                e.relocate(template.original(e.loc()));
            }
            throw e;
        } finally {
            out.pop();
        }
    }

    static Template compile(String source, String file) {
        String key = file + "\0" + source;
        Template cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        List<int[]> pieces = new ArrayList<>();
        String code = translate(source, file, pieces);
        List<Segment> segments = new ArrayList<>();
        for (int[] piece : pieces) { // {offset in code, offset in template}
            segments.add(new Segment(lineOf(code, piece[0]), columnOf(code, piece[0]), columnOf(source, piece[1])));
        }
        Template t;
        try {
            Parser.Program p = Parser.parse(code, file, false);
            t = new Template((FunctionDef) p.definitions().get(0), List.copyOf(segments));
        } catch (SyntaxError e) {
            Template located = new Template(null, List.copyOf(segments));
            throw new EvalError(e.getMessage(), located.original(new Loc(file, e.line(), e.column())));
        }
        CACHE.put(key, t);
        return t;
    }

    private static int columnOf(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        return offset - lineStart + 1;
    }

    /** Translates EPP into the Puppet source of one function, keeping line numbers. */
    /** PIECES receives {offset in the returned code, offset in the template} of each code piece. */
    static String translate(String src, String file, List<int[]> pieces) {
        StringBuilder body = new StringBuilder();
        String params = "";
        int pos = 0;
        int n = src.length();
        boolean first = true;
        while (pos < n) {
            int open = findTag(src, pos);
            String text = src.substring(pos, open < 0 ? n : open);
            boolean trimLeft = open >= 0 && src.startsWith("<%-", open);
            if (trimLeft) {
                int k = text.length();
                while (k > 0 && (text.charAt(k - 1) == ' ' || text.charAt(k - 1) == '\t')) {
                    k--;
                }
                if (k == 0 || text.charAt(k - 1) == '\n') {
                    text = text.substring(0, k);
                }
            }
            text = text.replace("<%%", "<%").replace("%%>", "%>");
            if (!text.isEmpty()) {
                body.append(TEXT).append("('").append(text.replace("\\", "\\\\").replace("'", "\\'")).append("')\n");
                // the literal newline characters keep the line count; strip the one we added
                body.setLength(body.length() - 1);
                body.append(";");
            }
            if (open < 0) {
                break;
            }
            int start = open + (trimLeft ? 3 : 2);
            int close = src.indexOf("%>", start);
            if (close < 0) {
                throw new EvalError("Unbalanced epp tag, reached end of input while looking for '%>'",
                    new Loc(file, lineOf(src, open), 1));
            }
            boolean trimRight = src.charAt(close - 1) == '-' && close - 1 >= start;
            String inner = src.substring(start, trimRight ? close - 1 : close);
            pos = close + 2;
            int blanks = 0;
            while (trimRight && pos + blanks < n && (src.charAt(pos + blanks) == ' ' || src.charAt(pos + blanks) == '\t')) {
                blanks++; // -%> also eats the spaces and tabs after it, with or without a line break
            }
            pos += blanks;
            if (trimRight && pos < n && src.charAt(pos) == '\n') {
                pos++;
                inner = inner + "\n";
            } else if (trimRight && pos + 1 < n && src.charAt(pos) == '\r' && src.charAt(pos + 1) == '\n') {
                pos += 2;
                inner = inner + "\n";
            }
            if (inner.startsWith("#")) {
                body.append("\n".repeat((int) inner.chars().filter(ch -> ch == '\n').count()));
            } else if (inner.startsWith("=")) {
                body.append(EXPR).append("((");
                pieces.add(new int[] {body.length(), start + 1});
                body.append(inner.substring(1)).append("));");
            } else if (first && inner.strip().startsWith("|") && body.toString().strip().isEmpty()) {
                String t = inner.strip();
                int endBar = t.lastIndexOf('|');
                params = t.substring(1, endBar);
                body.append("\n".repeat((int) inner.chars().filter(ch -> ch == '\n').count()));
            } else {
                pieces.add(new int[] {body.length(), start});
                body.append(inner).append("\n;");
            }
            first = false;
        }
        String header = "function epp_template__(" + params + ") {";
        for (int[] piece : pieces) {
            piece[0] += header.length();
        }
        return header + body + "\n}";
    }

    private static int findTag(String src, int from) {
        int i = src.indexOf("<%", from);
        while (i >= 0 && src.startsWith("<%%", i)) {
            i = src.indexOf("<%", i + 3);
        }
        return i;
    }

    private static int lineOf(String src, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
