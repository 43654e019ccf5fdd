package io.puppetplane.lang.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.puppetplane.lang.ast.Ast;
import io.puppetplane.lang.ast.Ast.Access;
import io.puppetplane.lang.ast.Ast.ArrayLit;
import io.puppetplane.lang.ast.Ast.BareWord;
import io.puppetplane.lang.ast.Ast.ClassDef;
import io.puppetplane.lang.ast.Ast.Definition;
import io.puppetplane.lang.ast.Ast.Expr;
import io.puppetplane.lang.ast.Ast.HashLit;
import io.puppetplane.lang.ast.Ast.Literal;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Param;
import io.puppetplane.lang.ast.Ast.RegexLit;
import io.puppetplane.lang.ast.Ast.TypeRef;
import io.puppetplane.lang.eval.CodeBase;
import io.puppetplane.lang.eval.Compilation;
import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.parser.Parser;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.TypeValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classes of an environment's code with their parameters, as puppetserver's {@code environment_classes}
 * endpoint lists them: every .pp file of the site manifest(s) and of each module's {@code manifests} directory
 * on the modulepath, with each class (nested ones included, by full name) and its parameters' type as Ruby
 * Puppet prints it, the default as JSON when it is a literal, and the default's source text exactly as written.
 * A file with a syntax error has an {@code error} ("message (file: F, line: L, column: C)") instead of classes.
 * Thread-safe; files are parsed again only when their modification time or size changes.
 */
public final class EnvironmentClassListing {

    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final JsonFactory JSON = new JsonFactory();

    private final CodeBase code;
    private final Map<Path, CachedFile> cache = new ConcurrentHashMap<>();

    /** One parameter: type absent when untyped; default literal absent when there is no default or it is not a literal. */
    public record ParameterInfo(String name, Optional<String> type, Optional<Object> defaultLiteral,
        Optional<String> defaultSource) {
    }

    public record ClassInfo(String name, List<ParameterInfo> params) {
    }

    /** One file: its classes, or (classes empty) the error that kept it from being parsed. */
    public record FileClasses(Path path, List<ClassInfo> classes, Optional<String> error) {
    }

    /** The listing of one environment; {@link #toJson()} is the endpoint's response body. */
    public record EnvironmentClasses(String name, List<FileClasses> files) {

        /** {"name":env,"files":[{"path":..,"classes":[{"name":..,"params":[..]}]} or {"path":..,"error":..}]} */
        public String toJson() {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartObject();
                g.writeStringField("name", name);
                g.writeArrayFieldStart("files");
                for (FileClasses f : files) {
                    g.writeStartObject();
                    g.writeStringField("path", f.path().toString());
                    if (f.error().isPresent()) {
                        g.writeStringField("error", f.error().get());
                    } else {
                        g.writeArrayFieldStart("classes");
                        for (ClassInfo c : f.classes()) {
                            writeClass(g, c);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w.toString();
        }

        private static void writeClass(JsonGenerator g, ClassInfo c) throws IOException {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeArrayFieldStart("params");
            for (ParameterInfo p : c.params()) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                if (p.type().isPresent()) {
                    g.writeStringField("type", p.type().get());
                }
                if (p.defaultLiteral().isPresent()) {
                    g.writeFieldName("default_literal");
                    Catalog.writeValue(g, false, p.defaultLiteral().get());
                }
                if (p.defaultSource().isPresent()) {
                    g.writeStringField("default_source", p.defaultSource().get());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private record CachedFile(long modified, long size, FileClasses classes) {
    }

    public EnvironmentClassListing(Path environmentDir, boolean legacyNames) {
        this(new CodeBase(environmentDir, legacyNames));
    }

    public EnvironmentClassListing(CodeBase code) {
        this.code = code;
    }

    /** Lists every manifest of the environment: the site manifest(s) first, then modules in modulepath order. */
    public EnvironmentClasses list() {
        List<FileClasses> files = new ArrayList<>();
        for (Path f : code.siteManifests()) {
            files.add(file(f));
        }
        for (Path f : moduleManifests()) {
            files.add(file(f));
        }
        return new EnvironmentClasses(code.environmentName(), List.copyOf(files));
    }

    /** Each module's manifests/**.pp; a module name found again later on the modulepath is shadowed. */
    private List<Path> moduleManifests() {
        List<Path> out = new ArrayList<>();
        for (Path m : code.modules()) {
            Path manifests = m.resolve("manifests");
            if (!MODULE_NAME.matcher(m.getFileName().toString()).matches() || !Files.isDirectory(manifests)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(manifests)) {
                s.filter(f -> f.toString().endsWith(".pp") && Files.isRegularFile(f)).sorted().forEach(out::add);
            } catch (IOException e) {
                // an unreadable module directory lists nothing, as a missing one would
            }
        }
        return out;
    }

    private FileClasses file(Path f) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(f, BasicFileAttributes.class);
        } catch (IOException e) {
            return new FileClasses(f, List.of(), Optional.of("The file " + f + " does not exist"));
        }
        long modified = attrs.lastModifiedTime().toMillis();
        CachedFile cached = cache.get(f);
        if (cached != null && cached.modified() == modified && cached.size() == attrs.size()) {
            return cached.classes();
        }
        FileClasses result = read(f);
        cache.put(f, new CachedFile(modified, attrs.size(), result));
        return result;
    }

    private FileClasses read(Path f) {
        String source;
        try {
            source = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new FileClasses(f, List.of(), Optional.of("Could not read " + f + ": " + e.getMessage()));
        }
        Parser.Program program;
        try {
            program = Parser.parse(source, f.toString(), code.legacyNames(), code.language().strictErrors());
        } catch (SyntaxError e) {
            // Ruby Puppet gives no position for an error at the end of the input.
            String where = e.getMessage().endsWith("at end of input") ? ""
                : ", line: " + e.line() + ", column: " + e.column();
            return new FileClasses(f, List.of(), Optional.of(e.getMessage() + " (file: " + f + where + ")"));
        } catch (RuntimeException | StackOverflowError e) {
            return new FileClasses(f, List.of(), Optional.of("Could not parse " + f + ": " + e.getMessage()));
        }
        SourceText text = new SourceText(source);
        List<ClassInfo> classes = new ArrayList<>();
        for (Definition d : program.definitions()) {
            if (d instanceof ClassDef c) {
                List<ParameterInfo> params = new ArrayList<>();
                for (Param p : c.params()) {
                    params.add(parameter(p, text));
                }
                classes.add(new ClassInfo(c.name(), List.copyOf(params)));
            }
        }
        return new FileClasses(f, List.copyOf(classes), Optional.empty());
    }

    private static ParameterInfo parameter(Param p, SourceText text) {
        Optional<String> type = Optional.empty();
        if (p.type() != null) {
            type = Optional.of(typeString(p.type()).orElseGet(() -> text.typeSource(p)));
        }
        Optional<Object> literal = Optional.empty();
        Optional<String> source = Optional.empty();
        if (p.defaultValue() != null) {
            String src = text.expressionSource(p.defaultValue());
            source = Optional.of(src);
            // A heredoc is not a literal for Ruby Puppet even without interpolation.
            if (!src.startsWith("@(")) {
                literal = Optional.ofNullable(literal(p.defaultValue()).orElse(null));
            }
        }
        return new ParameterInfo(p.name(), type, literal, source);
    }

    /** Marks "not a literal" (an undef literal is null, which is a literal). */
    private static final Object NOT_LITERAL = new Object();

    /** The JSON value of a literal default; empty when not a literal or when it is undef (which Ruby leaves out). */
    private static Optional<Object> literal(Expr e) {
        Object v = literalValue(e);
        return v == NOT_LITERAL ? Optional.empty() : Optional.ofNullable(v);
    }

    private static Object literalValue(Expr e) {
        if (e instanceof Literal l) {
            Object v = l.value();
            if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
                return v;
            }
            return NOT_LITERAL;
        }
        if (e instanceof BareWord w) {
            return w.name();
        }
        if (e instanceof ArrayLit a) {
            List<Object> out = new ArrayList<>();
            for (Expr x : a.elements()) {
                Object v = literalValue(x);
                if (v == NOT_LITERAL) {
                    return NOT_LITERAL;
                }
                out.add(v);
            }
            return out;
        }
        if (e instanceof HashLit h) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < h.keys().size(); i++) {
                Object k = literalValue(h.keys().get(i));
                Object v = literalValue(h.values().get(i));
                if (!(k instanceof String) || v == NOT_LITERAL) {
                    return NOT_LITERAL;
                }
                out.put(k, v);
            }
            return out;
        }
        return NOT_LITERAL;
    }

    /** The type as Ruby Puppet prints it; empty when the expression is more than names and literal parameters. */
    private static Optional<String> typeString(Expr e) {
        Object t = typeValue(e);
        return t instanceof TypeValue tv ? Optional.of(tv.toString()) : Optional.empty();
    }

    private static Object typeValue(Expr e) {
        if (e instanceof TypeRef r) {
            String name = r.name().startsWith("::") ? r.name().substring(2) : r.name();
            // Without a loader Ruby Puppet cannot resolve aliases or resource types: it prints a reference.
            return Types.DATA_TYPES.contains(name) ? TypeValue.of(name)
                : new TypeValue("TypeReference", List.of(name));
        }
        if (e instanceof Access a && a.target() instanceof TypeRef) {
            Object target = typeValue(a.target());
            if (!(target instanceof TypeValue tv) || tv.name().equals("TypeReference")) {
                return NOT_LITERAL;
            }
            List<Object> params = new ArrayList<>();
            for (Expr k : a.keys()) {
                Object v = typeParam(k);
                if (v == NOT_LITERAL) {
                    return NOT_LITERAL;
                }
                params.add(v);
            }
            while (!params.isEmpty() && params.get(params.size() - 1) instanceof Default) {
                params.remove(params.size() - 1);
            }
            return normalised(tv.name(), params);
        }
        return NOT_LITERAL;
    }

    /** The few types Ruby Puppet prints differently from how they are written. */
    private static Object normalised(String name, List<Object> params) {
        try {
            switch (name) {
                case "Resource":
                    // Resource['file', '/tmp'] prints as File['/tmp']
                    if (!params.isEmpty() && params.get(0) instanceof String type) {
                        return new TypeValue(Compilation.capitalize(type), params.subList(1, params.size()));
                    }
                    break;
                case "Class":
                    // class names print unquoted: Class[foo]
                    if (!params.isEmpty() && params.stream().allMatch(p -> p instanceof String)) {
                        return TypeValue.of("Class[" + String.join(", ", params.stream().map(String::valueOf).toList())
                            + "]");
                    }
                    break;
                default:
                    break;
            }
            return Types.parameterized(name, params);
        } catch (IllegalArgumentException e) {
            return NOT_LITERAL;
        }
    }

    private static Object typeParam(Expr k) {
        if (k instanceof TypeRef || k instanceof Access) {
            return typeValue(k);
        }
        if (k instanceof Literal l && l.value() instanceof Default) {
            return l.value();
        }
        if (k instanceof RegexLit r) {
            return RegexpValue.of(r.source());
        }
        if (k instanceof HashLit h) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < h.keys().size(); i++) {
                Object key = typeParam(h.keys().get(i));
                Object value = typeParam(h.values().get(i));
                if (key == NOT_LITERAL || value == NOT_LITERAL) {
                    return NOT_LITERAL;
                }
                out.put(key, value);
            }
            return out;
        }
        return literalValue(k);
    }

    /** Source text of expressions, found from their start position up to where their parameter ends. */
    private static final class SourceText {
        private final String source;
        private final int[] lineStarts;

        SourceText(String source) {
            this.source = source;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < source.length(); i++) {
                if (source.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        private int offset(int line, int column) {
            if (line < 1 || line > lineStarts.length) {
                return source.length();
            }
            // Columns count characters from 1 (the lexer counts UTF-16 units, as here).
            return Math.min(source.length(), lineStarts[line - 1] + Math.max(0, column - 1));
        }

        /** The default expression: from its start to the ',' or ')' that ends the parameter, less trailing blanks. */
        String expressionSource(Expr e) {
            int start = startOf(e);
            return source.substring(start, endOfParameter(start));
        }

        /** The type's text as written, when it is too dynamic to print as Ruby Puppet would. */
        String typeSource(Param p) {
            int start = startOf(p.type());
            int dollar = source.indexOf('$', start);
            return source.substring(start, dollar < 0 ? source.length() : dollar).replaceAll("[\\s*]+$", "");
        }

        private int startOf(Expr e) {
            Loc start = Ast.start(e);
            return offset(start.line(), start.column());
        }

        /**
         * Scans forward skipping strings, comments and brackets to the parameter's end at depth 0 and returns the
         * offset just after the last significant character.
         */
        private int endOfParameter(int start) {
            int depth = 0;
            int lastSignificant = start;
            int i = start;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (c == '#') {
                    while (i < n && source.charAt(i) != '\n') {
                        i++;
                    }
                    continue;
                }
                if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                    int close = source.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                    continue;
                }
                if (c == '\'' || c == '"') {
                    i = endOfString(i, c);
                    lastSignificant = i;
                    continue;
                }
                if (depth == 0 && (c == ',' || c == ')')) {
                    break;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                }
                if (!Character.isWhitespace(c)) {
                    lastSignificant = i + 1;
                }
                i++;
            }
            return lastSignificant;
        }

        private int endOfString(int open, char quote) {
            int i = open + 1;
            int n = source.length();
            int braces = 0;
            while (i < n) {
                char c = source.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (quote == '"' && c == '$' && i + 1 < n && source.charAt(i + 1) == '{') {
                    braces++;
                    i += 2;
                    continue;
                }
                if (braces > 0) {
                    if (c == '}') {
                        braces--;
                    } else if (c == '\'' || c == '"') {
                        i = endOfString(i, c);
                        continue;
                    }
                    i++;
                    continue;
                }
                if (c == quote) {
                    return i + 1;
                }
                i++;
            }
            return n;
        }
    }
}
