package io.puppetplane.lang.parser;

import static io.puppetplane.lang.lexer.TokenKind.*;

import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.lexer.Lexer;
import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.lexer.Token;
import io.puppetplane.lang.lexer.TokenKind;
import io.puppetplane.lang.value.Default;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A recursive-descent parser of the Puppet 7 language shaped after Ruby Puppet's grammar (egrammar.ra), so it
 * accepts the same programs and refuses the others at the same token: statements are sequences of expressions
 * (a name of a statement function followed by arguments becomes a call afterwards, as Ruby Puppet's
 * transform_calls does); resources, relationships and assignments sit above expressions; the operators bind as
 * Ruby Puppet's precedence table says (from loosest: or, and, ?, comparisons, equality, shifts, additive,
 * multiplicative, match, in, then the prefix operators and the postfix call, '.', '[]' and collectors). The
 * program is then validated ({@link Checker}) as Ruby Puppet's Checker4_0 does.
 */
public final class Parser {

    /** Names that take arguments without parentheses at statement level ({@code include foo, bar}). */
    private static final Set<String> STATEMENT_CALLS = Set.of("include", "require", "contain", "realize", "tag",
        "debug", "info", "notice", "warning", "err", "fail", "import", "break", "next", "return");

    /** Ruby Puppet's keywords: they are not names (true and false are booleans). */
    static final Set<String> KEYWORDS = Set.of("and", "case", "class", "default", "define", "else", "elsif",
        "false", "function", "if", "in", "inherits", "node", "or", "true", "undef", "unless", "type", "attr",
        "private");

    private static final int MAX_DEPTH = 150;

    private final Supplier<Token> source;
    private final List<Token> lookahead = new ArrayList<>();
    private final String file;
    private final boolean legacyNames;
    private final ParseFacts facts;
    private final List<Definition> definitions;
    private int depth;
    /** The class whose body is being read: nested class and define names are qualified with it. */
    private String currentNamespace = "";

    private Parser(Supplier<Token> source, String file, boolean legacyNames, ParseFacts facts,
                   List<Definition> definitions) {
        this.source = source;
        this.file = file;
        this.legacyNames = legacyNames;
        this.facts = facts;
        this.definitions = definitions;
    }

    /** A parsed file: its top-level statements and every definition in it (nested ones included). */
    public record Program(String file, List<Expr> statements, List<Definition> definitions) {
    }

    /** Parses and validates a file; errors are thrown as {@link SyntaxError} with line and column. */
    public static Program parse(String source, String file, boolean legacyNames) {
        return parse(source, file, legacyNames, false);
    }

    /** STRICT_ERRORS: Puppet 8's strict = error, which makes some of Puppet 7's validation warnings errors. */
    public static Program parse(String source, String file, boolean legacyNames, boolean strictErrors) {
        Lexer lexer = new Lexer(source);
        ParseFacts facts = new ParseFacts();
        Parser parser = new Parser(lexer::next, file, legacyNames, facts, new ArrayList<>());
        List<Expr> stmts = parser.guarded(() -> {
            List<Expr> s = parser.startsStatement(parser.peek()) ? parser.statements() : List.of();
            parser.expect(EOF);
            return s;
        });
        Program program = new Program(file, stmts, parser.definitions);
        new Checker(facts, legacyNames, strictErrors).checkProgram(program);
        return program;
    }

    /**
     * Parses and validates an EPP template into a function: its parameters (a {@code |...|} list opening the
     * template) and a body of statements that render text ({@code TEXT}) and expressions ({@code EXPR}).
     */
    public static FunctionDef parseEpp(String source, String file, String textFunction, String exprFunction) {
        Lexer lexer = Lexer.epp(source);
        ParseFacts facts = new ParseFacts();
        facts.eppFunctions(textFunction, exprFunction);
        Parser parser = new Parser(lexer::next, file, false, facts, new ArrayList<>());
        FunctionDef template = parser.guarded(() -> {
            Token first = parser.peek();
            List<Param> params = List.of();
            if (first.kind() == PIPE) {
                params = parser.params(PIPE);
            }
            List<Expr> body = parser.startsStatement(parser.peek()) ? parser.statements() : List.of();
            parser.expect(EOF);
            Loc loc = new Loc(file, 1, 1);
            return new FunctionDef(loc, "epp_template__", params, null, new Block(loc, body));
        });
        new Checker(facts, false).checkProgram(new Program(file, List.of(template.body()),
            parser.definitions));
        return template;
    }

    private <T> T guarded(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (StackOverflowError e) {
            throw new SyntaxError("Expression nesting is too deep", peek().line(), peek().column());
        }
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        return peek(0);
    }

    /** The token K ahead; lexes only as far as asked (a lexical error further on does not surface early). */
    private Token peek(int k) {
        while (lookahead.size() <= k) {
            Token t = lookahead.isEmpty() || lookahead.get(lookahead.size() - 1).kind() != EOF ? source.get()
                : lookahead.get(lookahead.size() - 1);
            lookahead.add(t);
        }
        return lookahead.get(k);
    }

    private Token advance() {
        Token t = peek();
        if (t.kind() != EOF) {
            lookahead.remove(0);
        }
        return t;
    }

    private boolean at(TokenKind k) {
        return peek().kind() == k;
    }

    private boolean atKeyword(String word) {
        return isKeyword(peek(), word);
    }

    private static boolean isKeyword(Token t, String word) {
        return t.kind() == NAME && t.text().equals(word);
    }

    /** A NAME token that is not a keyword (what Ruby Puppet's lexer calls a NAME). */
    private static boolean isName(Token t) {
        return t.kind() == NAME && !KEYWORDS.contains(t.text());
    }

    private boolean accept(TokenKind k) {
        if (at(k)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(TokenKind k) {
        if (!at(k)) {
            throw syntaxError(peek());
        }
        return advance();
    }

    private Loc loc(Token t) {
        return new Loc(file, t.line(), t.column());
    }

    /** "Syntax error at 'X'" naming the token as Ruby Puppet's parser does (its value, not its source text). */
    SyntaxError syntaxError(Token t) {
        if (t.kind() == EOF) {
            // Ruby Puppet places no line or column at the end of input
            return new SyntaxError("Syntax error at end of input", 0, 0);
        }
        return new SyntaxError("Syntax error at '" + tokenValue(t) + "'", t.line(), t.column());
    }

    private static String tokenValue(Token t) {
        return switch (t.kind()) {
            case STRING -> t.text();
            case DQSTRING -> {
                StringBuilder sb = new StringBuilder();
                for (Object part : t.parts()) {
                    if (!(part instanceof String s)) {
                        break;
                    }
                    sb.append(s);
                }
                yield sb.toString();
            }
            case REGEX -> "(?-mix:" + t.text() + ")";
            case RENDER_EXPR -> "";
            default -> t.text();
        };
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError("Expression nesting is too deep", peek().line(), peek().column());
        }
    }

    // ---------------------------------------------------------------- statements

    /** Whether T can start a statement (an assignment, a resource or an expression). */
    private boolean startsStatement(Token t) {
        return switch (t.kind()) {
            case NAME -> !Set.of("and", "or", "in", "else", "elsif", "inherits").contains(t.text());
            case WORD, CLASSREF, VARIABLE, NUMBER, STRING, DQSTRING, HEREDOC, REGEX, LISTSTART, LBRACK, LBRACE,
                LPAREN, WSLPAREN, MINUS, TIMES, NOT, AT, ATAT, RENDER_STRING, RENDER_EXPR -> true;
            default -> false;
        };
    }

    /** A statement with commas: its expressions and the first comma (where a misplaced list is reported). */
    private record CommaList(List<Expr> exprs, Token firstComma) {
    }

    /**
     * statements: statement ((';')? statement)*, then calls made of statement names and what follows them. The
     * list ends at the first token that cannot start a statement; the caller decides whether that is an error.
     */
    private List<Expr> statements() {
        List<Object> raw = new ArrayList<>();
        raw.add(syntacticStatement());
        while (true) {
            if (accept(SEMIC)) {
                if (!startsStatement(peek())) {
                    throw syntaxError(peek());
                }
                raw.add(syntacticStatement());
            } else if (startsStatement(peek())) {
                raw.add(syntacticStatement());
            } else {
                return transformCalls(raw);
            }
        }
    }

    private Object syntacticStatement() {
        Expr first = assignment();
        if (!at(COMMA)) {
            return first;
        }
        Token comma = peek();
        List<Expr> exprs = new ArrayList<>();
        exprs.add(first);
        while (accept(COMMA)) {
            exprs.add(assignment());
        }
        return new CommaList(exprs, comma);
    }

    /** A statement function's name followed by an expression or a comma list is a call of it. */
    private List<Expr> transformCalls(List<Object> raw) {
        List<Expr> out = new ArrayList<>();
        for (Object item : raw) {
            Expr previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous instanceof BareWord name && STATEMENT_CALLS.contains(name.name())) {
                List<Expr> args = item instanceof CommaList list ? list.exprs() : List.of((Expr) item);
                out.set(out.size() - 1, new Call(name.loc(), name.name(), args, null));
            } else if (item instanceof CommaList list) {
                Token comma = list.firstComma();
                if (previous instanceof BareWord name) {
                    throw new SyntaxError("attempt to pass argument list to the function '" + name.name()
                        + "' which cannot be called without parentheses", comma.line(), comma.column());
                }
                throw new SyntaxError("illegal comma separated argument list", comma.line(), comma.column());
            } else {
                out.add((Expr) item);
            }
        }
        return out;
    }

    /** '{' statements? '}' */
    private Block block() {
        Token open = expect(LBRACE);
        List<Expr> stmts = at(RBRACE) ? List.of() : statements();
        expect(RBRACE);
        return new Block(loc(open), stmts);
    }

    // ---------------------------------------------------------------- assignment, relationship, resource

    /** assignment: relationship (('=' | '+=' | '-=') assignment)? */
    private Expr assignment() {
        enter();
        try {
            Expr left = relationship();
            if (at(EQUALS) || at(APPENDS) || at(DELETES)) {
                Token op = advance();
                Expr right = assignment();
                return new Assign(loc(op), op.text(), left, right);
            }
            return left;
        } finally {
            depth--;
        }
    }

    private Expr relationship() {
        Expr left = resource();
        while (at(IN_EDGE) || at(OUT_EDGE) || at(IN_EDGE_SUB) || at(OUT_EDGE_SUB)) {
            Token op = advance();
            Expr right = resource();
            left = new Relationship(loc(op), op.text(), left, right);
        }
        return left;
    }

    /**
     * resource: '@' resource | '@@' resource | 'class' '{' bodies '}' | expression ('{' resource-body '}')*. A
     * body with titles declares resources; one without is a default (Type), an override (Type[...]), or a name
     * followed by a hash.
     */
    private Expr resource() {
        Token t = peek();
        if (t.kind() == AT || t.kind() == ATAT) {
            advance();
            enter();
            Expr r;
            try {
                r = resource();
            } finally {
                depth--;
            }
            String form = t.kind() == AT ? "virtual" : "exported";
            if (r instanceof ResourceDecl d) {
                return new ResourceDecl(loc(t), form, d.type(), d.bodies());
            }
            if (r instanceof ResourceDefaults || r instanceof ResourceOverride) {
                facts.issue(loc(t), "Resource Defaults are not virtualizable");
                return r;
            }
            throw new SyntaxError((t.kind() == AT ? "Virtual (@)" : "Exported (@@)")
                + " can only be applied to a Resource Expression", t.line(), t.column());
        }
        Expr e;
        if (atKeyword("class") && peek(1).kind() == LBRACE) {
            Token kw = advance();
            advance();
            List<ResourceBody> bodies = resourceBodies(new ArrayList<>());
            expect(RBRACE);
            e = new ResourceDecl(loc(kw), "regular", new BareWord(loc(kw), "class"), bodies);
        } else {
            e = expression(0);
        }
        while (at(LBRACE)) {
            e = resourceBody(e);
        }
        return e;
    }

    /** What follows a resource's type expression: '{' then titled bodies, or attributes alone. */
    private Expr resourceBody(Expr type) {
        Token open = advance();
        if (startsAttribute()) {
            List<AttributeOp> attrs = attributeOperations();
            Token close = expect(RBRACE);
            return untitled(type, attrs, open, close);
        }
        if (at(RBRACE)) {
            Token close = advance();
            return untitled(type, List.of(), open, close);
        }
        Token titleTok = peek();
        Expr title = expression(0);
        expect(COLON);
        List<ResourceBody> bodies = new ArrayList<>();
        bodies.add(new ResourceBody(loc(titleTok), title, attributeOperations()));
        if (accept(SEMIC) && !at(RBRACE)) {
            resourceBodies(bodies);
        }
        expect(RBRACE);
        return new ResourceDecl(type.loc(), "regular", resourceType(type), bodies);
    }

    /** resource_bodies endsemi: title ':' attributes (';' title ':' attributes)* ';'? */
    private List<ResourceBody> resourceBodies(List<ResourceBody> bodies) {
        do {
            Token titleTok = peek();
            Expr title = expression(0);
            expect(COLON);
            bodies.add(new ResourceBody(loc(titleTok), title, attributeOperations()));
        } while (accept(SEMIC) && !at(RBRACE));
        return bodies;
    }

    /**
     * The type of a titled resource: a name, a capitalised type name or {@code Resource['name']} (which mean the
     * same); any other expression is evaluated (and refused) when the resource is declared.
     */
    private Expr resourceType(Expr type) {
        if (type instanceof BareWord b) {
            if (b.name().contains("-") && !legacyNames) {
                throw new SyntaxError("Syntax error at '" + b.name() + "'", b.loc().line(), b.loc().column());
            }
            return b;
        }
        if (type instanceof TypeRef r) {
            return new BareWord(r.loc(), r.name().toLowerCase());
        }
        if (type instanceof Access a && a.target() instanceof TypeRef r && r.name().equalsIgnoreCase("resource")
            && a.keys().size() == 1 && a.keys().get(0) instanceof Literal l && l.value() instanceof String s) {
            return new BareWord(a.loc(), s.toLowerCase());
        }
        if (type instanceof Literal l && l.value() instanceof String s && facts.isWord(type)) {
            if (legacyNames) {
                return new BareWord(l.loc(), s);
            }
            throw new SyntaxError("Syntax error at '" + s + "'", l.loc().line(), l.loc().column());
        }
        return type;
    }

    /** A body without a title: defaults (Type), an override (Type[...]), or a name and a hash (a call). */
    private Expr untitled(Expr left, List<AttributeOp> attrs, Token open, Token close) {
        if (left instanceof TypeRef r) {
            return new ResourceDefaults(r.loc(), r.name(), attrs);
        }
        if (left instanceof Access a && a.target() instanceof TypeRef r) {
            if (r.name().equalsIgnoreCase("resource") && a.keys().size() == 1) {
                return new ResourceDefaults(a.loc(), resourceDefaultsType(a), attrs);
            }
            return new ResourceOverride(left.loc(), left, attrs);
        }
        if (left instanceof Access) {
            return new ResourceOverride(left.loc(), left, attrs);
        }
        if (left instanceof BareWord name) {
            List<Expr> keys = new ArrayList<>();
            List<Expr> values = new ArrayList<>();
            for (AttributeOp op : attrs) {
                if (op.op().equals("+>")) {
                    throw new SyntaxError("Syntax error resource body without title or hash with +>", open.line(),
                        open.column());
                }
                keys.add(new Literal(op.loc(), op.name()));
                values.add(op.value());
            }
            HashLit hash = new HashLit(loc(open), keys, values);
            if (STATEMENT_CALLS.contains(name.name())) {
                return new Call(name.loc(), name.name(), List.of(hash), null);
            }
            // Ruby Puppet's checker refuses this pair as a resource without a title
            return new Block(name.loc(), List.of(name, hash));
        }
        throw new SyntaxError("Expression is not valid as a resource, resource-default, or resource-override",
            left.loc().line(), left.loc().column());
    }

    /** Resource['file'] { ... } sets defaults of the type named by its key. */
    private static String resourceDefaultsType(Access a) {
        Expr key = a.keys().get(0);
        if (key instanceof Literal l && l.value() instanceof String s) {
            return s;
        }
        if (key instanceof TypeRef r) {
            return r.name();
        }
        if (key instanceof BareWord b) {
            return b.name();
        }
        throw new SyntaxError("Expression is not valid as a resource, resource-default, or resource-override",
            a.loc().line(), a.loc().column());
    }

    /** An attribute operation starts here: a name (or keyword) or '*' followed by '=>' (or '+>'). */
    private boolean startsAttribute() {
        Token t = peek();
        if (t.kind() == TIMES) {
            return peek(1).kind() == FARROW;
        }
        return isAttributeName(t) && (peek(1).kind() == FARROW || peek(1).kind() == PARROW);
    }

    private static boolean isAttributeName(Token t) {
        return t.kind() == NAME && !t.text().equals("true") && !t.text().equals("false");
    }

    /** attribute_operations endcomma: (name ('=>' | '+>') expression | '*' '=>' expression) (',' ...)* ','? */
    private List<AttributeOp> attributeOperations() {
        List<AttributeOp> out = new ArrayList<>();
        while (true) {
            Token name = peek();
            if (name.kind() == TIMES) {
                advance();
                expect(FARROW);
                out.add(new AttributeOp(loc(name), "*", "=>", expression(0)));
            } else if (isAttributeName(name)) {
                advance();
                Token op = peek();
                if (op.kind() != FARROW && op.kind() != PARROW) {
                    throw syntaxError(op);
                }
                advance();
                out.add(new AttributeOp(loc(name), name.text(), op.text(), expression(0)));
            } else {
                return out;
            }
            if (!accept(COMMA)) {
                return out;
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    /** Binding strength of a binary operator (and '?'), -1 when T is none. */
    private static int precedence(Token t) {
        return switch (t.kind()) {
            case NAME -> switch (t.text()) {
                case "or" -> 1;
                case "and" -> 2;
                case "in" -> 10;
                default -> -1;
            };
            case QMARK -> 3;
            case LESSTHAN, GREATERTHAN, LESSEQUAL, GREATEREQUAL -> 4;
            case ISEQUAL, NOTEQUAL -> 5;
            case LSHIFT, RSHIFT -> 6;
            case PLUS, MINUS -> 7;
            case TIMES, DIV, MODULO -> 8;
            case MATCH, NOMATCH -> 9;
            default -> -1;
        };
    }

    /** expression: operators of at least MINPRECEDENCE, all left-associative; '?' takes selector entries. */
    private Expr expression(int minPrecedence) {
        enter();
        try {
            Expr left = unary();
            while (true) {
                Token op = peek();
                int prec = precedence(op);
                if (prec < 0 || prec < minPrecedence) {
                    return left;
                }
                if (op.kind() == QMARK) {
                    left = selector(left);
                    continue;
                }
                advance();
                Expr right = expression(prec + 1);
                left = new Binary(loc(op), op.text(), left, right);
            }
        } finally {
            depth--;
        }
    }

    /** '!', '-' and '*' bind tighter than every binary operator, and looser than the postfix ones. */
    private Expr unary() {
        Token t = peek();
        String op = switch (t.kind()) {
            case NOT -> "!";
            case MINUS -> "-";
            case TIMES -> "*";
            default -> null;
        };
        if (op == null) {
            return postfix(primary());
        }
        advance();
        enter();
        try {
            return new Unary(loc(t), op, unary());
        } finally {
            depth--;
        }
    }

    /** Calls '(', method calls '.', access '[' and collectors '<|' apply to what precedes them. */
    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case LPAREN -> e = call(e);
                case DOT -> e = methodCall(e);
                case LBRACK -> e = access(e);
                case LCOLLECT, LLCOLLECT -> e = collector(e);
                default -> {
                    return e;
                }
            }
        }
    }

    /** expression '(' arguments? ')' lambda? — a name's call, or a type's ({@code Integer('1')} is new()). */
    private Expr call(Expr functor) {
        advance();
        List<Expr> args = at(RPAREN) ? new ArrayList<>() : arguments(true);
        expect(RPAREN);
        Lambda lambda = at(PIPE) ? lambda() : null;
        if (functor instanceof BareWord b) {
            return new Call(b.loc(), b.name(), args, lambda);
        }
        if (functor instanceof TypeRef || functor instanceof Access a && a.target() instanceof TypeRef) {
            List<Expr> newArgs = new ArrayList<>();
            newArgs.add(functor);
            newArgs.addAll(args);
            return new Call(functor.loc(), "new", newArgs, lambda);
        }
        facts.issue(functor.loc(), "Illegal expression. " + facts.labels().aAnUc(functor)
            + " is unacceptable as function name in a Function Call");
        return new Call(functor.loc(), "", args, lambda);
    }

    /** expression '.' name ('(' arguments? ')')? lambda? */
    private Expr methodCall(Expr receiver) {
        Token dot = advance();
        Token name = peek();
        if (!isName(name) && !isKeyword(name, "type")) {
            throw syntaxError(name);
        }
        advance();
        List<Expr> args = new ArrayList<>();
        Token where = dot; // Ruby Puppet places a call with parentheses at its '('
        if (at(LPAREN)) {
            where = advance();
            if (!at(RPAREN)) {
                args = arguments(false);
            }
            expect(RPAREN);
        }
        Lambda lambda = at(PIPE) ? lambda() : null;
        return new MethodCall(loc(where), receiver, name.text(), args, lambda);
    }

    /** expression '[' access_args ','? ']' */
    private Expr access(Expr target) {
        advance();
        List<Object> keys = new ArrayList<>();
        do {
            if (at(RBRACK) && !keys.isEmpty()) {
                break;
            }
            Expr key = expression(0);
            if (at(FARROW)) {
                addPair(keys, key);
            } else {
                keys.add(key);
            }
        } while (accept(COMMA));
        expect(RBRACK);
        return new Access(target.loc(), target, finish(keys));
    }

    /**
     * Arguments of a call: assignments, and key => value pairs (adjacent pairs form one hash). ENDCOMMA allows
     * a trailing comma (function calls do, method calls do not).
     */
    private List<Expr> arguments(boolean endComma) {
        List<Object> args = new ArrayList<>();
        do {
            if (endComma && at(RPAREN) && !args.isEmpty()) {
                break;
            }
            Expr e = entryKeyword() ? keywordLiteral() : assignment();
            if (at(FARROW)) {
                addPair(args, e);
            } else {
                args.add(e);
            }
        } while (accept(COMMA));
        return finish(args);
    }

    /** Key/value pairs written without braces, in a list of arguments, keys or entries: one hash when adjacent. */
    private static final class PairGroup {
        final Loc loc;
        final List<Expr> keys = new ArrayList<>();
        final List<Expr> values = new ArrayList<>();

        PairGroup(Loc loc) {
            this.loc = loc;
        }
    }

    /** KEY '=>' hash_entry, joining the pairs just before it in INTO. */
    private void addPair(List<Object> into, Expr key) {
        Token arrow = advance();
        Expr value = hashEntry();
        PairGroup g;
        if (!into.isEmpty() && into.get(into.size() - 1) instanceof PairGroup previous) {
            g = previous;
        } else {
            g = new PairGroup(loc(arrow));
            into.add(g);
        }
        g.keys.add(key);
        g.values.add(value);
    }

    private static List<Expr> finish(List<Object> items) {
        List<Expr> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(o instanceof PairGroup g ? new HashLit(g.loc, g.keys, g.values) : (Expr) o);
        }
        return out;
    }

    /** 'type' and 'function' are plain strings as array entries and hash keys or values. */
    private boolean entryKeyword() {
        Token t = peek();
        return (isKeyword(t, "type") || isKeyword(t, "function")) && peek(1).kind() != LPAREN;
    }

    private Expr keywordLiteral() {
        Token t = advance();
        return new Literal(loc(t), t.text());
    }

    /** hash_entry: assignment, or the keywords 'type' and 'function' as strings. */
    private Expr hashEntry() {
        return entryKeyword() ? keywordLiteral() : assignment();
    }

    /** '|' parameters? '|' ('>>' type)? '{' statements? '}' */
    private Lambda lambda() {
        Token start = peek();
        List<Param> params = params(PIPE);
        if (at(RSHIFT)) {
            advance();
            returnType();
        }
        Block body = block();
        return new Lambda(loc(start), params, body);
    }

    /** expression '?' ('{' entry (',' entry)* ','? '}' | entry), entry: expression '=>' expression */
    private Expr selector(Expr subject) {
        advance();
        List<Expr> matches = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (accept(LBRACE)) {
            do {
                if (at(RBRACE) && !matches.isEmpty()) {
                    break;
                }
                matches.add(expression(0));
                expect(FARROW);
                values.add(expression(0));
            } while (accept(COMMA));
            expect(RBRACE);
        } else {
            matches.add(expression(0));
            expect(FARROW);
            values.add(expression(0));
        }
        return new Selector(subject.loc(), subject, matches, values);
    }

    /** expression ('<|' query? '|>' | '<<|' query? '|>>') ('{' attribute operations '}')? */
    private Expr collector(Expr type) {
        Token open = advance();
        boolean exported = open.kind() == LLCOLLECT;
        TokenKind close = exported ? RRCOLLECT : RCOLLECT;
        Query q = null;
        if (!at(close)) {
            q = facts.query(expression(0), exported);
        }
        expect(close);
        List<AttributeOp> overrides = List.of();
        if (at(LBRACE)) {
            advance();
            overrides = attributeOperations();
            expect(RBRACE);
        }
        String typeName = "";
        if (type instanceof TypeRef r) {
            // '::Php::Extension <| |>' names the type from the top scope: the same type as without the '::'
            typeName = r.name().startsWith("::") ? r.name().substring(2) : r.name();
        } else {
            facts.issue(type.loc(), "Illegal expression. " + facts.labels().aAnUc(type)
                + " is unacceptable as type name in " + (exported ? "an Exported Query" : "a Virtual Query"));
        }
        return new Collector(type.loc(), typeName, exported, q, overrides);
    }

    // ---------------------------------------------------------------- primary expressions

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER:
                advance();
                return new Literal(loc(t), number(t));
            case STRING:
                advance();
                return new Literal(loc(t), t.text());
            case WORD: {
                advance();
                Literal word = new Literal(loc(t), t.text());
                facts.word(word);
                return word;
            }
            case DQSTRING:
            case HEREDOC:
                advance();
                return interpolated(t);
            case VARIABLE:
                advance();
                return new Variable(loc(t), t.text());
            case REGEX:
                advance();
                return new RegexLit(loc(t), t.text());
            case LISTSTART:
            case LBRACK:
                return arrayLiteral();
            case LBRACE:
                return hashLiteral();
            case LPAREN:
            case WSLPAREN: {
                advance();
                Expr e = assignment();
                expect(RPAREN);
                facts.parenthesized(e);
                return e;
            }
            case CLASSREF:
                advance();
                return new TypeRef(loc(t), t.text());
            case RENDER_STRING:
                advance();
                return new Call(loc(t), facts.eppText(), List.of(new Literal(loc(t), t.text())), null);
            case RENDER_EXPR:
                return renderExpression();
            case NAME:
                return namePrimary(t);
            default:
                throw syntaxError(t);
        }
    }

    private Expr namePrimary(Token t) {
        switch (t.text()) {
            case "true":
                advance();
                return new Literal(loc(t), Boolean.TRUE);
            case "false":
                advance();
                return new Literal(loc(t), Boolean.FALSE);
            case "undef":
                advance();
                return new Literal(loc(t), null);
            case "default":
                advance();
                return new Literal(loc(t), Default.DEFAULT);
            case "if":
                return ifExpr();
            case "unless":
                return unlessExpr();
            case "case":
                return caseExpr();
            case "class":
                return definition(classDef());
            case "define":
                return definition(defineDef());
            case "node":
                return definition(nodeDef());
            case "function":
                return definition(functionDef());
            case "type":
                return typeStatement(t);
            case "attr", "private": {
                advance();
                BareWord reserved = new BareWord(loc(t), t.text());
                facts.issue(reserved.loc(), "Use of reserved word: " + t.text()
                    + ", must be quoted if intended to be a String value");
                return reserved;
            }
            case "and", "or", "in", "else", "elsif", "inherits":
                throw syntaxError(t);
            default:
                advance();
                return new BareWord(loc(t), t.text());
        }
    }

    /** 'type' Name '=' type-expression (an alias), or 'type(...)' (a call). */
    private Expr typeStatement(Token kw) {
        advance();
        if (at(LPAREN)) {
            return new BareWord(loc(kw), "type");
        }
        if (!at(CLASSREF)) {
            throw syntaxError(peek());
        }
        Token nameTok = advance();
        if (at(LBRACK)) {
            access(new TypeRef(loc(nameTok), nameTok.text()));
        }
        if (!at(EQUALS)) {
            throw syntaxError(peek());
        }
        advance();
        Expr type;
        if (at(CLASSREF)) {
            Token tt = advance();
            type = new TypeRef(loc(tt), tt.text());
            if (at(LBRACK)) {
                type = access(type);
            } else if (at(LBRACE)) {
                Expr hash = hashLiteral();
                type = new Access(type.loc(), type, List.of(hash));
            }
        } else if (at(LBRACE)) {
            type = hashLiteral();
        } else if (at(LISTSTART) || at(LBRACK)) {
            type = arrayLiteral();
        } else {
            throw syntaxError(peek());
        }
        return definition(new TypeAlias(loc(kw), nameTok.text(), type));
    }

    /** '<%=' expression '%>' or '<%=' '{' statements '}' '%>' in an EPP template. */
    private Expr renderExpression() {
        Token t = advance();
        Expr e;
        if (at(LBRACE)) {
            Token open = advance();
            List<Expr> stmts = statements();
            expect(RBRACE);
            e = stmts.size() == 1 ? stmts.get(0) : new Block(loc(open), stmts);
        } else {
            e = expression(0);
        }
        expect(EPP_END);
        return new Call(loc(t), facts.eppExpr(), List.of(e), null);
    }

    private Expr ifExpr() {
        Token kw = advance();
        Expr cond = expression(0);
        Block then = block();
        Expr otherwise = null;
        if (atKeyword("elsif")) {
            otherwise = ifExpr();
        } else if (atKeyword("else")) {
            advance();
            otherwise = block();
        }
        return new If(loc(kw), cond, then, otherwise, false);
    }

    private Expr unlessExpr() {
        Token kw = advance();
        Expr cond = expression(0);
        Block then = block();
        Expr otherwise = null;
        if (atKeyword("else")) {
            advance();
            otherwise = block();
        }
        return new If(loc(kw), cond, then, otherwise, true);
    }

    /** 'case' expression '{' (expressions ':' '{' statements? '}')+ '}' */
    private Expr caseExpr() {
        Token kw = advance();
        Expr subject = expression(0);
        expect(LBRACE);
        List<CaseOption> options = new ArrayList<>();
        do {
            Token start = peek();
            List<Expr> values = new ArrayList<>();
            values.add(expression(0));
            while (accept(COMMA)) {
                values.add(expression(0));
            }
            expect(COLON);
            options.add(new CaseOption(loc(start), values, block()));
        } while (!at(RBRACE));
        expect(RBRACE);
        return new Case(loc(kw), subject, options);
    }

    /** '[' entries ','? ']': assignments, key => value pairs (one hash when adjacent), 'type', 'function'. */
    private Expr arrayLiteral() {
        Token open = advance();
        List<Object> elems = new ArrayList<>();
        while (!at(RBRACK)) {
            Expr e = entryKeyword() ? keywordLiteral() : assignment();
            if (at(FARROW)) {
                addPair(elems, e);
            } else {
                elems.add(e);
            }
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(RBRACK);
        return new ArrayLit(loc(open), finish(elems));
    }

    /** '{' (hash_entry '=>' hash_entry (',' ...)*)? ','? '}' */
    private Expr hashLiteral() {
        Token open = advance();
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!at(RBRACE)) {
            Expr key = hashEntry();
            keys.add(key);
            facts.hashArrow(key, loc(expect(FARROW)));
            values.add(hashEntry());
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(RBRACE);
        return new HashLit(loc(open), keys, values);
    }

    private Expr interpolated(Token t) {
        List<Object> parts = new ArrayList<>();
        for (Object part : t.parts()) {
            if (part instanceof Token.Interpolation ip) {
                parts.add(parseInterpolation(ip));
            } else {
                parts.add(part);
            }
        }
        Expr e;
        if (parts.isEmpty()) {
            e = new Literal(loc(t), "");
        } else if (parts.size() == 1 && parts.get(0) instanceof String s) {
            e = new Literal(loc(t), s);
        } else {
            e = new Interpolated(loc(t), parts);
        }
        if (t.kind() == HEREDOC) {
            facts.heredoc(e, t.text());
        }
        return e;
    }

    /**
     * The tokens of one "${...}": a name or number alone, or one followed by '[' or '.', means the variable of
     * that name (as Ruby Puppet's lexer rewrites them).
     */
    private Expr parseInterpolation(Token.Interpolation ip) {
        List<Token> tokens = new ArrayList<>(ip.tokens());
        if (ip.bareVariable()) {
            Token v = tokens.get(0);
            return new Variable(loc(v), v.text());
        }
        int count = tokens.size() - 1; // without the EOF
        if (count >= 1 && (count == 1 || tokens.get(1).kind() == DOT || tokens.get(1).kind() == LBRACK)) {
            Token first = tokens.get(0);
            if (first.kind() == NAME || first.kind() == WORD || first.kind() == NUMBER) {
                tokens.set(0, new Token(VARIABLE, first.text(), null, first.offset(), first.line(), first.column()));
            }
        }
        java.util.Iterator<Token> it = tokens.iterator();
        Parser parser = new Parser(() -> it.hasNext() ? it.next() : tokens.get(tokens.size() - 1), file, legacyNames,
            facts, definitions);
        parser.depth = depth;
        Expr e = parser.assignment();
        parser.expect(EOF);
        return e;
    }

    private Object number(Token t) {
        String s = t.text();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return new BigInteger(s.substring(2), 16).longValueExact();
            }
            if (s.contains(".") || s.contains("e") || s.contains("E")) {
                return Double.parseDouble(s);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return new BigInteger(s.substring(1), 8).longValueExact();
            }
            return new BigInteger(s).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new SyntaxError("Illegal number '" + s + "'", t.line(), t.column());
        }
    }

    // ---------------------------------------------------------------- definitions

    private Expr definition(Definition d) {
        definitions.add(d);
        return new DefinitionStatement(d.loc(), d);
    }

    private String qualify(String ns, String name) {
        if (name.startsWith("::")) {
            return name.substring(2);
        }
        return ns.isEmpty() ? name : ns + "::" + name;
    }

    /** classname: a name, a bare word or a type name ('class' and quoted strings are refused by name). */
    private String className() {
        Token t = peek();
        if (isKeyword(t, "class")) {
            throw new SyntaxError("'class' keyword not allowed at this location", t.line(), t.column());
        }
        if (t.kind() == STRING || t.kind() == DQSTRING && t.parts().stream().allMatch(p -> p instanceof String)) {
            throw new SyntaxError("A quoted string is not valid as a name here", t.line(), t.column());
        }
        if (!isName(t) && t.kind() != WORD && t.kind() != CLASSREF) {
            throw syntaxError(t);
        }
        advance();
        return t.text();
    }

    private List<Param> optionalParams() {
        return at(LPAREN) || at(WSLPAREN) ? params(RPAREN) : List.of();
    }

    private ClassDef classDef() {
        Token kw = advance();
        String name = qualify(currentNamespace, className());
        List<Param> params = optionalParams();
        String parent = null;
        if (atKeyword("inherits")) {
            advance();
            if (atKeyword("default")) {
                advance();
                parent = "default";
            } else {
                parent = className();
            }
            if (parent.startsWith("::")) {
                parent = parent.substring(2);
            }
        }
        String saved = currentNamespace;
        currentNamespace = name;
        Block body;
        try {
            body = block();
        } finally {
            currentNamespace = saved;
        }
        return new ClassDef(loc(kw), name, params, parent, body);
    }

    private DefineDef defineDef() {
        Token kw = advance();
        String name = qualify(currentNamespace, className());
        List<Param> params = optionalParams();
        Block body = block();
        return new DefineDef(loc(kw), name, params, body);
    }

    private NodeDef nodeDef() {
        Token kw = advance();
        List<Expr> matches = new ArrayList<>();
        do {
            if (at(LBRACE) && !matches.isEmpty()) {
                break;
            }
            matches.add(hostname());
        } while (accept(COMMA));
        if (atKeyword("inherits")) {
            advance();
            Token parent = peek();
            // removed in Puppet 4: Ruby Puppet refuses the whole environment at the parent's name
            throw new SyntaxError("Node inheritance is not supported in Puppet >= 4.0.0. See "
                + "http://links.puppet.com/puppet-node-inheritance-deprecation", parent.line(), parent.column());
        }
        Block body = block();
        Object first = matches.get(0) instanceof Literal l ? l.value() : ((RegexLit) matches.get(0)).source();
        return new NodeDef(loc(kw), String.valueOf(first), matches, body);
    }

    /** hostname: dotted names and numbers, a string or bare word, default, or a regular expression. */
    private Expr hostname() {
        Token t = peek();
        switch (t.kind()) {
            case STRING, WORD -> {
                advance();
                return new Literal(loc(t), t.text());
            }
            case DQSTRING, HEREDOC -> {
                advance();
                Expr e = interpolated(t);
                if (!(e instanceof Literal)) {
                    facts.issue(e.loc(), "An interpolated expression is not allowed in a hostname of a node");
                    return new Literal(loc(t), "");
                }
                return e;
            }
            case REGEX -> {
                advance();
                return new RegexLit(loc(t), t.text());
            }
            default -> {
                if (isKeyword(t, "default")) {
                    advance();
                    return new Literal(loc(t), Default.DEFAULT);
                }
                if (!isName(t) && t.kind() != NUMBER) {
                    throw syntaxError(t);
                }
                StringBuilder sb = new StringBuilder(advance().text());
                while (at(DOT)) {
                    advance();
                    Token part = peek();
                    if (!isName(part) && part.kind() != NUMBER) {
                        throw syntaxError(part);
                    }
                    sb.append('.').append(advance().text());
                }
                return new Literal(loc(t), sb.toString());
            }
        }
    }

    private FunctionDef functionDef() {
        Token kw = advance();
        String raw = className();
        String name = raw.startsWith("::") ? raw.substring(2) : raw;
        List<Param> params = optionalParams();
        Expr returnType = null;
        if (at(RSHIFT)) {
            advance();
            returnType = returnType();
        }
        Block body = block();
        return new FunctionDef(loc(kw), name, params, returnType, body);
    }

    /** '>>' Type ('[' access_args ']')? */
    private Expr returnType() {
        Token t = expect(CLASSREF);
        Expr type = new TypeRef(loc(t), t.text());
        return at(LBRACK) ? access(type) : type;
    }

    /** Parameters in parentheses (classes, defines, functions) or between pipes (lambdas, EPP). */
    private List<Param> params(TokenKind close) {
        advance();
        List<Param> out = new ArrayList<>();
        while (!at(close)) {
            Expr type = null;
            if (at(CLASSREF)) {
                Token tt = advance();
                type = new TypeRef(loc(tt), tt.text());
                if (at(LBRACK)) {
                    type = access(type);
                }
            }
            boolean rest = accept(TIMES);
            Token var = expect(VARIABLE);
            Expr dflt = null;
            if (accept(EQUALS)) {
                dflt = expression(0);
            }
            // Ruby Puppet places a parameter at its variable
            out.add(new Param(loc(var), var.text(), type, dflt, rest));
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(close);
        return out;
    }
}
