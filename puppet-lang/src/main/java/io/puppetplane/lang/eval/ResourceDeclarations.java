package io.puppetplane.lang.eval;

import static io.puppetplane.lang.eval.Compilation.addTagTo;
import static io.puppetplane.lang.eval.Compilation.capitalize;
import static io.puppetplane.lang.eval.Compilation.mergeTags;
import static io.puppetplane.lang.eval.Compilation.stripTopScope;

import io.puppetplane.lang.ast.Ast.AttributeOp;
import io.puppetplane.lang.ast.Ast.BareWord;
import io.puppetplane.lang.ast.Ast.ClassDef;
import io.puppetplane.lang.ast.Ast.DefineDef;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Param;
import io.puppetplane.lang.ast.Ast.ResourceBody;
import io.puppetplane.lang.ast.Ast.ResourceDecl;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.Compilation.Info;
import io.puppetplane.lang.hiera.HieraLookup;
import io.puppetplane.lang.hiera.LookupOptions;
import io.puppetplane.lang.ruby.RubyResourceType;
import io.puppetplane.lang.types.TypeMismatchDescriber;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.types.Types;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.TypeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Declaring resources, classes and defined types into the catalog, as Ruby Puppet's runtime3 support: titles,
 * tags, defaults and namevars of resources; include and resource-like classes with their parents and stages;
 * evaluating class and define bodies once their parameters are bound from the declaration, Hiera and defaults.
 */
final class ResourceDeclarations {

    private static final Set<String> METAPARAMS = Set.of("noop", "schedule", "audit", "loglevel", "alias", "tag",
        "require", "subscribe", "before", "notify", "stage");

    /** What any class or define accepts besides its parameters: the metaparameters and name. */
    private static final Set<String> ACCEPTED_UNDECLARED = new HashSet<>(METAPARAMS);

    static {
        ACCEPTED_UNDECLARED.add("name");
    }

    private final Compilation compilation;

    ResourceDeclarations(Compilation compilation) {
        this.compilation = compilation;
    }

    /**
     * A resource expression, as Ruby evaluates it: every body's titles and attributes first, then the resources; a
     * body titled {@code default} gives its attributes to the other bodies of the expression and is no resource.
     */
    Object declareResources(ResourceDecl r, Scope s) {
        String typeName = r.type() instanceof BareWord b ? stripTopScope(b.name().toLowerCase()) : illegalType(r, s);
        record Body(List<Object> titles, Map<String, Object> params, Map<String, Loc> locs, Loc loc) {
        }
        List<Body> bodies = new ArrayList<>(r.bodies().size());
        // most expressions have one title: the set that finds a repeated one is made at the second
        Set<Object> titlesSeen = null;
        Object firstTitle = null;
        Body defaults = null;
        for (ResourceBody body : r.bodies()) {
            Object titleValue = compilation.evaluator().eval(body.title(), s);
            List<Object> titles = new ArrayList<>();
            flattenTitles(titleValue, titles);
            boolean isDefault = false;
            for (int i = 0; i < titles.size(); i++) {
                Object t = titles.get(i);
                if (t != null && !(t instanceof String) && t != io.puppetplane.lang.value.Default.DEFAULT) {
                    // Ruby Puppet takes strings (and default) as titles, never numbers: foo { 443: } is refused
                    throw new EvalError("Illegal title type at index " + i + ". Expected String, got "
                        + Types.typeName(t), body.title().loc());
                }
                if (t != null && firstTitle == null) {
                    firstTitle = t;
                } else if (t != null) {
                    if (titlesSeen == null) {
                        titlesSeen = newTitleSet(firstTitle);
                    }
                    if (!titlesSeen.add(t)) {
                        throw new EvalError("The title '" + Values.str(t) + "' has already been used in this "
                            + "resource expression", r.loc());
                    }
                }
                isDefault |= t == io.puppetplane.lang.value.Default.DEFAULT;
            }
            titles.remove(io.puppetplane.lang.value.Default.DEFAULT);
            Map<String, Object> params = new LinkedHashMap<>();
            Map<String, Loc> locs = Map.of();
            for (AttributeOp op : body.attributes()) {
                if (op.name().equals("*")) {
                    Object splat = compilation.evaluator().eval(op.value(), s);
                    if (!(splat instanceof Map<?, ?> m)) {
                        throw new EvalError("Splat expression requires a Hash, got " + Types.typeName(splat),
                            op.loc());
                    }
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        locs = putAttribute(params, locs, String.valueOf(e.getKey()), e.getValue(), op.loc(),
                            r.loc());
                    }
                    continue;
                }
                locs = putAttribute(params, locs, op.name(), compilation.evaluator().eval(op.value(), s), op.loc(),
                    r.loc());
            }
            Body b = new Body(titles, params, locs, body.loc());
            bodies.add(b);
            if (isDefault) {
                defaults = b;
            }
        }
        List<Object> created = new ArrayList<>();
        for (Body b : bodies) {
            Map<String, Object> params = b.params();
            Map<String, Loc> locs = b.locs();
            if (defaults != null && b != defaults) {
                params = new LinkedHashMap<>(defaults.params());
                params.putAll(b.params());
                if (!defaults.locs().isEmpty()) {
                    locs = new LinkedHashMap<>(defaults.locs());
                    locs.putAll(b.locs());
                }
            }
            for (Object t : b.titles()) {
                created.add(declare(typeName, t == null ? "" : t, new LinkedHashMap<>(params), locs, r.form(), s,
                    b.loc(), r.loc()));
            }
        }
        return created.size() == 1 ? created.get(0) : created;
    }

    /** How many namevars (key attributes) a native type has. */
    private int namevarCount(String typeName) {
        BuiltinTypes.Type b = BuiltinTypes.get(typeName);
        if (b != null) {
            return Math.max(1, b.keyAttributes().size());
        }
        return compilation.customType(typeName).map(t -> Math.max(1, t.namevars().size())).orElse(1);
    }

    /** A resource type given by an expression other than a type name: Ruby Puppet evaluates it, then refuses. */
    private String illegalType(ResourceDecl r, Scope s) {
        Object value = compilation.evaluator().eval(r.type(), s);
        throw new EvalError("Illegal Resource Type expression, expected result to be a type name, or untitled"
            + " Resource, got " + Types.typeName(value), r.type().loc());
    }

    private static void flattenTitles(Object v, List<Object> out) {
        if (v instanceof List<?> l) {
            for (Object x : l) {
                flattenTitles(x, out);
            }
        } else {
            out.add(v);
        }
    }

    private static Set<Object> newTitleSet(Object first) {
        Set<Object> seen = new HashSet<>();
        seen.add(first);
        return seen;
    }

    /**
     * Puts an attribute; returns LOCS with where it was written when it is a relationship, the only attribute whose
     * location is asked for (a reference to a missing resource is reported there): no map for most resources.
     */
    private static Map<String, Loc> putAttribute(Map<String, Object> params, Map<String, Loc> locs, String name,
                                                 Object value, Loc at, Loc statement) {
        if (params.containsKey(name)) {
            throw new EvalError("The attribute '" + name + "' has already been set", statement);
        }
        params.put(name, value);
        if (!Catalog.isRelationshipMetaparam(name)) {
            return locs;
        }
        Map<String, Loc> out = locs.isEmpty() ? new LinkedHashMap<>() : locs;
        out.put(name, at);
        return out;
    }

    /**
     * Declares one resource; returns its reference. ATTRIBUTE_LOCS: where each attribute was written (a relationship
     * to a missing resource is reported there); attributes not in it are located at the statement.
     */
    Object declare(String typeName, Object titleValue, Map<String, Object> params, Map<String, Loc> attributeLocs,
                   String form, Scope s, Loc bodyLoc, Loc stmtLoc) {
        if (typeName.equals("class")) {
            if (!form.equals("regular")) {
                throw new EvalError("Classes are not virtualizable", stmtLoc);
            }
            CatalogResource c = declareClass(Values.str(titleValue), params, s, stmtLoc, true);
            Compilation.Info classInfo = compilation.info.get(c);
            if (classInfo != null && !attributeLocs.isEmpty()) {
                // a class parameter's reference to a missing resource is reported where it was written
                classInfo.attributeLocs = attributeLocs;
            }
            return new ResourceRef("Class", c.title());
        }
        if (titleValue instanceof TypeValue || titleValue instanceof ResourceRef || titleValue instanceof Map) {
            throw new EvalError("Illegal title type at index 0. Expected String, got " + Types.typeName(titleValue),
                bodyLoc);
        }
        String title = Values.str(titleValue);
        if (title.isEmpty()) {
            throw new EvalError("Missing title. The title expression resulted in undef", bodyLoc);
        }
        DefineDef define = null;
        String kind;
        String namevar = null;
        String type;
        if (typeName.equals("stage")) {
            type = "Stage";
            kind = "compilable_type";
            namevar = "name";
        } else if ((namevar = compilation.nativeNamevar(typeName)) != null) {
            type = capitalize(typeName);
            kind = "compilable_type";
        } else if ((define = compilation.findDefine(typeName)) != null) {
            type = capitalize(define.name().toLowerCase());
            kind = "defined_type";
        } else {
            throw new EvalError("Unknown resource type: '" + typeName + "'", stmtLoc);
        }
        // a resource collected from PuppetDB has no source location (a location without a file)
        CatalogResource r = new CatalogResource(type, title, stmtLoc.file(),
            stmtLoc.file() == null ? null : stmtLoc.line(), kind);
        r.namevar(define != null ? "name" : namevar);
        if (define == null && namevar != null) {
            params = NamevarAlias.nameAsNamevar(params, namevar, namevarCount(typeName));
        }
        // Ruby Puppet tags from the tag parameter first, then the type and the title
        Map<String, Object> defaults = s.lookupDefaults(type);
        Object tagParam = params.get("tag");
        if (tagParam == null) {
            tagParam = defaults.get("tag");
        }
        if (tagParam != null) {
            for (Object t : tagParam instanceof List<?> l ? l : List.of(tagParam)) {
                String tag = Values.str(t).toLowerCase();
                if (!Compilation.validTag(tag)) {
                    // a tag given by hand must be one; only the automatic ones (a title) are skipped silently
                    throw EvalError.locatedParseError("Invalid tag '" + tag + "'", stmtLoc.file(), stmtLoc.line());
                }
                addTagTo(r.tags(), tag);
            }
        }
        addTagTo(r.tags(), typeName);
        // a title that is no string (a number given to create_resources) tags nothing and stays apart from its
        // namevar, which Ruby's catalog then shows as the title's text
        boolean stringTitle = titleValue instanceof String;
        if (stringTitle) {
            addTagTo(r.tags(), title);
        }
        if (define != null && params.containsValue(null)) {
            r.declaredOrder(new ArrayList<>(params.keySet()));
        }
        String titleNamevar = define != null ? "name" : namevar;
        if (!stringTitle && titleNamevar != null && params.get(titleNamevar) == null) {
            r.parameters().put(titleNamevar, title);
        }
        if (type.equals("File") && title.length() > 1 && title.endsWith("/") && params.get("path") == null) {
            // File's title pattern drops trailing slashes: the path is the title without them
            r.parameters().put("path", Compilation.withoutTrailingSlashes(title));
        }
        for (Map.Entry<String, Object> p : params.entrySet()) {
            if (p.getValue() == null) {
                continue;
            }
            // the catalog leaves out a namevar equal to the title ('name' for a defined type)
            String shownNamevar = define != null ? "name" : namevar;
            if (shownNamevar != null && p.getKey().equals(shownNamevar) && Values.str(p.getValue()).equals(title)
                && p.getValue() instanceof String) {
                r.namevarGivenAsTitle(true);
                continue;
            }
            r.parameters().put(p.getKey(), p.getValue());
        }
        if (define == null && namevar != null) {
            BuiltinTypes.Type b = BuiltinTypes.get(typeName);
            Optional<RubyResourceType> custom = b == null ? compilation.customType(typeName) : Optional.empty();
            if (custom.isPresent() && custom.get().namevars().size() > 1) {
                namevarsFromTitle(r, custom.get(), stmtLoc);
            }
            java.util.Set<String> known = b != null ? b.parameters()
                : custom.map(RubyResourceType::parameters).orElse(null);
            if (known != null) {
                for (String p : r.parameters().keySet()) {
                    if (!known.contains(p) && !METAPARAMS.contains(p)) {
                        throw EvalError.lineOnly("no parameter named '" + p + "' on " + r.ref(), stmtLoc.file(),
                            stmtLoc.line());
                    }
                }
            }
        }
        Map<String, Loc> defaultLocs = defaults.isEmpty() ? Map.of() : s.lookupDefaultLocs(type);
        for (Map.Entry<String, Object> d : defaults.entrySet()) {
            // a parameter set to undef in the body is set: the default does not apply to it
            if (!r.parameters().containsKey(d.getKey()) && !params.containsKey(d.getKey()) && d.getValue() != null) {
                r.parameters().put(d.getKey(), d.getValue());
                // a default's reference to a missing resource is reported where the default was written
                if (Catalog.isRelationshipMetaparam(d.getKey()) && defaultLocs.containsKey(d.getKey())
                    && !attributeLocs.containsKey(d.getKey())) {
                    attributeLocs = new LinkedHashMap<>(attributeLocs);
                    attributeLocs.put(d.getKey(), defaultLocs.get(d.getKey()));
                }
            }
        }
        if (r.parameters().containsKey("stage") && !type.equals("Stage")) {
            throw new EvalError("Only classes can set 'stage'; normal resources like " + r.ref()
                + " cannot change run stage", stmtLoc);
        }
        if (form.equals("virtual") || form.equals("exported")) {
            r.virtual(true);
            r.exported(form.equals("exported"));
        }
        compilation.addToCatalog(r, stmtLoc);
        if (!type.equals("Stage")) {
            r.addContainer(s.resource);
        }
        Info i = new Info(s, define, bodyLoc);
        i.attributeLocs = attributeLocs;
        params.forEach((k, v) -> {
            if (v == null) {
                i.givenUndef(k);
            }
        });
        i.builtin = define == null;
        i.evaluated = define == null;
        compilation.info.put(r, i);
        if (type.equals("Stage")) {
            mergeTags(r, s.resource);
        }
        return new ResourceRef(type, title);
    }

    /** Resource-like class declaration, or a class with parameters from the classifier. */
    CatalogResource declareClass(String name, Map<String, Object> params, Scope s, Loc loc, boolean withLocation) {
        String n = stripTopScope(name.toLowerCase());
        ClassDef def = compilation.findClass(n);
        if (def == null) {
            throw new EvalError("Could not find declared class " + n, loc);
        }
        String title = capitalize(def.name().toLowerCase());
        CatalogResource existing = compilation.findResource("Class", title);
        if (existing != null) {
            throw new EvalError("Duplicate declaration: Class[" + title + "] is already declared"
                + (existing.file() != null ? " at (file: " + existing.file() + ", line: " + existing.line() + ")"
                : "") + "; cannot redeclare (file: " + loc.file() + ", line: " + loc.line() + ")", loc);
        }
        ensureParent(def, s, loc);
        CatalogResource r = new CatalogResource("Class", title, withLocation ? loc.file() : null,
            withLocation ? loc.line() : null, withLocation ? "class" : "unknown");
        r.tags().add("class");
        addTagTo(r.tags(), def.name());
        if (params.containsValue(null)) {
            // a parameter given undef keeps its place when its default or Hiera's value fills it
            r.declaredOrder(new ArrayList<>(params.keySet()));
        }
        for (Map.Entry<String, Object> p : params.entrySet()) {
            if (p.getValue() != null) {
                r.parameters().put(p.getKey(), p.getValue());
            }
        }
        compilation.addToCatalog(r, loc);
        Info info = new Info(s, def, loc);
        params.forEach((k, v) -> {
            if (v == null) {
                info.givenUndef(k);
            }
        });
        compilation.info.put(r, info);
        compilation.catalogTags().addAll(r.tags());
        evaluateClass(r, loc);
        return r;
    }

    private void ensureParent(ClassDef def, Scope s, Loc loc) {
        if (def.parent() != null) {
            ClassDef parent = compilation.findClass(def.parent());
            if (parent == null) {
                throw new EvalError("Could not find parent class " + def.parent() + " of class " + def.name(),
                    def.loc());
            }
            if (compilation.findResource("Class", parent.name()) == null) {
                ensureParent(parent, s, loc);
                addClassResource(parent, s);
            }
        }
    }

    private CatalogResource addClassResource(ClassDef def, Scope s) {
        CatalogResource r = new CatalogResource("Class", capitalize(def.name().toLowerCase()), null, null,
            "unknown");
        r.tags().add("class");
        addTagTo(r.tags(), def.name());
        compilation.addToCatalog(r, null);
        compilation.info.put(r, new Info(s, def, null));
        compilation.catalogTags().addAll(r.tags());
        return r;
    }

    /** include: declares each class not yet declared, then evaluates the new ones in order. */
    List<CatalogResource> includeClasses(List<String> names, Scope s, Loc loc, boolean evaluateNow) {
        List<CatalogResource> all = new ArrayList<>();
        List<CatalogResource> fresh = new ArrayList<>();
        for (String name : names) {
            String n = stripTopScope(name.toLowerCase());
            ClassDef def = compilation.findClass(n);
            if (def == null) {
                throw new EvalError("Could not find class ::" + n + " for " + compilation.request.certname(), loc);
            }
            CatalogResource existing = compilation.findResource("Class", def.name());
            if (existing != null) {
                all.add(existing);
                continue;
            }
            ensureParent(def, s, loc);
            CatalogResource r = addClassResource(def, s);
            all.add(r);
            fresh.add(r);
        }
        for (CatalogResource r : fresh) {
            evaluateClass(r, loc);
        }
        return all;
    }

    private void evaluateClass(CatalogResource r, Loc loc) {
        Info i = compilation.info.get(r);
        if (i.evaluated) {
            return;
        }
        i.evaluated = true;
        ClassDef def = (ClassDef) i.definition;
        mergeTags(r, i.scope.resource); // the catalog took the class's own tags when it was declared
        Scope parentScope = null;
        if (def.parent() != null) {
            ClassDef parent = compilation.findClass(def.parent());
            CatalogResource pr = compilation.findResource("Class", parent.name());
            evaluateClass(pr, loc);
            parentScope = compilation.classScopes.get(parent.name().toLowerCase());
        }
        Scope declaring = i.scope;
        Scope scope = new Scope(Scope.Kind.CLASS, parentScope != null ? parentScope : declaring.nodeOrTop(),
            parentScope != null ? parentScope : declaring, r, def.name().toLowerCase(), compilation);
        compilation.addClassName(def.name().toLowerCase());
        scope.setLocal("title", def.name().toLowerCase());
        scope.setLocal("name", def.name().toLowerCase());
        String module = def.name().contains("::") ? def.name().substring(0, def.name().indexOf("::"))
            : def.name();
        scope.setLocal("module_name", module.toLowerCase());
        setCallerModuleName(scope, parentScope != null ? parentScope : declaring);
        compilation.classScopes.put(def.name().toLowerCase(), scope);
        bindParameters(r, def.params(), scope, true, def.name().toLowerCase(), loc);
        addEdgeToStage(r, i, loc);
        compilation.evaluator().evalBlock(def.body(), scope);
    }

    /**
     * A type with several namevars takes the ones not given from its title, by the first title pattern that
     * matches ('acme/rocket' → maker, model); Ruby Puppet lists them first.
     */
    private static void namevarsFromTitle(CatalogResource r, RubyResourceType type, Loc loc) {
        for (RubyResourceType.TitlePattern p : type.titlePatterns()) {
            Matcher m = p.pattern().matcher(r.title());
            if (!m.find()) {
                continue;
            }
            // Ruby merges the declared parameters into what the title gave: a declared value wins, in the title's place
            Map<String, Object> fromTitle = new LinkedHashMap<>();
            for (int i = 0; i < p.attributes().size() && i < m.groupCount(); i++) {
                String attr = p.attributes().get(i);
                if (m.group(i + 1) != null) {
                    fromTitle.put(attr, m.group(i + 1));
                }
            }
            fromTitle.putAll(r.parameters());
            // with several key attributes Ruby's catalog calls 'name' the namevar, and leaves it out when it is the title
            if (r.title().equals(fromTitle.get("name"))) {
                fromTitle.remove("name");
            }
            if (!fromTitle.isEmpty()) {
                r.namevar(fromTitle.keySet().iterator().next()); // the catalog lists it first
            }
            r.parameters().clear();
            r.parameters().putAll(fromTitle);
            return;
        }
        throw EvalError.lineOnly("No set of title patterns matched the title \"" + r.title() + "\".", loc.file(),
            loc.line());
    }

    /** $caller_module_name: the module of the class or define whose code declared this one (unset at top level). */
    private static void setCallerModuleName(Scope scope, Scope declaring) {
        Object caller = declaring.find("module_name");
        if (caller instanceof String name) {
            scope.setLocal("caller_module_name", name);
        }
    }

    private void addEdgeToStage(CatalogResource r, Info i, Loc loc) {
        Object stageName = r.parameters().get("stage");
        if (stageName == null && i.scope != null && i.scope.resource != null) {
            stageName = i.scope.resource.parameters().get("stage");
        }
        CatalogResource stage = stageName == null ? compilation.mainStage
            : compilation.findResource("Stage", Values.str(stageName));
        if (stage == null) {
            throw new EvalError("Could not find stage " + Values.str(stageName) + " specified by " + r.ref(), loc);
        }
        if (stage != compilation.mainStage && !r.parameters().containsKey("stage")) {
            r.parameters().put("stage", stage.title());
        }
        r.addContainer(stage);
    }

    /**
     * Binds class or define parameters: given values, then (classes) Hiera data, then defaults in declaration
     * order; then checks them all at once as Ruby Puppet does (unknown names, missing values, type mismatches,
     * every one reported); sets the scope variables.
     */
    private void bindParameters(CatalogResource r, List<Param> params, Scope scope, boolean isClass,
                                String className, Loc loc) {
        if (isClass && compilation.hiera != null) {
            for (Param p : params) {
                if (r.parameters().get(p.name()) != null) {
                    continue;
                }
                Optional<HieraLookup.LookupHit> hit = hieraFind(className + "::" + p.name(), scope);
                if (hit.isPresent() && !(hit.get().value() == null && p.defaultValue() != null)) {
                    if (hit.get().value() != null) {
                        r.parameters().put(p.name(), hit.get().value());
                    } else {
                        compilation.info.get(r).givenUndef(p.name()); // data saying ~ gives undef
                    }
                }
            }
        }
        Map<String, Object> given = new LinkedHashMap<>(r.parameters());
        for (String name : compilation.info.get(r).givenUndef()) {
            given.putIfAbsent(name, null);
        }
        for (Param p : params) {
            Object v = r.parameters().get(p.name());
            if (v == null && p.defaultValue() != null) {
                v = compilation.evaluator().eval(p.defaultValue(), scope);
                if (v != null) {
                    r.parameters().put(p.name(), v);
                }
                given.put(p.name(), v);
            }
            scope.setLocal(p.name(), v);
        }
        r.restoreDeclaredOrder();
        Map<String, TypeValue> declared = new LinkedHashMap<>();
        Set<String> required = new HashSet<>();
        for (Param p : params) {
            Object t = p.type() == null ? null : compilation.evaluator().eval(p.type(), scope);
            declared.put(p.name(), t instanceof TypeValue tv ? tv : null);
            if (p.defaultValue() == null) {
                required.add(p.name());
            }
        }
        List<TypeMismatchDescriber.Mismatch> errors = TypeMismatchDescriber.describeParameters(declared, required,
            given, ACCEPTED_UNDECLARED);
        if (!errors.isEmpty()) {
            throw paramError(r, TypeMismatchDescriber.join(errors).replaceFirst("^ ", ""), isClass, loc);
        }
        for (String meta : METAPARAMS) {
            if (r.parameters().containsKey(meta) && !declared.containsKey(meta) && !scope.hasLocal(meta)) {
                // metaparameters are visible as variables in the body, as in Ruby Puppet
                scope.setLocal(meta, r.parameters().get(meta));
            }
        }
    }

    /** Ruby Puppet's wording: "Class[X]: parameter ..." for one error, "Class[X]:" and a line per error for more. */
    private EvalError paramError(CatalogResource r, String msg, boolean isClass, Loc loc) {
        String text = r.ref() + ":" + (msg.startsWith("\n") ? msg : " " + msg);
        if (isClass) {
            return new EvalError(text, loc);
        }
        return EvalError.lineOnly(text, r.file(), r.line());
    }

    Optional<HieraLookup.LookupHit> hieraFind(String key, Scope scope) {
        if (compilation.hiera == null) {
            return Optional.empty();
        }
        try {
            return compilation.hiera.find(key, LookupOptions.none(), scope);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new EvalError(e.getMessage());
        }
    }

    void evaluateDefine(CatalogResource r) {
        Info i = compilation.info.get(r);
        i.evaluated = true;
        DefineDef def = (DefineDef) i.definition;
        mergeTags(r, i.scope.resource);
        Scope scope = new Scope(Scope.Kind.DEFINE, i.scope.nodeOrTop(), i.scope, r, def.name().toLowerCase(),
            compilation);
        scope.setLocal("title", r.title());
        Object name = r.parameters().get("name");
        scope.setLocal("name", name != null ? name : r.title());
        String module = def.name().contains("::") ? def.name().substring(0, def.name().indexOf("::"))
            : def.name();
        scope.setLocal("module_name", module.toLowerCase());
        setCallerModuleName(scope, i.scope);
        try {
            List<Param> params = def.params().stream().filter(p -> !p.name().equals("name")).toList();
            bindParameters(r, params, scope, false, def.name().toLowerCase(), i.loc);
            compilation.evaluator().evalBlock(def.body(), scope);
        } catch (EvalError e) {
            if (e.locatedParseError()) {
                // Ruby reports it at the define's declaration, after its own location
                throw EvalError.lineOnly(e.getMessage() + " (file: " + e.loc().file() + ", line: " + e.loc().line()
                    + ")", r.file(), r.line());
            }
            throw e.at(new Loc(r.file(), r.line() == null ? 0 : r.line(), 0));
        }
    }
}
