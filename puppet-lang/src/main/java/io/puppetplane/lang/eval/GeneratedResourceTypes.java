package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.ArrayLit;
import io.puppetplane.lang.ast.Ast.Call;
import io.puppetplane.lang.ast.Ast.Expr;
import io.puppetplane.lang.ast.Ast.HashLit;
import io.puppetplane.lang.ast.Ast.Literal;
import io.puppetplane.lang.ast.Ast.MethodCall;
import io.puppetplane.lang.ast.Ast.RegexLit;
import io.puppetplane.lang.ast.Ast.TypeRef;
import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.parser.Parser;
import io.puppetplane.lang.ruby.RubyResourceType;
import io.puppetplane.lang.ruby.RubyResourceType.TitlePattern;
import io.puppetplane.lang.value.RubyRegex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The resource types {@code puppet generate types} wrote into an environment's {@code .resource_types} directory
 * (Puppet code: {@code Puppet::Resource::ResourceType3.new(name, properties, parameters, title patterns, ...)}).
 * As in Ruby Puppet, such a file answers for its type instead of the module's Ruby, so no Ruby is run for it.
 */
final class GeneratedResourceTypes {

    private final Path dir;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long modified, RubyResourceType type) {
    }

    GeneratedResourceTypes(Path environmentDir) {
        this.dir = environmentDir.resolve(".resource_types");
    }

    /** The generated type NAME, or empty when the environment has no such file. */
    Optional<RubyResourceType> type(String name) {
        Path file = dir.resolve(name + ".pp");
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Optional.empty();
        }
        Cached c = cache.get(file);
        if (c == null || c.modified != modified) {
            c = new Cached(modified, read(file, name));
            cache.put(file, c);
        }
        return Optional.of(c.type);
    }

    private static RubyResourceType read(Path file, String name) {
        List<Expr> statements;
        try {
            statements = Parser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), false)
                .statements();
        } catch (IOException e) {
            throw new EvalError("Could not read " + file + ": " + e.getMessage());
        } catch (SyntaxError e) {
            throw new EvalError(e.getMessage(), new io.puppetplane.lang.ast.Ast.Loc(file.toString(), e.line(), e.column()));
        }
        if (statements.size() != 1 || !(statements.get(0) instanceof MethodCall m) || !m.name().equals("new")
            || !(m.receiver() instanceof TypeRef t) || !t.name().equalsIgnoreCase("Puppet::Resource::ResourceType3")
            || m.args().size() < 3 || !(m.args().get(1) instanceof ArrayLit properties)
            || !(m.args().get(2) instanceof ArrayLit parameters)) {
            throw new EvalError("The generated resource type " + file + " is not a Puppet::Resource::ResourceType3.new("
                + "name, properties, parameters, ...) call; regenerate it with 'puppet generate types'");
        }
        Set<String> attributes = new LinkedHashSet<>();
        List<String> namevars = new ArrayList<>();
        for (ArrayLit list : List.of(properties, parameters)) {
            for (Expr e : list.elements()) {
                // Puppet::Resource::Param(Type, 'name'[, true when a namevar])
                if (e instanceof Call c && c.args().size() >= 3 && c.args().get(2) instanceof Literal n
                    && n.value() instanceof String attr) {
                    attributes.add(attr);
                    if (c.args().size() > 3 && c.args().get(3) instanceof Literal nv && Boolean.TRUE.equals(nv.value())) {
                        namevars.add(attr);
                    }
                }
            }
        }
        List<TitlePattern> patterns = new ArrayList<>();
        if (m.args().size() > 3 && m.args().get(3) instanceof HashLit h) {
            for (int i = 0; i < h.keys().size(); i++) {
                if (h.keys().get(i) instanceof RegexLit r && h.values().get(i) instanceof ArrayLit names) {
                    List<String> fields = names.elements().stream()
                        .map(x -> x instanceof Literal l ? String.valueOf(l.value()) : "").toList();
                    try {
                        patterns.add(new TitlePattern(Pattern.compile(RubyRegex.toJava(r.source())), fields));
                    } catch (IllegalArgumentException e) {
                        // a pattern Java cannot read: the namevars still come from the parameters
                    }
                }
            }
        }
        return new RubyResourceType(name, Set.copyOf(attributes), List.copyOf(namevars), List.copyOf(patterns));
    }
}
