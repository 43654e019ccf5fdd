package io.puppetplane.lang.eval;

import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.Collectors.CollectorState;
import io.puppetplane.lang.eval.Collectors.PendingOverride;
import io.puppetplane.lang.eval.RelationshipOperator.PendingRelationship;
import io.puppetplane.lang.hiera.HieraLookup;
import io.puppetplane.lang.hiera.LookupOptions;
import io.puppetplane.lang.parser.Parser.Program;
import io.puppetplane.lang.ruby.RubyResourceType;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.Sensitive;
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
import java.util.regex.Pattern;

/**
 * One catalog compilation, following Ruby Puppet's compiler: settings and main class, the site manifests, the
 * node definition, classes from the classifier, then defined types and collectors until nothing changes, then
 * relationships and overrides.
 */
public final class Compilation {

    private static final int MAX_CALL_DEPTH = 300;

    final CodeBase code;
    final CompileRequest request;
    final HieraLookup hiera;
    final Functions functions;
    private final Collectors collectors;
    private final RelationshipOperator relationshipOperator;
    private final AccessOperator accessOperator;
    private final ResourceDeclarations resourceDeclarations;

    // definitions known so far (site manifests, then autoloaded module files)
    private final Map<String, ClassDef> classes = new HashMap<>();
    private final Map<String, DefineDef> defines = new HashMap<>();
    private final Map<String, FunctionDef> puppetFunctions = new HashMap<>();
    private final Map<String, TypeAlias> aliases = new HashMap<>();
    private final List<NodeDef> nodes = new ArrayList<>();
    private final Set<Path> loadedFiles = new HashSet<>();
    private final Map<String, Optional<RubyResourceType>> customTypes = new HashMap<>();

    // the catalog being built
    final List<CatalogResource> resources = new ArrayList<>();
    private final Map<String, CatalogResource> byRef = new HashMap<>();
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

        Info(Scope scope, Definition definition, Loc loc) {
            this.scope = scope;
            this.definition = definition;
            this.loc = loc;
        }
    }

    private final List<Path> siteManifests;

    /** SITE_MANIFESTS: the environment's, or a file given in their place (null: the environment's). */
    public Compilation(CodeBase code, CompileRequest request, HieraLookup hiera, List<Path> siteManifests) {
        this.code = code;
        this.request = request;
        this.hiera = hiera;
        this.functions = new Functions(this);
        this.collectors = new Collectors(this);
        this.relationshipOperator = new RelationshipOperator(this);
        this.accessOperator = new AccessOperator(this);
        this.resourceDeclarations = new ResourceDeclarations(this);
        this.siteManifests = siteManifests == null ? code.siteManifests() : siteManifests;
    }

    // ================================================================ the parts, for each other and for Functions

    AccessOperator accessOperator() {
        return accessOperator;
    }

    ResourceDeclarations resourceDeclarations() {
        return resourceDeclarations;
    }

    // ================================================================ the compile steps

    public Catalog compile() {
        setupTopScope();
        loadSiteManifests();
        evaluateMain();
        evaluateNode();
        evaluateClassifierClasses();
        evaluateGenerators();
        finish();
        return buildCatalog();
    }

    private void setupTopScope() {
        mainStage = new CatalogResource("Stage", "main", null, null, "compilable_type");
        mainStage.tags().add("stage");
        mainStage.parameters().put("name", "main");
        addToCatalog(mainStage, null);
        info.put(mainStage, new Info(null, null, null));

        CatalogResource settings = new CatalogResource("Class", "Settings", null, null, "unknown");
        settings.tags().add("class");
        settings.tags().add("settings");
        addToCatalog(settings, null);
        settings.addContainer(mainStage);
        Info si = new Info(null, null, null);
        si.evaluated = true;
        info.put(settings, si);
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

        Map<String, Object> facts = new LinkedHashMap<>(request.facts());
        for (Map.Entry<String, Object> f : facts.entrySet()) {
            topScope.setLocal(f.getKey(), f.getValue());
        }
        Map<String, Object> trusted = new LinkedHashMap<>(request.trusted());
        if (trusted.isEmpty()) {
            // no certificate: what Ruby Puppet's local compile (puppet catalog find) provides
            trusted.put("authenticated", "local");
            trusted.put("certname", null);
            trusted.put("extensions", new LinkedHashMap<>());
            trusted.put("hostname", null);
            trusted.put("domain", null);
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
                    aliases.putIfAbsent(a.name(), a);
                } else if (d instanceof NodeDef n) {
                    nodes.add(n);
                }
            }
        }
        return program;
    }

    private void evaluateMain() {
        for (Path p : siteManifests) {
            Program prog = load(p).orElseThrow();
            for (Expr e : prog.statements()) {
                evalStatement(e, topScope);
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
                            groups = groupsOf(mt);
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
        evalBlock(found.body(), nodeScope);
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
                CatalogResource r = byRef.get(e.getKey());
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
    }

    private Catalog buildCatalog() {
        List<CatalogResource> out = new ArrayList<>(resources.size());
        for (CatalogResource r : resources) {
            if (!r.virtual()) {
                out.add(r);
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
            request.codeId(), uuid, out, classList, tags);
    }

    // ================================================================ catalog helpers

    /** "::name" → "name" (cheaper than a regex on hot paths). */
    static String stripTopScope(String name) {
        return name.startsWith("::") ? name.substring(2) : name;
    }

    public static String capitalize(String name) {
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

    private static String refKey(String type, String title) {
        return type + "[" + title + "]";
    }

    static void addTagTo(Set<String> tags, String tag) {
        String name = tag.toLowerCase();
        if (tags.contains(name) || !validTag(name)) {
            return;
        }
        tags.add(name);
        if (name.contains("::")) {
            for (String part : name.split("::")) {
                if (!part.isEmpty()) {
                    tags.add(part);
                }
            }
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
        String key = refKey(r.type(), r.type().equals("Class") ? r.title().toLowerCase() : r.title());
        CatalogResource existing = byRef.get(key);
        if (existing != null) {
            throw new EvalError("Duplicate declaration: " + r.ref() + " is already declared at (file: "
                + existing.file() + ", line: " + existing.line() + "); cannot redeclare (file: " + r.file()
                + ", line: " + r.line() + ")", loc);
        }
        byRef.put(key, r);
        resources.add(r);
        for (String alias : aliasesOf(r)) {
            String aliasKey = refKey(r.type(), alias);
            CatalogResource other = byRef.get(aliasKey);
            if (other != null && other != r) {
                throw new EvalError("Cannot alias " + r.ref() + " to \"" + alias + "\" at (file: " + r.file() + ", line: "
                    + r.line() + "); resource [\"" + r.type() + "\", \"" + alias + "\"] already declared (file: "
                    + other.file() + ", line: " + other.line() + ")", loc);
            }
            byRef.put(aliasKey, r);
        }
    }

    /**
     * The other names a native resource answers to, as Ruby Puppet's catalog registers them: its {@code alias}
     * values and a namevar that differs from the title (not for Package, whose provider is part of its key).
     */
    private static List<String> aliasesOf(CatalogResource r) {
        if (!"compilable_type".equals(r.kind())) {
            return List.of();
        }
        List<String> aliases = new ArrayList<>(0);
        Object alias = r.parameters().get("alias");
        if (alias instanceof String a) {
            aliases.add(a);
        } else if (alias instanceof List<?> l) {
            for (Object a : l) {
                if (a instanceof String s) {
                    aliases.add(s);
                }
            }
        }
        if (r.namevar() != null && !r.type().equals("Package") && r.parameters().get(r.namevar()) instanceof String n
            && !n.equals(r.title())) {
            aliases.add(n);
        }
        return aliases;
    }

    CatalogResource findResource(String type, String title) {
        String t = capitalize(type);
        return byRef.get(refKey(t, t.equals("Class") ? stripTopScope(title.toLowerCase()) : title));
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

    TypeAlias findAlias(String name) {
        TypeAlias a = aliases.get(name);
        if (a == null && name.contains("::")) {
            String lower = name.toLowerCase();
            String[] segs = lower.split("::");
            Optional<Path> dir = code.moduleDir(segs[0]);
            if (dir.isPresent()) {
                Path p = dir.get().resolve("types");
                for (int i = 1; i < segs.length; i++) {
                    p = p.resolve(i == segs.length - 1 ? segs[i] + ".pp" : segs[i]);
                }
                load(p);
                a = aliases.get(name);
            }
        }
        return a;
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

    // ================================================================ statements and expressions

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
            return functions.call(c, s);
        }
        if (e instanceof MethodCall m) {
            return functions.callMethod(m, s);
        }
        if (e instanceof ResourceDecl r) {
            return resourceDeclarations.declareResources(r, s);
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
                    yield n instanceof Long l ? -l : -n.doubleValue();
                }
                default -> v instanceof List ? v : new ArrayList<>(java.util.Collections.singletonList(v));
            };
        }
        if (e instanceof Access a) {
            return accessOperator.access(a, s);
        }
        if (e instanceof TypeRef t) {
            return accessOperator.typeRef(t.name());
        }
        if (e instanceof RegexLit r) {
            return RegexpValue.of(r.source());
        }
        if (e instanceof Relationship r) {
            return relationshipOperator.evaluate(r, s);
        }
        if (e instanceof ResourceDefaults d) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (AttributeOp op : d.attributes()) {
                values.put(op.name(), eval(op.value(), s));
            }
            s.addDefaults(capitalize(d.type().toLowerCase()), values);
            return null;
        }
        if (e instanceof ResourceOverride o) {
            return collectors.override(o, s);
        }
        if (e instanceof Collector c) {
            return collectors.add(c, s);
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
            return null;
        }
        return value;
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
                return topScope.find(name) == Scope.MISSING ? Scope.MISSING : topScope.find(name);
            }
        }
        int idx = name.lastIndexOf("::");
        if (idx < 0) {
            return s.find(name);
        }
        String cls = name.substring(0, idx).toLowerCase();
        String var = name.substring(idx + 2);
        Scope cs = classScopes.get(cls);
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
                try {
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

    private static boolean notNumeric(Object v) {
        return v instanceof String str && Values.parseNumber(str.trim()) == null;
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

    // ---------------------------------------------------------------- services for functions

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

    Scope classScope(String name) {
        return classScopes.get(name.toLowerCase());
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

    List<String> classList() {
        return classList;
    }

    static Object sensitiveUnwrap(Object v) {
        return v instanceof Sensitive s ? s.value() : v;
    }
}
