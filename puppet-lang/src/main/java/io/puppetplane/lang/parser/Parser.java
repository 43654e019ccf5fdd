package io.puppetplane.lang.parser;

import static io.puppetplane.lang.lexer.TokenKind.*;

import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.lexer.Lexer;
import io.puppetplane.lang.lexer.SyntaxError;
import io.puppetplane.lang.lexer.Token;
import io.puppetplane.lang.lexer.TokenKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the Puppet 7 language, with operator precedence as in Puppet's grammar
 * (from loosest: assignment, relationship arrows, or, and, comparison, equality, shifts, additive,
 * multiplicative, match, in, unary, postfix access/method/selector).
 */
public final class Parser {

    /** Names that take arguments without parentheses at statement level ({@code include foo, bar}). */
    private static final Set<String> STATEMENT_CALLS = Set.of("include", "require", "contain", "realize", "tag",
        "debug", "info", "notice", "warning", "err", "alert", "crit", "emerg", "fail", "break", "next", "return");

    private static final Set<String> KEYWORDS = Set.of("and", "case", "class", "default", "define", "else",
        "elsif", "false", "function", "if", "in", "inherits", "node", "or", "true", "undef", "unless");

    private static final int MAX_DEPTH = 150;

    private final List<Token> tokens;
    private final String file;
    private final boolean legacyNames;
    private final List<Definition> definitions = new ArrayList<>();
    private int p;
    private int noResourceBrace;
    private int depth;

    private Parser(List<Token> tokens, String file, boolean legacyNames) {
        this.tokens = tokens;
        this.file = file;
        this.legacyNames = legacyNames;
    }

    /** A parsed file: its top-level statements and every definition in it (nested ones included). */
    public record Program(String file, List<Expr> statements, List<Definition> definitions) {
    }

    /** Parses a file; syntax errors are thrown as {@link SyntaxError} with line and column. */
    public static Program parse(String source, String file, boolean legacyNames) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(source);
        } catch (StackOverflowError e) {
            throw new SyntaxError("String interpolation is nested too deeply", 1, 1);
        }
        Parser parser = new Parser(tokens, file, legacyNames);
        try {
            List<Expr> stmts = parser.statements(null, "");
            if (parser.peek().kind() != EOF) {
                throw parser.syntaxError(parser.peek());
            }
            return new Program(file, stmts, parser.definitions);
        } catch (StackOverflowError e) {
            throw new SyntaxError("Expression nesting is too deep", parser.peek().line(), parser.peek().column());
        }
    }

    /** Parses the tokens of one "${...}" interpolation. */
    private static Expr parseInterpolation(Token.Interpolation ip, String file, boolean legacy) {
        Parser parser = new Parser(ip.tokens(), file, legacy);
        if (ip.bareVariable()) {
            Token v = ip.tokens().get(0);
            return new Variable(parser.loc(v), v.text());
        }
        Expr e = parser.expression();
        if (parser.peek().kind() != EOF) {
            throw parser.syntaxError(parser.peek());
        }
        return variableForm(e);
    }

    /** In "${x}" and "${x['k']}" a leading bare word means the variable of that name. */
    private static Expr variableForm(Expr e) {
        if (e instanceof BareWord b) {
            return new Variable(b.loc(), b.name());
        }
        if (e instanceof Literal l && l.value() instanceof Long n) {
            return new Variable(l.loc(), String.valueOf(n));
        }
        if (e instanceof Access a) {
            return new Access(a.loc(), variableForm(a.target()), a.keys());
        }
        if (e instanceof MethodCall m) {
            return new MethodCall(m.loc(), variableForm(m.receiver()), m.name(), m.args(), m.lambda());
        }
        return e;
    }

    // ---------------------------------------------------------------- token helpers

    private Token peek() {
        return tokens.get(p);
    }

    private Token peek(int k) {
        int i = Math.min(p + k, tokens.size() - 1);
        return tokens.get(i);
    }

    private Token advance() {
        Token t = tokens.get(p);
        if (t.kind() != EOF) {
            p++;
        }
        return t;
    }

    private boolean at(TokenKind k) {
        return peek().kind() == k;
    }

    private boolean atName(String text) {
        return peek().kind() == NAME && peek().text().equals(text);
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

    private SyntaxError syntaxError(Token t) {
        if (t.kind() == EOF) {
            return new SyntaxError("Syntax error at end of input", t.line(), t.column());
        }
        String text = t.kind() == STRING || t.kind() == DQSTRING || t.kind() == HEREDOC ? firstLine(t) : t.text();
        return new SyntaxError("Syntax error at '" + text + "'", t.line(), t.column());
    }

    private static String firstLine(Token t) {
        String s = t.kind() == STRING ? t.text() : t.text().replaceAll("^\"|\"$", "");
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxError("Expression nesting is too deep", peek().line(), peek().column());
        }
    }

    // ---------------------------------------------------------------- statements

    private List<Expr> statements(TokenKind end, String namespace) {
        List<Expr> out = new ArrayList<>();
        while (true) {
            while (accept(SEMIC)) {
                // empty statements
            }
            if (at(EOF) || (end != null && at(end))) {
                return out;
            }
            out.add(statement(namespace));
        }
    }

    private Block block(String namespace) {
        Token open = expect(LBRACE);
        int saved = noResourceBrace;
        noResourceBrace = 0;
        List<Expr> stmts = statements(RBRACE, namespace);
        noResourceBrace = saved;
        expect(RBRACE);
        return new Block(loc(open), stmts);
    }

    private Expr statement(String ns) {
        Token t = peek();
        if (t.kind() == NAME) {
            switch (t.text()) {
                case "class":
                    if (peek(1).kind() != LBRACE) {
                        return definition(classDef(ns));
                    }
                    break;
                case "define":
                    return definition(defineDef(ns));
                case "node":
                    return definition(nodeDef());
                case "function":
                    if (peek(1).kind() == NAME) {
                        return definition(functionDef(ns));
                    }
                    break;
                case "type":
                    if (peek(1).kind() == CLASSREF && peek(2).kind() == EQUALS) {
                        return definition(typeAlias());
                    }
                    break;
                default:
                    if (STATEMENT_CALLS.contains(t.text()) && startsArgument(peek(1))) {
                        advance();
                        List<Expr> args = new ArrayList<>();
                        args.add(expression());
                        while (accept(COMMA)) {
                            args.add(expression());
                        }
                        return new Call(loc(t), t.text(), args, null);
                    }
            }
        }
        return expression();
    }

    /** Whether N starts an argument of a call without parentheses; a name alone (`next }`) is a bare word. */
    private boolean startsArgument(Token n) {
        return switch (n.kind()) {
            case NAME -> !KEYWORDS.contains(n.text()) || n.text().equals("true") || n.text().equals("false")
                || n.text().equals("undef") || n.text().equals("default") || n.text().equals("class");
            case CLASSREF, STRING, DQSTRING, VARIABLE, NUMBER, LISTSTART, HEREDOC, WSLPAREN, NOT, MINUS, AT -> true;
            default -> false;
        };
    }

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

    /** A class or define name; {@code what} words Ruby Puppet's refusal of hyphenated names. */
    private String className(Token keyword, String what) {
        Token t = peek();
        if (t.kind() != NAME || KEYWORDS.contains(t.text())) {
            throw syntaxError(t);
        }
        if (t.text().contains("-") && !legacyNames) {
            throw new SyntaxError("Unacceptable name. The name '" + t.text() + "' is unacceptable as the name of a "
                + what, keyword.line(), keyword.column());
        }
        advance();
        return t.text();
    }

    private ClassDef classDef(String ns) {
        Token kw = advance();
        String name = qualify(ns, className(kw, "Host Class Definition"));
        List<Param> params = at(LPAREN) || at(WSLPAREN) ? params(true) : List.of();
        String parent = null;
        if (atName("inherits")) {
            advance();
            Token pt = peek();
            if (pt.kind() == NAME && pt.text().equals("default")) {
                advance();
                parent = "default";
            } else {
                parent = className(kw, "Host Class Definition");
            }
            if (parent.startsWith("::")) {
                parent = parent.substring(2);
            }
        }
        Block body = block(name);
        return new ClassDef(loc(kw), name, params, parent, body);
    }

    private DefineDef defineDef(String ns) {
        Token kw = advance();
        String name = qualify(ns, className(kw, "Resource Type Definition"));
        List<Param> params = at(LPAREN) || at(WSLPAREN) ? params(true) : List.of();
        Block body = block(name);
        return new DefineDef(loc(kw), name, params, body);
    }

    private NodeDef nodeDef() {
        Token kw = advance();
        List<Expr> matches = new ArrayList<>();
        do {
            Token t = peek();
            switch (t.kind()) {
                case STRING -> {
                    advance();
                    matches.add(new Literal(loc(t), t.text()));
                }
                case REGEX -> {
                    advance();
                    matches.add(new RegexLit(loc(t), t.text()));
                }
                case NAME, NUMBER -> {
                    if (t.text().equals("default")) {
                        advance();
                        matches.add(new Literal(loc(t), io.puppetplane.lang.value.Default.DEFAULT));
                    } else {
                        StringBuilder sb = new StringBuilder(advance().text());
                        while (at(DOT) && (peek(1).kind() == NAME || peek(1).kind() == NUMBER)) {
                            advance();
                            sb.append('.').append(advance().text());
                        }
                        matches.add(new Literal(loc(t), sb.toString()));
                    }
                }
                case DQSTRING -> {
                    advance();
                    matches.add(new Literal(loc(t), t.parts().isEmpty() ? "" : String.valueOf(t.parts().get(0))));
                }
                default -> throw syntaxError(t);
            }
        } while (accept(COMMA) && !at(LBRACE));
        if (atName("inherits")) {
            advance();
            Token parent = peek();
            // removed in Puppet 4: Ruby Puppet refuses the whole environment at the parent's name
            throw new SyntaxError("Node inheritance is not supported in Puppet >= 4.0.0. See "
                + "http://links.puppet.com/puppet-node-inheritance-deprecation", parent.line(), parent.column());
        }
        Block body = block("");
        Object first = ((matches.get(0) instanceof Literal l) ? l.value() : ((RegexLit) matches.get(0)).source());
        return new NodeDef(loc(kw), String.valueOf(first), matches, body);
    }

    private FunctionDef functionDef(String ns) {
        Token kw = advance();
        Token nameTok = advance();
        String name = nameTok.text().startsWith("::") ? nameTok.text().substring(2) : nameTok.text();
        List<Param> params = at(LPAREN) || at(WSLPAREN) ? params(true) : List.of();
        Expr returnType = null;
        if (at(RSHIFT)) {
            advance();
            noResourceBrace++;
            returnType = postfix(primary());
            noResourceBrace--;
        }
        Block body = block(ns);
        return new FunctionDef(loc(kw), name, params, returnType, body);
    }

    private TypeAlias typeAlias() {
        Token kw = advance();
        String name = advance().text();
        expect(EQUALS);
        Expr type = expression();
        return new TypeAlias(loc(kw), name, type);
    }

    /** Parameter lists of classes, defines, functions (in parentheses) and lambdas (between pipes). */
    private List<Param> params(boolean parens) {
        TokenKind close = parens ? RPAREN : PIPE;
        advance();
        List<Param> out = new ArrayList<>();
        while (!at(close)) {
            Token start = peek();
            Expr type = null;
            if (at(CLASSREF)) {
                type = typeExpression();
            }
            boolean rest = accept(TIMES);
            Token var = expect(VARIABLE);
            Expr dflt = null;
            if (accept(EQUALS)) {
                dflt = expression();
            }
            out.add(new Param(loc(start), var.text(), type, dflt, rest));
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(close);
        return out;
    }

    private Expr typeExpression() {
        Token t = advance();
        Expr e = new TypeRef(loc(t), t.text());
        while (at(LBRACK)) {
            e = access(e);
        }
        return e;
    }

    // ---------------------------------------------------------------- expressions

    /** assignment: relationship ( ('=' | '+=' | '-=') assignment )? */
    public Expr expression() {
        enter();
        try {
            Expr left = relationship();
            if (at(EQUALS) || at(APPENDS) || at(DELETES)) {
                Token op = advance();
                Expr right = expression();
                return new Assign(loc(op), op.text(), left, right);
            }
            return left;
        } finally {
            depth--;
        }
    }

    private Expr relationship() {
        Expr left = binary(0);
        while (at(OUT_EDGE) || at(IN_EDGE) || at(OUT_EDGE_SUB) || at(IN_EDGE_SUB)) {
            Token op = advance();
            Expr right = binary(0);
            left = new Relationship(loc(op), op.text(), left, right);
        }
        return left;
    }

    private static final List<Set<String>> LEVELS = List.of(
        Set.of("or"), Set.of("and"), Set.of("<", ">", "<=", ">="), Set.of("==", "!="), Set.of("<<", ">>"),
        Set.of("+", "-"), Set.of("*", "/", "%"), Set.of("=~", "!~"), Set.of("in"));

    private String binaryOp(Token t) {
        return switch (t.kind()) {
            case NAME -> (t.text().equals("and") || t.text().equals("or") || t.text().equals("in")) ? t.text() : null;
            case LESSTHAN, GREATERTHAN, LESSEQUAL, GREATEREQUAL, ISEQUAL, NOTEQUAL, LSHIFT, RSHIFT, PLUS, MINUS,
                TIMES, DIV, MODULO, MATCH, NOMATCH -> t.text();
            default -> null;
        };
    }

    private Expr binary(int level) {
        if (level == LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (true) {
            String op = binaryOp(peek());
            if (op == null || !LEVELS.get(level).contains(op)) {
                return left;
            }
            Token opTok = advance();
            Expr right = binary(level + 1);
            left = new Binary(left.loc(), op, left, right);
        }
    }

    private Expr unary() {
        Token t = peek();
        if (t.kind() == NOT) {
            advance();
            enter();
            try {
                return new Unary(loc(t), "!", unary());
            } finally {
                depth--;
            }
        }
        if (t.kind() == MINUS) {
            advance();
            enter();
            try {
                return new Unary(loc(t), "-", unary());
            } finally {
                depth--;
            }
        }
        if (t.kind() == TIMES) {
            advance();
            enter();
            try {
                return new Unary(loc(t), "*", unary());
            } finally {
                depth--;
            }
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.kind() == LBRACK) {
                e = access(e);
                if (at(LBRACE) && noResourceBrace == 0 && ((Access) e).target() instanceof TypeRef) {
                    Token open = peek();
                    List<AttributeOp> attrs = attributeBlock();
                    e = new ResourceOverride(loc(open), e, attrs);
                }
            } else if (t.kind() == DOT) {
                Token dot = advance();
                Token name = peek();
                if (name.kind() != NAME) {
                    throw syntaxError(name);
                }
                advance();
                List<Expr> args = new ArrayList<>();
                Token where = dot; // Ruby Puppet places a call with parentheses at its '('
                if (at(LPAREN)) {
                    where = peek();
                    args = arguments();
                }
                Lambda lambda = at(PIPE) ? lambda() : null;
                e = new MethodCall(loc(where), e, name.text(), args, lambda);
            } else if (t.kind() == QMARK) {
                e = selector(e);
            } else if ((t.kind() == LCOLLECT || t.kind() == LLCOLLECT) && e instanceof TypeRef tr) {
                e = collector(tr);
            } else {
                return e;
            }
        }
    }

    private Access access(Expr target) {
        Token open = advance();
        List<Expr> keys = new ArrayList<>();
        while (!at(RBRACK)) {
            keys.add(expression());
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(RBRACK);
        return new Access(target.loc(), target, keys);
    }

    private List<Expr> arguments() {
        advance();
        List<Expr> args = new ArrayList<>();
        int saved = noResourceBrace;
        noResourceBrace = 0;
        while (!at(RPAREN)) {
            args.add(expression());
            if (!accept(COMMA)) {
                break;
            }
        }
        noResourceBrace = saved;
        expect(RPAREN);
        return args;
    }

    private Lambda lambda() {
        Token start = peek();
        List<Param> params = params(false);
        Block body = block("");
        return new Lambda(loc(start), params, body);
    }

    private Expr selector(Expr subject) {
        Token q = advance();
        expect(LBRACE);
        List<Expr> matches = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!at(RBRACE)) {
            matches.add(expression());
            expect(FARROW);
            values.add(expression());
            if (!accept(COMMA)) {
                break;
            }
        }
        expect(RBRACE);
        return new Selector(subject.loc(), subject, matches, values);
    }

    private Expr collector(TypeRef type) {
        Token open = advance();
        boolean exported = open.kind() == LLCOLLECT;
        Query q = null;
        if (!at(exported ? RRCOLLECT : RCOLLECT)) {
            q = queryOr();
        }
        expect(exported ? RRCOLLECT : RCOLLECT);
        List<AttributeOp> overrides = List.of();
        if (at(LBRACE) && noResourceBrace == 0) {
            overrides = attributeBlock();
        }
        return new Collector(loc(open), type.name(), exported, q, overrides);
    }

    private Query queryOr() {
        Query left = queryAnd();
        while (atName("or")) {
            Token op = advance();
            left = new Query(loc(op), "or", null, null, left, queryAnd());
        }
        return left;
    }

    private Query queryAnd() {
        Query left = queryTerm();
        while (atName("and")) {
            Token op = advance();
            left = new Query(loc(op), "and", null, null, left, queryTerm());
        }
        return left;
    }

    private Query queryTerm() {
        if (at(LPAREN) || at(WSLPAREN)) {
            advance();
            Query q = queryOr();
            expect(RPAREN);
            return q;
        }
        Token name = peek();
        if (name.kind() != NAME) {
            throw syntaxError(name);
        }
        advance();
        Token op = peek();
        if (op.kind() != ISEQUAL && op.kind() != NOTEQUAL) {
            throw syntaxError(op);
        }
        advance();
        Expr value = postfix(primary());
        return new Query(loc(name), op.text(), name.text(), value, null, null);
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER:
                advance();
                return new Literal(loc(t), number(t));
            case STRING:
                advance();
                return new Literal(loc(t), t.text());
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
                int saved = noResourceBrace;
                noResourceBrace = 0;
                Expr e = expression();
                noResourceBrace = saved;
                expect(RPAREN);
                return e;
            }
            case AT:
            case ATAT: {
                advance();
                Token type = peek();
                if (type.kind() != NAME) {
                    throw syntaxError(type);
                }
                advance();
                return resource(t, t.kind() == AT ? "virtual" : "exported", type);
            }
            case CLASSREF: {
                advance();
                if (at(LBRACE) && noResourceBrace == 0) {
                    Token open = peek();
                    return new ResourceDefaults(loc(open), t.text(), attributeBlock());
                }
                if (at(LPAREN) || at(WSLPAREN)) {
                    // Integer('0x1f') (or Deferred ('f', [...])) is new(Integer, '0x1f')
                    List<Expr> args = new ArrayList<>();
                    args.add(new TypeRef(loc(t), t.text()));
                    args.addAll(arguments());
                    Lambda lambda = at(PIPE) ? lambda() : null;
                    return new Call(loc(t), "new", args, lambda);
                }
                return new TypeRef(loc(t), t.text());
            }
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
                return new Literal(loc(t), io.puppetplane.lang.value.Default.DEFAULT);
            case "if":
                return ifExpr(false);
            case "unless":
                return ifExpr(true);
            case "case":
                return caseExpr();
            case "and", "or", "in", "else", "elsif", "inherits", "node", "define":
                throw syntaxError(t);
            default:
                break;
        }
        advance();
        if (at(LPAREN) && !t.text().contains("-")) {
            List<Expr> args = arguments();
            Lambda lambda = at(PIPE) ? lambda() : null;
            return new Call(loc(t), t.text(), args, lambda);
        }
        if (at(LBRACE) && noResourceBrace == 0 && !t.text().equals("function")) {
            return resource(t, "regular", t);
        }
        if (t.text().equals("class")) {
            throw syntaxError(peek());
        }
        return new BareWord(loc(t), t.text());
    }

    private Expr resource(Token start, String form, Token type) {
        if (type.text().equals("class")) {
            // resource-like class declaration
        } else if (type.text().contains("-") && !legacyNames) {
            throw syntaxError(type);
        }
        Token open = expect(LBRACE);
        List<ResourceBody> bodies = new ArrayList<>();
        int saved = noResourceBrace;
        noResourceBrace = 0;
        while (!at(RBRACE)) {
            Token titleTok = peek();
            Expr title = expression();
            expect(COLON);
            List<AttributeOp> attrs = attributes();
            bodies.add(new ResourceBody(loc(titleTok), title, attrs));
            if (!accept(SEMIC)) {
                break;
            }
        }
        noResourceBrace = saved;
        expect(RBRACE);
        if (bodies.isEmpty()) {
            throw syntaxError(tokens.get(p - 1));
        }
        return new ResourceDecl(loc(start), form, new BareWord(loc(type), type.text()), bodies);
    }

    private List<AttributeOp> attributeBlock() {
        expect(LBRACE);
        int saved = noResourceBrace;
        noResourceBrace = 0;
        List<AttributeOp> attrs = attributes();
        noResourceBrace = saved;
        expect(RBRACE);
        return attrs;
    }

    private List<AttributeOp> attributes() {
        List<AttributeOp> out = new ArrayList<>();
        while (at(NAME) || at(TIMES)) {
            Token name = advance();
            Token op = peek();
            if (op.kind() != FARROW && op.kind() != PARROW) {
                throw syntaxError(op);
            }
            advance();
            Expr value = expression();
            out.add(new AttributeOp(loc(name), name.text(), op.text(), value));
            if (!accept(COMMA)) {
                break;
            }
        }
        return out;
    }

    private Expr ifExpr(boolean unless) {
        Token kw = advance();
        noResourceBrace++;
        Expr cond = expression();
        noResourceBrace--;
        Block then = block("");
        Expr otherwise = null;
        if (atName("elsif")) {
            if (unless) {
                throw syntaxError(peek());
            }
            otherwise = ifExpr(false);
        } else if (atName("else")) {
            advance();
            otherwise = block("");
        }
        return new If(loc(kw), cond, then, otherwise, unless);
    }

    private Expr caseExpr() {
        Token kw = advance();
        noResourceBrace++;
        Expr subject = expression();
        noResourceBrace--;
        expect(LBRACE);
        List<CaseOption> options = new ArrayList<>();
        while (!at(RBRACE)) {
            Token start = peek();
            List<Expr> values = new ArrayList<>();
            noResourceBrace++;
            values.add(expression());
            while (accept(COMMA)) {
                if (at(COLON)) {
                    break;
                }
                values.add(expression());
            }
            noResourceBrace--;
            expect(COLON);
            options.add(new CaseOption(loc(start), values, block("")));
        }
        expect(RBRACE);
        return new Case(loc(kw), subject, options);
    }

    private Expr arrayLiteral() {
        Token open = advance();
        List<Expr> elems = new ArrayList<>();
        int saved = noResourceBrace;
        noResourceBrace = 0;
        while (!at(RBRACK)) {
            elems.add(expression());
            if (!accept(COMMA)) {
                break;
            }
        }
        noResourceBrace = saved;
        expect(RBRACK);
        return new ArrayLit(loc(open), elems);
    }

    private Expr hashLiteral() {
        Token open = advance();
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        int saved = noResourceBrace;
        noResourceBrace = 0;
        while (!at(RBRACE)) {
            keys.add(expression());
            expect(FARROW);
            values.add(expression());
            if (!accept(COMMA)) {
                break;
            }
        }
        noResourceBrace = saved;
        expect(RBRACE);
        return new HashLit(loc(open), keys, values);
    }

    private Expr interpolated(Token t) {
        List<Object> parts = new ArrayList<>();
        for (Object part : t.parts()) {
            if (part instanceof Token.Interpolation ip) {
                parts.add(parseInterpolation(ip, file, legacyNames));
            } else {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return new Literal(loc(t), "");
        }
        if (parts.size() == 1 && parts.get(0) instanceof String s) {
            return new Literal(loc(t), s);
        }
        return new Interpolated(loc(t), parts);
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
}
