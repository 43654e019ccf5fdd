package io.puppetplane.lang.eval;

import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.parser.Parser;
import io.puppetplane.lang.parser.Parser.Program;
import io.puppetplane.lang.ruby.RubyCodeError;
import io.puppetplane.lang.ruby.RubyModules;
import io.puppetplane.lang.ruby.RubyResourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The code of one environment: where manifests and modules are, and a cache of parsed files keyed by path and
 * validated by modification time and size, so a file is parsed again only after it changed.
 */
public final class CodeBase {

    private final Path environmentDir;
    private final String environmentName;
    private final Path manifest;
    private final List<Path> modulePath;
    private final RubyModules rubyModules;
    private final GeneratedResourceTypes generatedTypes;
    private final boolean legacyNames;
    private final io.puppetplane.lang.LanguageVersion language;
    /** Why environment.conf's language_version was not understood (every compile fails with it), or null. */
    private final EvalError languageError;
    private final Map<Path, CachedFile> parsed = new ConcurrentHashMap<>();

    private record CachedFile(long modified, long size, Program program) {
    }

    public CodeBase(Path environmentDir, boolean legacyNames) {
        this(environmentDir, legacyNames, io.puppetplane.lang.EnvironmentCompiler.Options.DEFAULT_RUBY_CALL_LIMIT);
    }

    /** RUBY_CALL_LIMIT: how long one call of a module's Ruby function may run before the compile fails. */
    public CodeBase(Path environmentDir, boolean legacyNames, Duration rubyCallLimit) {
        this(environmentDir, legacyNames, rubyCallLimit, io.puppetplane.lang.LanguageVersion.DEFAULT);
    }

    /** DEFAULT_LANGUAGE: the language version when environment.conf has no language_version. */
    public CodeBase(Path environmentDir, boolean legacyNames, Duration rubyCallLimit,
                    io.puppetplane.lang.LanguageVersion defaultLanguage) {
        this.environmentDir = environmentDir.toAbsolutePath().normalize();
        this.environmentName = this.environmentDir.getFileName().toString();
        this.legacyNames = legacyNames;
        EnvironmentConf conf = EnvironmentConf.read(this.environmentDir);
        this.manifest = this.environmentDir.resolve(conf.manifest()).normalize();
        this.modulePath = conf.modulePath();
        this.language = conf.language() == null ? defaultLanguage : conf.language();
        this.languageError = conf.languageError();
        this.rubyModules = new RubyModules(this::modules, rubyCallLimit, language);
        this.generatedTypes = new GeneratedResourceTypes(this.environmentDir);
    }

    /** The Ruby code (functions, types) of this environment's modules. */
    public RubyModules rubyModules() {
        return rubyModules;
    }

    public Path environmentDir() {
        return environmentDir;
    }

    public String environmentName() {
        return environmentName;
    }

    public boolean legacyNames() {
        return legacyNames;
    }

    /** The language version the environment's code is compiled with. */
    public io.puppetplane.lang.LanguageVersion language() {
        return language;
    }

    /** Fails when environment.conf names a language version this compiler does not know. */
    void checkLanguage() {
        if (languageError != null) {
            // a fresh error per compile: an EvalError's location may be changed on its way out
            throw new EvalError(languageError.getMessage(), languageError.loc());
        }
    }

    public List<Path> modulePath() {
        return modulePath;
    }

    /** The site manifests in the order Ruby Puppet loads them (a file, or a directory's .pp files sorted). */
    public List<Path> siteManifests() {
        if (Files.isRegularFile(manifest)) {
            return List.of(manifest);
        }
        if (!Files.isDirectory(manifest)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(manifest)) {
            return files.filter(f -> f.toString().endsWith(".pp") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The directory of a module, searching the modulepath in order. */
    /**
     * Every module directory of the modulepath in the order Puppet reads them (modulepath order, then by name); a
     * module found again later on the modulepath is shadowed and left out. Read from disk on each call.
     */
    public List<Path> modules() {
        List<Path> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Path dir : modulePath) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).sorted().filter(m -> seen.add(m.getFileName().toString())).forEach(out::add);
            } catch (IOException e) {
                // a modulepath entry that does not exist holds no modules
            }
        }
        return out;
    }

    public Optional<Path> moduleDir(String module) {
        for (Path dir : modulePath) {
            Path m = dir.resolve(module);
            if (Files.isDirectory(m)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The parsed program of a file, empty when it does not exist; syntax errors become EvalErrors. */
    public Optional<Program> program(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!attrs.isRegularFile()) {
            return Optional.empty();
        }
        long modified = attrs.lastModifiedTime().toMillis();
        CachedFile cached = parsed.get(file);
        if (cached != null && cached.modified == modified && cached.size == attrs.size()) {
            return Optional.of(cached.program);
        }
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EvalError("Could not read " + file + ": " + e.getMessage());
        }
        Program program;
        try {
            program = Parser.parse(source, file.toString(), legacyNames, language.strictErrors());
        } catch (SyntaxError e) {
            throw new EvalError(e.getMessage(),
                new io.puppetplane.lang.ast.Ast.Loc(file.toString(), e.line(), e.column()));
        }
        parsed.put(file, new CachedFile(modified, attrs.size(), program));
        return Optional.of(program);
    }

    /**
     * A custom type: the environment's generated .resource_types/NAME.pp when there is one (as Ruby Puppet prefers
     * it), else the module's lib/puppet/type/NAME.rb, read by running its Ruby; a type that does not load fails
     * the compile.
     */
    public Optional<RubyResourceType> customType(String name) {
        Optional<RubyResourceType> generated = generatedTypes.type(name);
        if (generated.isPresent()) {
            return generated;
        }
        try {
            return rubyModules.type(name);
        } catch (RubyCodeError e) {
            throw new EvalError("Could not autoload puppet/type/" + name + ": " + e.getMessage());
        }
    }

    /**
     * environment.conf: manifest and modulepath (relative to the environment; $basemodulepath expanded), and
     * puppetplane's own language_version (null when absent; Ruby Puppet logs it as an unknown setting and ignores
     * it, so one environment still compiles on both).
     */
    record EnvironmentConf(String manifest, List<Path> modulePath, io.puppetplane.lang.LanguageVersion language,
                           EvalError languageError) {

        static EnvironmentConf read(Path envDir) {
            String manifest = "manifests";
            String modulepath = "modules:$basemodulepath";
            io.puppetplane.lang.LanguageVersion language = null;
            EvalError languageError = null;
            Path conf = envDir.resolve("environment.conf");
            if (Files.isRegularFile(conf)) {
                try {
                    int lineNo = 0;
                    for (String line : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
                        lineNo++;
                        String l = line.strip();
                        if (l.startsWith("#") || !l.contains("=")) {
                            continue;
                        }
                        String key = l.substring(0, l.indexOf('=')).strip();
                        String value = l.substring(l.indexOf('=') + 1).strip();
                        if (key.equals("manifest")) {
                            manifest = value;
                        } else if (key.equals("modulepath")) {
                            modulepath = value;
                        } else if (key.equals("language_version")) {
                            language = io.puppetplane.lang.LanguageVersion.parse(value).orElse(null);
                            if (language == null) {
                                int valueAt = line.indexOf('=') + 1;
                                while (valueAt < line.length() && Character.isWhitespace(line.charAt(valueAt))) {
                                    valueAt++;
                                }
                                languageError = new EvalError("Invalid language_version '" + value
                                    + "' in environment.conf: expected 7 or 8",
                                    new io.puppetplane.lang.ast.Ast.Loc(conf.toString(), lineNo, valueAt + 1));
                            }
                        }
                    }
                } catch (IOException e) {
                    // unreadable environment.conf: Puppet's defaults apply
                }
            }
            Path codedir = envDir.getParent() == null ? envDir : envDir.getParent().getParent();
            List<Path> dirs = new ArrayList<>();
            for (String part : modulepath.split(":")) {
                if (part.isBlank()) {
                    continue;
                }
                if (part.equals("$basemodulepath")) {
                    if (codedir != null) {
                        dirs.add(codedir.resolve("modules"));
                    }
                    continue;
                }
                Path p = Path.of(part.replace("$codedir", codedir == null ? "" : codedir.toString()));
                dirs.add(p.isAbsolute() ? p : envDir.resolve(p).normalize());
            }
            return new EnvironmentConf(manifest, dirs, language, languageError);
        }
    }
}
