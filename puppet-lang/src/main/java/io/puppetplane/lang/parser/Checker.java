package io.puppetplane.lang.parser;

import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.parser.ParseFacts.Issue;
import io.puppetplane.lang.value.Default;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a parsed program as Ruby Puppet's Checker4_0 does after parsing: values produced and then forgotten,
 * what may be assigned, variable, parameter and definition names, where definitions may stand, defaults of cases
 * and selectors, {@code +>} and {@code * =>} in resource bodies. One error is reported as itself; several as
 * "Language validation logged N errors. Giving up" (Ruby Puppet logs each and then gives up).
 */
final class Checker {

    /** Where a definition stands: at the top, in a class body, or elsewhere (where none may). */
    private enum Place { TOP, CLASS_BODY, OTHER }

    private static final Pattern DEFINITION_NAME = Pattern.compile("[a-z]\\w*(?:::[a-z]\\w*)*");
    private static final Pattern LEGACY_DEFINITION_NAME = Pattern.compile("[a-z][\\w-]*(?:::[a-z][\\w-]*)*");
    private static final Pattern VARIABLE_NAME = Pattern.compile("(?:::)?(?:[a-z]\\w*::)*[a-z_]\\w*");
    private static final Pattern NUMERIC_VARIABLE_NAME = Pattern.compile("0|[1-9][0-9]*");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z_]\\w*");
    private static final Pattern HOSTNAME_CHARS = Pattern.compile("[^-\\w.]");
    private static final Set<String> RESERVED_TYPE_NAMES = Set.of("type", "any", "unit", "scalar", "boolean",
        "numeric", "integer", "float", "collection", "array", "hash", "tuple", "struct", "variant", "optional",
        "enum", "regexp", "pattern", "runtime", "init", "object", "sensitive", "semver", "semverrange", "string",
        "timestamp", "timespan", "typeset");

    private final ParseFacts facts;
    private final Labels labels;
    private final boolean legacyNames;
    /** Puppet 8's strict = error: what Checker4_0 only warns about in Puppet 7 (duplicate hash keys) is an issue. */
    private final boolean strictErrors;
    private final List<Issue> issues = new ArrayList<>();

    Checker(ParseFacts facts, boolean legacyNames) {
        this(facts, legacyNames, false);
    }

    Checker(ParseFacts facts, boolean legacyNames, boolean strictErrors) {
        this.facts = facts;
        this.labels = facts.labels();
        this.legacyNames = legacyNames;
        this.strictErrors = strictErrors;
    }

    void checkProgram(Parser.Program program) {
        issues.addAll(facts.issues());
        checkStatements(program.statements(), Place.TOP);
        if (issues.size() == 1) {
            Issue only = issues.get(0);
            throw new SyntaxError(only.message(), only.loc().line(), only.loc().column());
        }
        if (issues.size() > 1) {
            throw new SyntaxError("Language validation logged " + issues.size() + " errors. Giving up", 0, 0);
        }
    }

    private void issue(Expr at, String message) {
        issues.add(new Issue(at.loc(), message));
    }

    private void issue(Loc at, String message) {
        issues.add(new Issue(at, message));
    }

    /** A literal key written twice in one hash literal (keys computed at run time cannot be checked). */
    private void checkDuplicateKeys(HashLit h) {
        Set<Object> seen = new java.util.HashSet<>();
        for (Expr key : h.keys()) {
            Object literal = literalKey(key);
            if (literal != null && !seen.add(literal)) {
                issue(facts.hashEntryLoc(key), "The key '" + literal + "' is declared more than once");
            }
        }
    }

    /** The value of a key Ruby's literal evaluator knows (strings, numbers, booleans, bare words), else null. */
    private static Object literalKey(Expr key) {
        if (key instanceof Literal l && l.value() != null && !(l.value() instanceof Default)) {
            return l.value();
        }
        if (key instanceof BareWord w) {
            return w.name();
        }
        if (key instanceof Interpolated ip && ip.parts().stream().allMatch(String.class::isInstance)) {
            return String.join("", ip.parts().stream().map(String.class::cast).toList());
        }
        return null;
    }

    /** A statement list (a block when there are several): its checks, then each statement's. */
    private void checkStatements(List<Expr> statements, Place place) {
        if (isResourceWithoutTitle(statements)) {
            issue(statements.get(0), "This expression is invalid. Did you try declaring a '"
                + ((BareWord) statements.get(0)).name() + "' resource without a title?");
        } else {
            for (int i = 0; i < statements.size() - 1; i++) {
                if (idem(statements.get(i))) {
                    issue(statements.get(i), "This " + labels.label(statements.get(i)) + " has no effect. A value"
                        + " was produced and then forgotten (one or more preceding expressions may have the wrong"
                        + " form)");
                    break;
                }
            }
        }
        for (Expr s : statements) {
            check(s, place);
        }
    }

    /** A name followed by a hash: Ruby Puppet takes it for a resource written without a title. */
    private static boolean isResourceWithoutTitle(List<Expr> statements) {
        return statements.size() == 2 && statements.get(0) instanceof BareWord
            && statements.get(1) instanceof HashLit;
    }

    /** Whether evaluating E is known to change nothing (its value is all it gives). */
    private boolean idem(Expr e) {
        if (e == null) {
            return true;
        }
        if (e instanceof Literal || e instanceof Interpolated || e instanceof Variable || e instanceof BareWord
            || e instanceof TypeRef || e instanceof RegexLit || e instanceof ArrayLit || e instanceof HashLit
            || e instanceof Access || e instanceof Unary || e instanceof Selector) {
            return true;
        }
        if (e instanceof Binary b) {
            return !b.op().equals("=~") && !b.op().equals("!~");
        }
        if (e instanceof Block b) {
            return b.statements().stream().allMatch(this::idem);
        }
        if (e instanceof If i) {
            return idem(i.condition()) && idem(i.then()) && idem(i.otherwise());
        }
        if (e instanceof Case c) {
            return idem(c.subject()) && c.options().stream()
                .allMatch(o -> o.values().stream().allMatch(this::idem) && idem(o.body()));
        }
        return false;
    }

    private void check(Expr e, Place place) {
        if (e == null) {
            return;
        }
        if (e instanceof Variable v) {
            checkVariableName(v);
        } else if (e instanceof Interpolated ip) {
            for (Object part : ip.parts()) {
                if (part instanceof Expr x) {
                    check(x, Place.OTHER);
                }
            }
        } else if (e instanceof ArrayLit a) {
            checkAll(a.elements());
        } else if (e instanceof HashLit h) {
            if (strictErrors) {
                checkDuplicateKeys(h);
            }
            checkAll(h.keys());
            checkAll(h.values());
        } else if (e instanceof Binary b) {
            check(b.left(), Place.OTHER);
            check(b.right(), Place.OTHER);
        } else if (e instanceof Unary u) {
            check(u.operand(), Place.OTHER);
        } else if (e instanceof Access a) {
            check(a.target(), Place.OTHER);
            checkAll(a.keys());
        } else if (e instanceof Call c) {
            checkAll(c.args());
            check(c.lambda(), Place.OTHER);
        } else if (e instanceof MethodCall m) {
            check(m.receiver(), Place.OTHER);
            checkAll(m.args());
            check(m.lambda(), Place.OTHER);
        } else if (e instanceof Lambda l) {
            checkParams(l.params(), null);
            checkCapturesRestLast(l.params());
            checkStatements(l.body().statements(), Place.OTHER);
        } else if (e instanceof Selector s) {
            check(s.subject(), Place.OTHER);
            checkAll(s.matches());
            checkAll(s.values());
            checkOneDefault(s.matches(), "Selector Expression");
        } else if (e instanceof If i) {
            check(i.condition(), Place.OTHER);
            checkStatements(i.then().statements(), Place.OTHER);
            if (i.otherwise() instanceof Block b) {
                checkStatements(b.statements(), Place.OTHER);
            } else {
                check(i.otherwise(), Place.OTHER);
            }
        } else if (e instanceof Case c) {
            check(c.subject(), Place.OTHER);
            List<Expr> values = new ArrayList<>();
            for (CaseOption o : c.options()) {
                values.addAll(o.values());
                checkAll(o.values());
                checkStatements(o.body().statements(), Place.OTHER);
            }
            checkOneDefault(values, "'case' statement");
        } else if (e instanceof Assign a) {
            checkAssign(a);
            check(a.target(), Place.OTHER);
            check(a.value(), Place.OTHER);
        } else if (e instanceof Block b) {
            checkStatements(b.statements(), place);
        } else if (e instanceof ResourceDecl r) {
            checkResource(r);
        } else if (e instanceof ResourceDefaults d) {
            checkAttributes(d.attributes(), "a Resource Defaults Expression", false);
        } else if (e instanceof ResourceOverride o) {
            check(o.reference(), Place.OTHER);
            checkAttributes(o.attributes(), null, false);
        } else if (e instanceof Collector c) {
            checkQuery(c.query());
            checkAttributes(c.overrides(), null, false);
        } else if (e instanceof Relationship r) {
            check(r.left(), Place.OTHER);
            check(r.right(), Place.OTHER);
        } else if (e instanceof DefinitionStatement d) {
            checkDefinition(d, place);
        }
    }

    private void checkAll(List<Expr> exprs) {
        for (Expr x : exprs) {
            check(x, Place.OTHER);
        }
    }

    private void checkQuery(Query q) {
        if (q != null) {
            check(q.value(), Place.OTHER);
            checkQuery(q.left());
            checkQuery(q.right());
        }
    }

    private void checkVariableName(Variable v) {
        String name = v.name();
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            if (!NUMERIC_VARIABLE_NAME.matcher(name).matches()) {
                issue(v, "Illegal numeric variable name, The given name '" + name + "' must be a decimal value if it"
                    + " starts with a digit 0-9");
            }
        } else if (!VARIABLE_NAME.matcher(name).matches()) {
            issue(v, "Illegal variable name, The given name '" + name + "' does not conform to the naming rule"
                + " /^((::)?[a-z]\\w*)*((::)?[a-z_]\\w*)$/");
        }
    }

    private void checkAssign(Assign a) {
        if (!a.op().equals("=")) {
            issue(a, "The operator '" + a.op() + "' is no longer supported. See"
                + " http://links.puppet.com/remove-plus-equals");
            return;
        }
        checkAssignable(a.target());
    }

    private void checkAssignable(Expr target) {
        if (target instanceof Variable v) {
            if (NUMERIC_VARIABLE_NAME.matcher(v.name()).matches()) {
                issue(v, "Illegal attempt to assign to the numeric match result variable '$" + v.name()
                    + "'. Numeric variables are not assignable");
            }
            if (v.name().contains("::")) {
                issue(v, "Illegal attempt to assign to '" + v.name() + "'. Cannot assign to variables in other"
                    + " namespaces");
            }
        } else if (target instanceof Access a) {
            issue(a, "Illegal attempt to assign via [index/key]. Not an assignable reference");
        } else if (target instanceof ArrayLit list && !facts.isParenthesized(list)) {
            for (Expr x : list.elements()) {
                checkAssignable(x);
            }
        } else {
            issue(target, "Illegal attempt to assign to '" + labels.aAn(target) + "'. Not an assignable reference");
        }
    }

    private void checkOneDefault(List<Expr> values, String container) {
        boolean seen = false;
        for (Expr v : values) {
            if (v instanceof Literal l && l.value() == Default.DEFAULT) {
                if (seen) {
                    issue(v, "This " + container + " already has a 'default' entry - this is a duplicate");
                    return;
                }
                seen = true;
            }
        }
    }

    private void checkResource(ResourceDecl r) {
        if (!r.form().equals("regular") && r.type() instanceof BareWord b && b.name().equals("class")) {
            issue(r, "Classes are not virtualizable");
        }
        check(r.type(), Place.OTHER);
        for (ResourceBody body : r.bodies()) {
            check(body.title(), Place.OTHER);
            checkAttributes(body.attributes(), "a Resource Instance Definition", true);
        }
    }

    /** +> only amends (overrides, collectors); '* =>' once per resource body. */
    private void checkAttributes(List<AttributeOp> attributes, String declaring, boolean body) {
        boolean unfolded = false;
        for (AttributeOp op : attributes) {
            if (op.op().equals("+>") && declaring != null) {
                issue(op.loc(), "Illegal +> operation on attribute " + op.name() + ". This operator can not be used"
                    + " in " + declaring);
            }
            if (op.name().equals("*") && body) {
                if (unfolded) {
                    issue(op.loc(), "Unfolding of attributes from Hash can only be used once per resource body");
                }
                unfolded = true;
            }
            check(op.value(), Place.OTHER);
        }
    }

    private void checkDefinition(DefinitionStatement statement, Place place) {
        Definition d = statement.definition();
        boolean absolute = d instanceof FunctionDef || d instanceof TypeAlias;
        if (place == Place.OTHER) {
            issue(statement, "Classes, definitions, and nodes may only appear at toplevel or inside other classes");
        } else if (place == Place.CLASS_BODY && absolute) {
            issue(statement, Labels.withArticle(Labels.label(d), true) + " may only appear at toplevel");
        }
        if (d instanceof ClassDef c) {
            checkDefinitionName(statement, c.name());
            checkParams(c.params(), statement);
            checkStatements(c.body().statements(), Place.CLASS_BODY);
            checkNoValueLast(c.body(), statement);
        } else if (d instanceof DefineDef def) {
            checkDefinitionName(statement, def.name());
            checkParams(def.params(), statement);
            checkStatements(def.body().statements(), Place.OTHER);
            checkNoValueLast(def.body(), statement);
        } else if (d instanceof FunctionDef f) {
            checkDefinitionName(statement, f.name());
            checkParams(f.params(), null);
            checkStatements(f.body().statements(), Place.OTHER);
        } else if (d instanceof NodeDef n) {
            for (Expr m : n.matches()) {
                if (m instanceof Literal l && l.value() instanceof String s && HOSTNAME_CHARS.matcher(s).find()) {
                    issue(m, "The hostname '" + s + "' contains illegal characters (only letters, digits, '_', '-',"
                        + " and '.' are allowed)");
                }
            }
            checkStatements(n.body().statements(), Place.OTHER);
            checkNoValueLast(n.body(), statement);
        } else if (d instanceof TypeAlias t) {
            check(t.type(), Place.OTHER);
        }
    }

    private void checkDefinitionName(DefinitionStatement at, String name) {
        Pattern rule = legacyNames ? LEGACY_DEFINITION_NAME : DEFINITION_NAME;
        if (!rule.matcher(name).matches()) {
            issue(at, "Unacceptable name. The name '" + name + "' is unacceptable as the name of "
                + Labels.withArticle(Labels.label(at.definition()), false));
        }
        if (RESERVED_TYPE_NAMES.contains(name)) {
            issue(at, "The name: '" + name + "' is already defined by Puppet and can not be used as the name of "
                + Labels.withArticle(Labels.label(at.definition()), false) + ".");
        }
    }

    /** A class, define or node may not end with a value and nothing else. */
    private void checkNoValueLast(Block body, DefinitionStatement container) {
        List<Expr> statements = body.statements();
        if (statements.isEmpty()) {
            return;
        }
        Expr last = statements.get(statements.size() - 1);
        if (idem(last) && !(last instanceof Block b && isResourceWithoutTitle(b.statements()))) {
            issue(last, "This " + labels.label(last) + " has no effect. "
                + Labels.withArticle(Labels.label(container.definition()), true)
                + " can not end with a value-producing expression without other effect");
        }
    }

    /** Parameter names and defaults; CONTAINER (a class or define) also refuses name, title and captures-rest. */
    private void checkParams(List<Param> params, DefinitionStatement container) {
        Set<String> seen = new HashSet<>();
        for (Param p : params) {
            Loc at = p.loc();
            if (container != null && p.captureRest()) {
                issue(at, "Parameter $" + p.name() + " has 'captures rest' - not supported in "
                    + Labels.withArticle(Labels.label(container.definition()), false));
            }
            if (container != null && (p.name().equals("name") || p.name().equals("title"))) {
                issue(at, "The parameter $" + p.name() + " redefines a built in parameter in the "
                    + Labels.label(container.definition()));
            }
            if (!seen.add(p.name())) {
                issue(at, "The parameter '" + p.name() + "' is declared more than once in the parameter list");
            }
            if (p.name().matches("(?:0x)?[0-9]+")) {
                issue(at, "The numeric parameter name '$" + p.name() + "' cannot be used (clashes with numeric match"
                    + " result variables)");
            }
            if (!PARAMETER_NAME.matcher(p.name()).matches()) {
                issue(at, "Illegal parameter name. The given name '" + p.name() + "' does not conform to the naming"
                    + " rule /^[a-z_]\\w*$/");
            }
            check(p.type(), Place.OTHER);
            if (p.defaultValue() != null) {
                checkNoAssignment(p.defaultValue());
                check(p.defaultValue(), Place.OTHER);
            }
        }
    }

    private void checkCapturesRestLast(List<Param> params) {
        for (int i = 0; i < params.size() - 1; i++) {
            if (params.get(i).captureRest()) {
                issue(params.get(i).loc(), "Parameter $" + params.get(i).name()
                    + " is not last, and has 'captures rest'");
            }
        }
    }

    /** A parameter's default may not assign (except inside a lambda, which has its own scope). */
    private void checkNoAssignment(Expr e) {
        if (e instanceof Assign) {
            issue(e, "Assignment not allowed here");
        } else if (e instanceof Binary b) {
            checkNoAssignment(b.left());
            checkNoAssignment(b.right());
        } else if (e instanceof Unary u) {
            checkNoAssignment(u.operand());
        } else if (e instanceof ArrayLit a) {
            a.elements().forEach(this::checkNoAssignment);
        } else if (e instanceof HashLit h) {
            h.keys().forEach(this::checkNoAssignment);
            h.values().forEach(this::checkNoAssignment);
        } else if (e instanceof Access a) {
            checkNoAssignment(a.target());
            a.keys().forEach(this::checkNoAssignment);
        } else if (e instanceof Call c) {
            c.args().forEach(this::checkNoAssignment);
        } else if (e instanceof MethodCall m) {
            checkNoAssignment(m.receiver());
            m.args().forEach(this::checkNoAssignment);
        }
    }
}
