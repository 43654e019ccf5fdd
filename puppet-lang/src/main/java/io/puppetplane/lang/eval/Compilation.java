package io.puppetplane.lang.eval;

import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.Collectors.CollectorState;
import io.puppetplane.lang.eval.Collectors.PendingOverride;
import io.puppetplane.lang.eval.RelationshipOperator.PendingRelationship;
import io.puppetplane.lang.hiera.HieraLookup;
import io.puppetplane.lang.parser.Parser.Program;
import io.puppetplane.lang.ruby.RubyResourceType;
import io.puppetplane.lang.types.TypeCalculator;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.TypeValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * One catalog compilation, following Ruby Puppet's compiler: settings and main class, the site manifests, the
 * node definition, classes from the classifier, then defined types and collectors until nothing changes, then
 * relationships and overrides. It holds the catalog being built and the definitions found; the evaluation itself
 * is split, as Ruby Puppet's evaluator is, into {@link Evaluator}, {@link AccessOperator},
 * {@link ResourceDeclarations}, {@link Collectors} and {@link RelationshipOperator}, which reach each other
 * through this class.
 */
public final class Compilation {

    private static final int MAX_CALL_DEPTH = 300;

    final CodeBase code;
    final CompileRequest request;
    final HieraLookup hiera;
    final Functions functions;
    // the parts of the evaluation; they reach one another through the accessors below
    private final Evaluator evaluator;
    private final AccessOperator accessOperator;
    private final ResourceDeclarations resourceDeclarations;
    private final Collectors collectors;
    private final RelationshipOperator relationshipOperator;

    // definitions known so far (site manifests, then autoloaded module files)
    private final Map<String, ClassDef> classes = new HashMap<>();
    private final Map<String, DefineDef> defines = new HashMap<>();
    private final Map<String, FunctionDef> puppetFunctions = new HashMap<>();
    private final Map<String, TypeAlias> aliases = new HashMap<>();
    private final Map<TypeAlias, TypeValue> aliasTypes = new HashMap<>();
    private final List<NodeDef> nodes = new ArrayList<>();
    private final Set<Path> loadedFiles = new HashSet<>();
    private final Map<String, Optional<RubyResourceType>> customTypes = new HashMap<>();
    /** {@link #customType}, made once rather than a lambda per resource added. */
    private final java.util.function.Function<String, Optional<RubyResourceType>> customTypeLookup = this::customType;

    // the catalog being built
    final List<CatalogResource> resources = new ArrayList<>();
    /**
     * Resources by type and title or alias: one lookup of a key whose strings' hashes are already known, no
     * "Type[title]" string built for each.
     */
    private final Map<RefKey, CatalogResource> byRef = new HashMap<>();

    private record RefKey(String type, String title) {
    }
    final IdentityHashMap<CatalogResource, Info> info = new IdentityHashMap<>();
    private final List<String> classList = new ArrayList<>();
    private final LinkedHashSet<String> catalogTags = new LinkedHashSet<>();
    final Map<String, Scope> classScopes = new HashMap<>();
    final List<PendingRelationship> relationships = new ArrayList<>();
    final List<CollectorState> collectorStates = new ArrayList<>();
    final Map<String, List<PendingOverride>> pendingOverrides = new LinkedHashMap<>();

    Scope topScope;
    private Scope nodeScope;
    CatalogResource mainStage;
    private int callDepth;

    /** Compile-time facts about a catalog resource. */
    static final class Info {
        final Scope scope;
        final Definition definition;
        final Loc loc;
        boolean evaluated;
        boolean builtin;
        /** For a resource collected from PuppetDB, who exported it: certname|Type|title (null for any other). */
        String collectorId;
        /** Where attributes were written, by name (relationship checks report there); empty: at the statement. */
        Map<String, Loc> attributeLocs = Map.of();
        /**
         * Parameters the declaration set to undef: given, so checked against their type unless they have a default.
         * Made on the first one: most resources have none.
         */
        private Set<String> givenUndef = Set.of();

        Info(Scope scope, Definition definition, Loc loc) {
            this.scope = scope;
            this.definition = definition;
            this.loc = loc;
        }

        Set<String> givenUndef() {
            return givenUndef;
        }

        void givenUndef(String parameter) {
            if (givenUndef.isEmpty()) {
                givenUndef = new HashSet<>();
            }
            givenUndef.add(parameter);
        }
    }

    private final List<Path> siteManifests;

    /** SITE_MANIFESTS: the environment's, or a file given in their place (null: the environment's). */
    private final Map<String, Object> settings;
    /** The names of Ruby Puppet 8.10's settings ($settings::NAME is known for each, whether the server gives it). */
    private static final java.util.Set<String> PUPPET_SETTING_NAMES = readSettingNames();

    /** Whether NAME is one of Ruby Puppet's settings, each a variable of its settings class. */
    static boolean isPuppetSetting(String name) {
        return PUPPET_SETTING_NAMES.contains(name);
    }

    private static java.util.Set<String> readSettingNames() {
        try (java.io.InputStream in = Compilation.class.getResourceAsStream("puppet-settings.txt")) {
            return java.util.Set.copyOf(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("puppet-lang is missing its puppet-settings.txt", e);
        }
    }
    /** Null without storeconfigs: exported collectors then collect nothing, as in Ruby Puppet. */
    final io.puppetplane.lang.PuppetDb puppetDb;

    public Compilation(CodeBase code, CompileRequest request, HieraLookup hiera, List<Path> siteManifests,
                       Map<String, Object> settings, io.puppetplane.lang.PuppetDb puppetDb) {
        this.settings = settings;
        this.puppetDb = puppetDb;
        this.code = code;
        this.request = request;
        this.hiera = hiera;
        this.functions = new Functions(this);
        this.evaluator = new Evaluator(this);
        this.accessOperator = new AccessOperator(this);
        this.resourceDeclarations = new ResourceDeclarations(this);
        this.collectors = new Collectors(this);
        this.relationshipOperator = new RelationshipOperator(this);
        this.siteManifests = siteManifests == null ? code.siteManifests() : siteManifests;
    }

    // ================================================================ the parts, for each other and for Functions

    /** The language version the environment is compiled with: Puppet 8 refuses what Puppet 7 only warns about. */
    io.puppetplane.lang.LanguageVersion language() {
        return code.language();
    }

    Evaluator evaluator() {
        return evaluator;
    }

    AccessOperator accessOperator() {
        return accessOperator;
    }

    ResourceDeclarations resourceDeclarations() {
        return resourceDeclarations;
    }

    Collectors collectors() {
        return collectors;
    }

    RelationshipOperator relationshipOperator() {
        return relationshipOperator;
    }

    // ================================================================ the compile steps

    public Catalog compile() {
        code.checkLanguage();
        setupTopScope();
        loadSiteManifests();
        evaluateMain();
        evaluateNode();
        evaluateClassifierClasses();
        evaluateGenerators();
        finish();
        new RelationshipValidator(this).validate();
        return buildCatalog();
    }

    private void setupTopScope() {
        mainStage = new CatalogResource("Stage", "main", null, null, "compilable_type");
        mainStage.tags().add("stage");
        mainStage.parameters().put("name", "main");
        addToCatalog(mainStage, null);
        info.put(mainStage, new Info(null, null, null));

        CatalogResource settingsClass = new CatalogResource("Class", "Settings", null, null, "unknown");
        settingsClass.tags().add("class");
        settingsClass.tags().add("settings");
        addToCatalog(settingsClass, null);
        settingsClass.addContainer(mainStage);
        Info si = new Info(null, null, null);
        si.evaluated = true;
        info.put(settingsClass, si);
        addClassName("settings");

        CatalogResource main = new CatalogResource("Class", "main", null, null, "unknown");
        main.tags().add("class");
        main.parameters().put("name", "main");
        topScope = new Scope(Scope.Kind.TOP, null, null, main, "", this);
        addToCatalog(main, null);
        main.addContainer(mainStage);
        Info mi = new Info(topScope, null, null);
        mi.evaluated = true;
        info.put(main, mi);
        classScopes.put("", topScope);
        // the server's settings, as Ruby Puppet's compiler merges them into the settings class ($settings::confdir)
        Scope settingsScope = new Scope(Scope.Kind.CLASS, topScope, topScope, settingsClass, "settings", this);
        settings.forEach(settingsScope::setLocal);
        settingsScope.setLocal("all_local", settings);
        classScopes.put("settings", settingsScope);

        Map<String, Object> facts = new LinkedHashMap<>(request.facts());
        for (Map.Entry<String, Object> f : facts.entrySet()) {
            topScope.setLocal(f.getKey(), f.getValue());
        }
        Map<String, Object> trusted = new LinkedHashMap<>(request.trusted());
        if (trusted.isEmpty()) {
            // no certificate: what Ruby Puppet's local compile (puppet catalog find) provides, whose certname is
            // the node's clientcert fact
            String certname = facts.get("clientcert") instanceof String c ? c : null;
            int dot = certname == null ? -1 : certname.indexOf('.');
            trusted.put("authenticated", "local");
            trusted.put("certname", certname);
            trusted.put("extensions", new LinkedHashMap<>());
            trusted.put("hostname", dot < 0 ? certname : certname.substring(0, dot));
            trusted.put("domain", dot < 0 ? null : certname.substring(dot + 1));
            trusted.put("external", new LinkedHashMap<>());
        }
        topScope.setLocal("facts", facts);
        topScope.setLocal("trusted", trusted);
        Map<String, Object> serverFacts = new LinkedHashMap<>(request.serverFacts());
        serverFacts.putIfAbsent("environment", code.environmentName());
        topScope.setLocal("server_facts", serverFacts);
        topScope.setLocal("environment", code.environmentName());
        topScope.setLocal("name", "main");
        topScope.setLocal("title", "main");
    }

    void addClassName(String name) {
        classList.add(name);
        addTagTo(catalogTags, name);
    }

    private void loadSiteManifests() {
        for (Path p : siteManifests) {
            load(p);
        }
    }

    /** Loads a file once per compilation, registering its definitions; returns its program. */
    private Optional<Program> load(Path file) {
        Optional<Program> program = code.program(file);
        if (program.isPresent() && loadedFiles.add(file)) {
            for (Definition d : program.get().definitions()) {
                if (d instanceof ClassDef c) {
                    classes.putIfAbsent(c.name().toLowerCase(), c);
                } else if (d instanceof DefineDef dd) {
                    defines.putIfAbsent(dd.name().toLowerCase(), dd);
                } else if (d instanceof FunctionDef f) {
                    puppetFunctions.putIfAbsent(f.name().toLowerCase(), f);
                } else if (d instanceof TypeAlias a) {
                    aliases.putIfAbsent(a.name().toLowerCase(), a);
                } else if (d instanceof NodeDef n) {
                    nodes.add(n);
                }
            }
            for (Definition d : program.get().definitions()) {
                checkParameterTypes(d);
            }
        }
        return program;
    }

    /**
     * Evaluates the parameter types of a class or define as its file is loaded, as Ruby Puppet does when it
     * instantiates a definition: a type naming nothing is refused even if the definition is never used.
     */
    private void checkParameterTypes(Definition d) {
        List<Param> params = d instanceof ClassDef c ? c.params() : d instanceof DefineDef dd ? dd.params() : List.of();
        for (Param p : params) {
            if (p.type() != null) {
                evaluator.eval(p.type(), topScope);
            }
        }
    }

    private void evaluateMain() {
        for (Path p : siteManifests) {
            Program prog = load(p).orElseThrow();
            for (Expr e : prog.statements()) {
                evaluator.evalStatement(e, topScope);
            }
        }
    }

    private void evaluateNode() {
        if (nodes.isEmpty()) {
            nodeScope = topScope;
            return;
        }
        String certname = request.certname().toLowerCase();
        NodeDef found = null;
        for (NodeDef n : nodes) {
            for (Expr m : n.matches()) {
                if (m instanceof Literal l && l.value() instanceof String s && s.equalsIgnoreCase(certname)) {
                    found = n;
                    break;
                }
            }
            if (found != null) {
                break;
            }
        }
        List<String> groups = null;
        String title = found == null ? null : certname;
        if (found == null) {
            outer:
            for (NodeDef n : nodes) {
                for (Expr m : n.matches()) {
                    if (m instanceof RegexLit r) {
                        Matcher mt = RegexpValue.of(r.source()).pattern().matcher(certname);
                        if (mt.find()) {
                            found = n;
                            groups = Evaluator.groupsOf(mt);
                            title = regexNodeName(r); // each name of a node statement is a node of its own
                            break outer;
                        }
                    }
                }
            }
        }
        if (found == null) {
            for (NodeDef n : nodes) {
                for (Expr m : n.matches()) {
                    if (m instanceof Literal l && l.value() == Default.DEFAULT) {
                        found = n;
                        title = "default";
                    }
                }
            }
        }
        if (found == null) {
            throw new EvalError("Could not find node statement with name 'default' or '" + certname + "'");
        }
        CatalogResource node = new CatalogResource("Node", title, null, null, "unknown");
        node.tags().add("node");
        addTagTo(node.tags(), title);
        catalogTags.addAll(node.tags()); // as instantiated: before it takes its container's tags
        mergeTags(node, topScope.resource);
        addToCatalog(node, found.loc());
        node.addContainer(topScope.resource);
        Info ni = new Info(topScope, found, found.loc());
        ni.evaluated = true;
        info.put(node, ni);
        addClassName(title);
        nodeScope = new Scope(Scope.Kind.NODE, topScope, topScope, node, title, this);
        if (groups != null) {
            nodeScope.setMatch(groups);
        }
        evaluator.evalBlock(found.body(), nodeScope);
    }

    private static String regexNodeName(RegexLit r) {
        return "__node_regexp__" + r.source().toLowerCase().replaceAll("[^-\\w:.]", "").replaceFirst("^\\.+", "");
    }

    private void evaluateClassifierClasses() {
        if (request.classes().isEmpty()) {
            return;
        }
        Loc loc = new Loc("", 0, 0);
        for (Map.Entry<String, Map<String, Object>> e : request.classes().entrySet()) {
            Map<String, Object> params = e.getValue() == null ? Map.of() : e.getValue();
            if (params.isEmpty()) {
                resourceDeclarations.includeClasses(List.of(e.getKey()), nodeScope, loc, false);
            } else {
                resourceDeclarations.declareClass(e.getKey(), new LinkedHashMap<>(params), nodeScope, loc, false);
            }
        }
    }

    private void evaluateGenerators() {
        for (int count = 0; ; count++) {
            boolean done = true;
            for (CollectorState c : List.copyOf(collectorStates)) {
                if (collectors.evaluateCollector(c)) {
                    done = false;
                }
            }
            List<CatalogResource> pending = new ArrayList<>();
            for (CatalogResource r : resources) {
                Info i = info.get(r);
                if (!i.evaluated && !r.virtual() && i.definition instanceof DefineDef) {
                    pending.add(r);
                }
            }
            for (CatalogResource r : pending) {
                resourceDeclarations.evaluateDefine(r);
            }
            if (!pending.isEmpty()) {
                done = false;
            }
            if (done) {
                return;
            }
            if (count > 1000) {
                throw new EvalError("Somehow looped more than 1000 times while evaluating host catalog");
            }
        }
    }

    private void finish() {
        for (PendingRelationship rel : relationships) {
            relationshipOperator.applyRelationship(rel);
        }
        if (!pendingOverrides.isEmpty()) {
            for (Map.Entry<String, List<PendingOverride>> e : pendingOverrides.entrySet()) {
                String key = e.getKey();
                int bracket = key.indexOf('[');
                CatalogResource r = registered(key.substring(0, bracket), key.substring(bracket + 1, key.length() - 1));
                if (r == null) {
                    PendingOverride o = e.getValue().get(0);
                    throw new EvalError("Could not find resource(s) " + e.getKey() + " for overriding", o.loc());
                }
                for (PendingOverride o : e.getValue()) {
                    collectors.mergeOverride(r, o);
                }
            }
        }
        for (CatalogResource r : resources) {
            Info i = info.get(r);
            if (i.scope != null && !(i.definition instanceof ClassDef) && !(i.definition instanceof DefineDef)
                && !r.type().equals("Node")) {
                mergeTags(r, i.scope.resource);
            }
        }
        MetaparamInheritance.apply(resources, topScope.resource);
    }

    private Catalog buildCatalog() {
        List<CatalogResource> out = new ArrayList<>(resources.size());
        List<CatalogResource> stored = new ArrayList<>(resources.size());
        for (CatalogResource r : resources) {
            if (!r.virtual()) {
                out.add(r);
            }
            if (!r.virtual() || r.exported()) {
                stored.add(r);
                r.aliases(ResourceAliases.storedAliases(r, customTypeLookup));
            }
        }
        for (CatalogResource r : out) {
            r.containers().removeIf(CatalogResource::virtual);
        }
        // the catalog is re-created from its classes first (tags split on ::), then merges its other tags
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String cls : classList) {
            addTagTo(tags, cls);
        }
        tags.addAll(catalogTags);
        String uuid = UUID.randomUUID().toString();
        return new Catalog(request.certname(), code.environmentName(), System.currentTimeMillis() / 1000,
            request.codeId(), uuid, out, stored, classList, tags);
    }

    // ================================================================ catalog helpers

    /** "::name" → "name" (cheaper than a regex on hot paths). */
    static String stripTopScope(String name) {
        return name.startsWith("::") ? name.substring(2) : name;
    }

    public static String capitalize(String name) {
        if (isCapitalized(name)) {
            return name; // most names are already (File, Class, Apache::Vhost): no copy on this hot path
        }
        StringBuilder sb = new StringBuilder(name.length());
        boolean up = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':') {
                up = true;
                sb.append(c);
                continue;
            }
            sb.append(up ? Character.toUpperCase(c) : c);
            up = false;
        }
        return sb.toString();
    }

    private static boolean isCapitalized(String name) {
        boolean up = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':') {
                up = true;
            } else {
                if (up && Character.toUpperCase(c) != c) {
                    return false;
                }
                up = false;
            }
        }
        return true;
    }

    /** A file path without its trailing slashes ("/" stays "/"), as File's title pattern gives it. */
    static String withoutTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == path.length() ? path : end == 0 ? "/" : path.substring(0, end);
    }

    private CatalogResource registered(String type, String title) {
        return byRef.get(new RefKey(type, title));
    }

    private void register(String type, String title, CatalogResource r) {
        byRef.put(new RefKey(type, title), r);
    }

    static void addTagTo(Set<String> tags, String tag) {
        String name = tag.toLowerCase();
        if (tags.contains(name) || !validTag(name)) {
            return;
        }
        tags.add(name);
        // its segments too, cut by hand: split("::") compiles a regex for every tag
        int from = 0;
        for (int sep = name.indexOf("::"); sep >= 0; sep = name.indexOf("::", from)) {
            if (sep > from) {
                tags.add(name.substring(from, sep));
            }
            from = sep + 2;
        }
        if (from > 0 && from < name.length()) {
            tags.add(name.substring(from));
        }
    }

    /** Ruby Puppet's tag rule /\A[[:alnum:]_][[:alnum:]_:.-]*\z/, without a regex on this hot path. */
    static boolean validTag(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || (i > 0 && (c == ':' || c == '.' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static void mergeTags(CatalogResource r, CatalogResource from) {
        if (from != null && from != r) {
            r.tags().addAll(from.tags());
        }
    }

    void addToCatalog(CatalogResource r, Loc loc) {
        String key = r.type().equals("Class") ? r.title().toLowerCase() : r.title();
        CatalogResource existing = registered(r.type(), key);
        if (existing != null) {
            throw new EvalError("Duplicate declaration: " + r.ref() + " is already declared at (file: "
                + existing.file() + ", line: " + existing.line() + "); cannot redeclare (file: " + r.file()
                + ", line: " + r.line() + ")", loc);
        }
        register(r.type(), key, r);
        resources.add(r);
        for (ResourceAliases.Alias alias : ResourceAliases.of(r, customTypeLookup)) {
            CatalogResource other = registered(r.type(), alias.lookup());
            if (other != null && other != r) {
                throw new EvalError("Cannot alias " + r.ref() + " to " + alias.shown() + " at (file: " + r.file()
                    + ", line: " + r.line() + "); resource " + alias.shownRef() + " already declared (file: "
                    + other.file() + ", line: " + other.line() + ")", loc);
            }
            register(r.type(), alias.lookup(), r);
        }
    }

    CatalogResource findResource(String type, String title) {
        if (!type.equals("Class")) {
            // most references already spell the type as the catalog does: one lookup, no capitalizing first
            CatalogResource r = registered(type, title);
            if (r != null) {
                return r;
            }
        }
        String t = capitalize(type);
        CatalogResource r = registered(t, t.equals("Class") ? stripTopScope(title.toLowerCase()) : title);
        if (r == null && t.equals("File") && title.length() > 1 && title.endsWith("/")) {
            // a file reference names the path without its trailing slashes, as Ruby's catalog looks it up
            r = registered(t, withoutTrailingSlashes(title));
        }
        return r;
    }

    // ================================================================ definitions and autoloading

    ClassDef findClass(String name) {
        String n = stripTopScope(name.toLowerCase());
        ClassDef c = classes.get(n);
        if (c == null && autoload(n, "manifests")) {
            c = classes.get(n);
        }
        return c;
    }

    DefineDef findDefine(String name) {
        String n = stripTopScope(name.toLowerCase());
        DefineDef d = defines.get(n);
        if (d == null && autoload(n, "manifests")) {
            d = defines.get(n);
        }
        return d;
    }

    FunctionDef findFunction(String name) {
        String n = stripTopScope(name.toLowerCase());
        FunctionDef f = puppetFunctions.get(n);
        if (f == null && n.contains("::") && autoload(n, "functions")) {
            f = puppetFunctions.get(n);
        }
        return f;
    }

    /** A type alias by name, whatever its case (Stdlib::AbsolutePath is Stdlib::Absolutepath) as in Ruby Puppet. */
    TypeAlias findAlias(String name) {
        String lower = name.toLowerCase();
        TypeAlias a = aliases.get(lower);
        if (a == null && name.contains("::")) {
            String[] segs = lower.split("::");
            Optional<Path> dir = code.moduleDir(segs[0]);
            if (dir.isPresent()) {
                Path p = dir.get().resolve("types");
                for (int i = 1; i < segs.length; i++) {
                    p = p.resolve(i == segs.length - 1 ? segs[i] + ".pp" : segs[i]);
                }
                load(p);
                a = aliases.get(lower);
            }
        }
        return a;
    }

    /** The type an alias name denotes, one per alias and compilation; null when there is no such alias. */
    TypeValue aliasType(String name) {
        TypeAlias a = findAlias(name);
        if (a == null) {
            return null;
        }
        return aliasTypes.computeIfAbsent(a, alias -> TypeValue.alias(alias.name(), () -> {
            Object t = evaluator.eval(alias.type(), topScope);
            if (!(t instanceof TypeValue tv)) {
                throw new EvalError("Type alias '" + alias.name() + "' cannot be resolved to a real type", alias.loc());
            }
            return TypeCalculator.normalize(tv);
        }));
    }

    /** Loads the module file where a name must be defined: m → init.pp, m::a::b → a/b.pp. */
    private boolean autoload(String name, String subdir) {
        String[] segs = name.split("::");
        Optional<Path> dir = code.moduleDir(segs[0]);
        if (dir.isEmpty()) {
            return false;
        }
        Path base = dir.get().resolve(subdir);
        boolean any = false;
        if (segs.length == 1) {
            any = load(base.resolve("init.pp")).isPresent();
        } else {
            Path p = base;
            for (int i = 1; i < segs.length; i++) {
                p = p.resolve(i == segs.length - 1 ? segs[i] + ".pp" : segs[i]);
            }
            any = load(p).isPresent();
            if (subdir.equals("manifests")) {
                any |= load(base.resolve("init.pp")).isPresent();
            }
        }
        return any;
    }

    Optional<RubyResourceType> customType(String name) {
        return customTypes.computeIfAbsent(name, code::customType);
    }

    /** The namevar of a native type, or null when the name is no native type. */
    String nativeNamevar(String type) {
        BuiltinTypes.Type b = BuiltinTypes.get(type);
        if (b != null) {
            return b.namevar();
        }
        return customType(type).map(RubyResourceType::namevar).orElse(null);
    }

    // ================================================================ services for functions

    CatalogResource resourceFor(ResourceRef ref) {
        return findResource(ref.type(), ref.title());
    }

    void realize(ResourceRef ref, Loc loc) {
        CatalogResource r = findResource(ref.type(), ref.title());
        if (r == null) {
            throw new EvalError("Failed to realize virtual resources " + ref, loc);
        }
        r.virtual(false);
    }

    void addContainment(CatalogResource container, CatalogResource contained) {
        contained.addContainer(container);
    }

    boolean isKnownType(String name) {
        String n = stripTopScope(name.toLowerCase());
        return n.equals("stage") || n.equals("class") || n.equals("node") || nativeNamevar(n) != null
            || findDefine(n) != null;
    }

    void enterCall(Loc loc) {
        if (++callDepth > MAX_CALL_DEPTH) {
            callDepth = 0;
            throw new EvalError("Maximum call depth exceeded (infinite recursion?)", loc);
        }
    }

    void exitCall() {
        callDepth--;
    }

    Set<String> catalogTags() {
        return catalogTags;
    }
}
