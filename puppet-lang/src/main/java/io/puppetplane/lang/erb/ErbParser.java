package io.puppetplane.lang.erb;

import io.puppetplane.lang.erb.RubyLexer.Kind;
import io.puppetplane.lang.erb.RubyLexer.Token;
import io.puppetplane.lang.value.RubyRegex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses template tokens into a tree of {@link Node}s; Ruby outside the supported subset is a TemplateError. */
final class ErbParser {

    private static final Set<String> UNSUPPORTED_KEYWORDS = Set.of("while", "until", "for", "begin", "rescue",
            "ensure", "def", "class", "module", "yield", "return", "next", "break", "in");
    private static final Set<String> CLASS_NAMES = Set.of("String", "Integer", "Fixnum", "Bignum", "Float",
            "Numeric", "Array", "Hash", "TrueClass", "FalseClass", "NilClass", "Symbol", "Regexp", "Range", "Object");

    private final List<Token> tokens;
    private final String file;
    private int pos;
    private final Set<String> locals = new HashSet<>();

    private ErbParser(List<Token> tokens, String file) {
        this.tokens = tokens;
        this.file = file;
    }

    static Node parse(String source, String file) {
        ErbParser parser = new ErbParser(RubyLexer.template(source, file), file);
        Node body = parser.statements();
        if (parser.peek().kind() != Kind.EOF) {
            throw parser.unexpected(parser.peek());
        }
        return body;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(pos + offset, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean at(String op) {
        return peek().is(op);
    }

    private boolean accept(String op) {
        if (at(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private Token expect(String op) {
        if (!at(op)) {
            throw unexpected(peek());
        }
        return next();
    }

    private TemplateError unsupported(Token t, String what) {
        return new TemplateError(file, t.line(), "Unsupported Ruby in template " + file + " at line " + t.line() + ": " + what);
    }

    private TemplateError unexpected(Token t) {
        String what = switch (t.kind()) {
            case EOF -> "end of template";
            case TEXT -> "template text";
            case CODE_END, OUTPUT_END -> "'%>'";
            case OUTPUT_START -> "'<%='";
            case NEWLINE -> "end of line";
            default -> "'" + t.text() + "'";
        };
        if (t.kind() == Kind.KEYWORD && UNSUPPORTED_KEYWORDS.contains(t.text())) {
            return unsupported(t, "'" + t.text() + "'");
        }
        return new TemplateError(file, t.line(), "Syntax error in template " + file + " at line " + t.line()
                + ": unexpected " + what);
    }

    private boolean isSeparator(Token t) {
        return t.kind() == Kind.NEWLINE || t.kind() == Kind.CODE_END || t.is(";");
    }

    private void skipSeparators() {
        while (isSeparator(peek())) {
            pos++;
        }
    }

    private boolean atBlockEnd() {
        Token t = peek();
        return t.kind() == Kind.EOF || t.is("}") || (t.kind() == Kind.KEYWORD
                && Set.of("end", "else", "elsif", "when", "then").contains(t.text()));
    }

    private Node statements() {
        int line = peek().line();
        List<Node> body = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (atBlockEnd()) {
                break;
            }
            body.add(statement());
        }
        return body.size() == 1 ? body.get(0) : new Node.Sequence(List.copyOf(body), line);
    }

    private Node statement() {
        Token t = peek();
        if (t.kind() == Kind.TEXT) {
            pos++;
            return new Node.Text(t.text(), t.line());
        }
        if (t.kind() == Kind.OUTPUT_START) {
            pos++;
            while (peek().kind() == Kind.NEWLINE) {
                pos++;
            }
            Node expr = expressionStatement();
            while (at("if") || at("unless")) {
                boolean negate = next().text().equals("unless");
                Node condition = notExpression();
                expr = new Node.If(negate ? new Node.Not(condition, t.line()) : condition, expr, null, t.line());
            }
            while (peek().kind() == Kind.NEWLINE) {
                pos++;
            }
            if (peek().kind() != Kind.OUTPUT_END) {
                throw unexpected(peek());
            }
            pos++;
            return new Node.Output(expr, t.line());
        }
        Node stmt = expressionStatement();
        while (true) {
            if (accept("if")) {
                stmt = new Node.If(notExpression(), stmt, null, t.line());
            } else if (accept("unless")) {
                stmt = new Node.If(new Node.Not(notExpression(), t.line()), stmt, null, t.line());
            } else if (at("while") || at("until") || at("rescue")) {
                throw unsupported(peek(), "'" + peek().text() + "' modifier");
            } else {
                return stmt;
            }
        }
    }

    private Node expressionStatement() {
        Token t = peek();
        List<String> targets = multipleAssignmentTargets();
        if (targets != null) {
            pos += targets.size() * 2;
            skipNewlines();
            locals.addAll(targets);
            return new Node.MultiAssign(targets, expression(), t.line());
        }
        if (t.is("if") || t.is("unless")) {
            return conditional();
        }
        if (t.is("case")) {
            return caseStatement();
        }
        return notExpression();
    }

    /** The names of {@code a, b = ...} starting here, or null. */
    private List<String> multipleAssignmentTargets() {
        List<String> names = new ArrayList<>();
        int i = 0;
        while (peekAt(i).kind() == Kind.IDENT) {
            names.add(peekAt(i).text());
            Token after = peekAt(i + 1);
            if (after.is("=") && names.size() > 1) {
                return names;
            }
            if (!after.is(",")) {
                return null;
            }
            i += 2;
        }
        return null;
    }

    private Node conditional() {
        Token t = next();
        boolean negate = t.text().equals("unless");
        Node condition = notExpression();
        accept("then");
        Node then = statements();
        Node otherwise = null;
        if (!negate && at("elsif")) {
            otherwise = conditionalTail();
            return new Node.If(condition, then, otherwise, t.line());
        }
        if (accept("else")) {
            otherwise = statements();
        }
        expect("end");
        return new Node.If(negate ? new Node.Not(condition, t.line()) : condition, then, otherwise, t.line());
    }

    /** elsif ... [else ...] end */
    private Node conditionalTail() {
        Token t = expect("elsif");
        Node condition = notExpression();
        accept("then");
        Node then = statements();
        Node otherwise = null;
        if (at("elsif")) {
            return new Node.If(condition, then, conditionalTail(), t.line());
        }
        if (accept("else")) {
            otherwise = statements();
        }
        expect("end");
        return new Node.If(condition, then, otherwise, t.line());
    }

    private Node caseStatement() {
        Token t = next();
        Node subject = isSeparator(peek()) ? null : expression();
        skipSeparators();
        List<List<Node>> whens = new ArrayList<>();
        List<Node> bodies = new ArrayList<>();
        while (accept("when")) {
            List<Node> values = new ArrayList<>();
            do {
                skipNewlines();
                values.add(ternary());
            } while (accept(","));
            accept("then");
            whens.add(values);
            bodies.add(statements());
        }
        Node otherwise = null;
        if (accept("else")) {
            otherwise = statements();
        }
        expect("end");
        return new Node.Case(subject, whens, bodies, otherwise, t.line());
    }

    private void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            pos++;
        }
    }

    /** not / and / or: the lowest precedence. */
    private Node notExpression() {
        Node left = notOperand();
        while (at("and") || at("or")) {
            Token op = next();
            skipNewlines();
            Node right = notOperand();
            left = op.text().equals("and") ? new Node.And(left, right, op.line()) : new Node.Or(left, right, op.line());
        }
        return left;
    }

    private Node notOperand() {
        Token t = peek();
        if (accept("not")) {
            return new Node.Not(notOperand(), t.line());
        }
        return expression();
    }

    private Node expression() {
        Token t = peek();
        if (t.kind() == Kind.IDENT && peekAt(1).kind() == Kind.OP) {
            String op = peekAt(1).text();
            if (op.equals("=") || op.equals("||=") || op.equals("+=") || op.equals("-=") || op.equals("*=")) {
                pos += 2;
                skipNewlines();
                locals.add(t.text());
                Node value = expression();
                Node current = new Node.LocalVariable(t.text(), t.line());
                value = switch (op) {
                    case "||=" -> new Node.Or(current, value, t.line());
                    case "+=" -> new Node.Call(current, "+", List.of(value), null, t.line());
                    case "-=" -> new Node.Call(current, "-", List.of(value), null, t.line());
                    case "*=" -> new Node.Call(current, "*", List.of(value), null, t.line());
                    default -> value;
                };
                return new Node.Assign(t.text(), value, t.line());
            }
        }
        if (t.kind() == Kind.IVAR && peekAt(1).is("=")) {
            throw unsupported(t, "assignment to instance variable @" + t.text());
        }
        Node target = ternary();
        if (at("=") && target instanceof Node.Call call && call.name().equals("[]") && call.args().size() == 1) {
            Token eq = next();
            skipNewlines();
            return new Node.IndexAssign(call.receiver(), call.args().get(0), expression(), eq.line());
        }
        return target;
    }

    private Node ternary() {
        Node condition = range();
        if (at("?")) {
            Token q = next();
            skipNewlines();
            Node then = ternary();
            skipNewlines();
            if (peek().kind() == Kind.SYMBOL && !peek().spaceBefore()) {
                throw unsupported(peek(), "ternary written without a space before ':'");
            }
            expect(":");
            skipNewlines();
            Node otherwise = ternary();
            return new Node.If(condition, then, otherwise, q.line());
        }
        return condition;
    }

    private Node range() {
        Node left = orExpression();
        if (at("..") || at("...")) {
            Token op = next();
            Node right = orExpression();
            return new Node.Call(null, op.text().equals("..") ? "__range" : "__xrange", List.of(left, right), null, op.line());
        }
        return left;
    }

    private Node orExpression() {
        Node left = andExpression();
        while (at("||")) {
            Token op = next();
            skipNewlines();
            left = new Node.Or(left, andExpression(), op.line());
        }
        return left;
    }

    private Node andExpression() {
        Node left = equality();
        while (at("&&")) {
            Token op = next();
            skipNewlines();
            left = new Node.And(left, equality(), op.line());
        }
        return left;
    }

    private Node equality() {
        Node left = comparison();
        while (at("==") || at("!=") || at("=~") || at("!~") || at("===") || at("<=>")) {
            Token op = next();
            skipNewlines();
            Node right = comparison();
            left = switch (op.text()) {
                case "!=" -> new Node.Not(new Node.Call(left, "==", List.of(right), null, op.line()), op.line());
                case "!~" -> new Node.Not(new Node.Call(left, "=~", List.of(right), null, op.line()), op.line());
                default -> new Node.Call(left, op.text(), List.of(right), null, op.line());
            };
        }
        return left;
    }

    private Node comparison() {
        Node left = bitOr();
        while (at("<") || at(">") || at("<=") || at(">=")) {
            Token op = next();
            skipNewlines();
            left = new Node.Call(left, op.text(), List.of(bitOr()), null, op.line());
        }
        return left;
    }

    private Node bitOr() {
        Node left = bitAnd();
        while ((at("|") || at("^")) && !at("||")) {
            Token op = next();
            skipNewlines();
            left = new Node.Call(left, op.text(), List.of(bitAnd()), null, op.line());
        }
        return left;
    }

    private Node bitAnd() {
        Node left = shift();
        while (at("&")) {
            Token op = next();
            skipNewlines();
            left = new Node.Call(left, "&", List.of(shift()), null, op.line());
        }
        return left;
    }

    private Node shift() {
        Node left = additive();
        while (at("<<")) {
            Token op = next();
            skipNewlines();
            left = new Node.Call(left, "<<", List.of(additive()), null, op.line());
        }
        return left;
    }

    private Node additive() {
        Node left = multiplicative();
        while (at("+") || at("-")) {
            Token op = next();
            skipNewlines();
            left = new Node.Call(left, op.text(), List.of(multiplicative()), null, op.line());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unaryMinus();
        while (at("*") || at("/") || at("%")) {
            Token op = next();
            skipNewlines();
            left = new Node.Call(left, op.text(), List.of(unaryMinus()), null, op.line());
        }
        return left;
    }

    private Node unaryMinus() {
        Token t = peek();
        if (accept("-")) {
            Node operand = unaryMinus();
            if (operand instanceof Node.Literal lit && lit.value() instanceof Long l) {
                return new Node.Literal(-l, t.line());
            }
            if (operand instanceof Node.Literal lit && lit.value() instanceof Double d) {
                return new Node.Literal(-d, t.line());
            }
            return new Node.Call(operand, "-@", List.of(), null, t.line());
        }
        return power();
    }

    private Node power() {
        Node base = unary();
        if (at("**")) {
            Token op = next();
            return new Node.Call(base, "**", List.of(unaryMinus()), null, op.line());
        }
        return base;
    }

    private Node unary() {
        Token t = peek();
        if (accept("!")) {
            return new Node.Not(unary(), t.line());
        }
        return postfix(primary());
    }

    private Node postfix(Node node) {
        while (true) {
            Token t = peek();
            if (t.is(".") || (t.kind() == Kind.NEWLINE && peekAt(1).is("."))) {
                if (t.kind() == Kind.NEWLINE) {
                    pos++;
                }
                pos++;
                skipNewlines();
                Token name = next();
                if (name.kind() != Kind.IDENT && name.kind() != Kind.CONST && name.kind() != Kind.KEYWORD) {
                    throw unexpected(name);
                }
                node = callTail(node, name.text(), name.line(), name);
            } else if (t.is("[") && !t.spaceBefore()) {
                pos++;
                skipNewlines();
                List<Node> args = arguments("]");
                node = new Node.Call(node, "[]", args, null, t.line());
            } else if (t.is("::")) {
                throw unsupported(t, "'::' constant or method access");
            } else {
                return node;
            }
        }
    }

    /** Arguments and block of a method call whose name was just read. */
    private Node callTail(Node receiver, String name, int line, Token nameToken) {
        List<Node> args = List.of();
        if (at("(") && !peek().spaceBefore()) {
            pos++;
            skipNewlines();
            args = arguments(")");
        } else if (startsCommandArgument(peek())) {
            args = commandArguments();
        }
        Node.Block block = null;
        if (at("{") || at("do")) {
            block = block();
        }
        return new Node.Call(receiver, name, args, block, line);
    }

    /** "x.join ', '" style arguments: a value on the same line, after a space. */
    private boolean startsCommandArgument(Token t) {
        if (!t.spaceBefore()) {
            return false;
        }
        return switch (t.kind()) {
            case STRING, INT, FLOAT, SYMBOL, IVAR, REGEX, WORDS, CONST -> true; // CONST: "@x.is_a? String"
            default -> false;
        };
    }

    private List<Node> commandArguments() {
        List<Node> args = new ArrayList<>();
        do {
            skipNewlines();
            args.add(ternary());
        } while (accept(","));
        return args;
    }

    private List<Node> arguments(String close) {
        List<Node> args = new ArrayList<>();
        skipNewlines();
        while (!at(close)) {
            if (at("*") || at("&")) {
                throw unsupported(peek(), "splat and block-pass arguments");
            }
            Node arg = ternary();
            if (at("=>")) {
                // A trailing hash argument written without braces.
                List<Node> keys = new ArrayList<>();
                List<Node> values = new ArrayList<>();
                int line = peek().line();
                pos++;
                skipNewlines();
                keys.add(arg);
                values.add(ternary());
                while (accept(",")) {
                    skipNewlines();
                    if (at(close)) {
                        break;
                    }
                    keys.add(ternary());
                    expect("=>");
                    skipNewlines();
                    values.add(ternary());
                }
                args.add(new Node.HashLiteral(keys, values, line));
                skipNewlines();
                break;
            }
            args.add(arg);
            skipNewlines();
            if (!accept(",")) {
                break;
            }
            skipNewlines();
        }
        expect(close);
        return args;
    }

    private Node.Block block() {
        // Variables first assigned inside a block are local to it, as in Ruby.
        Set<String> outer = new HashSet<>(locals);
        Node.Block block = blockBody();
        locals.retainAll(outer);
        return block;
    }

    private Node.Block blockBody() {
        Token open = next();
        boolean braces = open.is("{");
        List<Object> params = new ArrayList<>();
        skipNewlines();
        if (accept("||")) {
            // empty parameter list
        } else if (accept("|")) {
            params = blockParams();
            expect("|");
        }
        Node body = statements();
        if (braces) {
            expect("}");
        } else {
            expect("end");
        }
        return new Node.Block(params, body, open.line());
    }

    private List<Object> blockParams() {
        List<Object> params = new ArrayList<>();
        do {
            if (accept("(")) {
                List<Object> nested = blockParams();
                expect(")");
                params.add(nested);
            } else {
                Token name = next();
                if (name.kind() != Kind.IDENT) {
                    throw unsupported(name, "block parameter '" + name.text() + "'");
                }
                locals.add(name.text());
                params.add(name.text());
            }
        } while (accept(","));
        return params;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case INT:
                try {
                    return new Node.Literal(Long.parseLong(t.text()), t.line());
                } catch (NumberFormatException e) {
                    throw unsupported(t, "integer literal out of range");
                }
            case FLOAT:
                return new Node.Literal(Double.parseDouble(t.text()), t.line());
            case STRING:
                return stringNode(t);
            case SYMBOL:
                return new Node.Literal(Node.symbol(t.text()), t.line());
            case REGEX:
                return regexNode(t);
            case WORDS: {
                List<Node> words = new ArrayList<>();
                for (Object w : t.parts()) {
                    words.add(new Node.Literal(w, t.line()));
                }
                return new Node.ArrayLiteral(words, t.line());
            }
            case IVAR:
                return new Node.InstanceVariable(t.text(), t.line());
            case CONST:
                return constant(t);
            case IDENT:
                return identifier(t);
            case KEYWORD:
                return keyword(t);
            case OP:
                break;
            default:
                throw unexpected(t);
        }
        if (t.is("(")) {
            skipNewlines();
            Node inner = notExpression();
            skipSeparatorsInsideParens();
            expect(")");
            return inner;
        }
        if (t.is("[")) {
            return new Node.ArrayLiteral(arguments("]"), t.line());
        }
        if (t.is("{")) {
            List<Node> keys = new ArrayList<>();
            List<Node> values = new ArrayList<>();
            skipNewlines();
            while (!at("}")) {
                keys.add(ternary());
                skipNewlines();
                expect("=>");
                skipNewlines();
                values.add(ternary());
                skipNewlines();
                if (!accept(",")) {
                    break;
                }
                skipNewlines();
            }
            expect("}");
            return new Node.HashLiteral(keys, values, t.line());
        }
        if (t.is("->")) {
            throw unsupported(t, "lambdas");
        }
        throw unexpected(t);
    }

    private void skipSeparatorsInsideParens() {
        while (peek().kind() == Kind.NEWLINE) {
            pos++;
        }
    }

    private Node keyword(Token t) {
        return switch (t.text()) {
            case "nil" -> new Node.Literal(null, t.line());
            case "true" -> new Node.Literal(Boolean.TRUE, t.line());
            case "false" -> new Node.Literal(Boolean.FALSE, t.line());
            case "defined?" -> {
                boolean parens = accept("(");
                Node operand = ternary();
                if (parens) {
                    expect(")");
                }
                yield new Node.Defined(operand, t.line());
            }
            case "if", "unless", "case" -> {
                pos--;
                yield expressionStatement();
            }
            default -> throw unexpected(t);
        };
    }

    private Node constant(Token t) {
        if (at("(") && !peek().spaceBefore()) {
            return callTail(null, t.text(), t.line(), t);
        }
        if (CLASS_NAMES.contains(t.text())) {
            return new Node.Literal(new RubyMethods.RubyClass(t.text()), t.line());
        }
        throw unsupported(t, "constant " + t.text());
    }

    private Node identifier(Token t) {
        String name = t.text();
        if (locals.contains(name) && !(at("(") && !peek().spaceBefore())) {
            return new Node.LocalVariable(name, t.line());
        }
        if (name.equals("scope") && !at("(")) {
            return new Node.ScopeRef(t.line());
        }
        return callTail(null, name, t.line(), t);
    }

    private Node stringNode(Token t) {
        List<Node> parts = new ArrayList<>();
        for (Object part : t.parts()) {
            if (part instanceof String s) {
                parts.add(new Node.Literal(s, t.line()));
            } else {
                @SuppressWarnings("unchecked")
                List<Token> code = (List<Token>) part;
                ErbParser inner = new ErbParser(code, file);
                inner.locals.addAll(locals);
                Node expr = inner.statements();
                if (inner.peek().kind() != Kind.EOF) {
                    throw inner.unexpected(inner.peek());
                }
                parts.add(expr);
            }
        }
        if (parts.size() == 1 && parts.get(0) instanceof Node.Literal lit) {
            return lit;
        }
        return new Node.Interpolated(parts, t.line());
    }

    private Node regexNode(Token t) {
        String source = (String) t.parts().get(0);
        String flags = (String) t.parts().get(1);
        int f = Pattern.MULTILINE;
        if (flags.contains("i")) {
            f |= Pattern.CASE_INSENSITIVE;
        }
        if (flags.contains("m")) {
            f |= Pattern.DOTALL;
        }
        if (flags.contains("x")) {
            f |= Pattern.COMMENTS;
        }
        try {
            return new Node.RegexLiteral(source, Pattern.compile(RubyRegex.toJava(source), f), t.line());
        } catch (PatternSyntaxException e) {
            throw unsupported(t, "regular expression /" + source + "/ (" + e.getDescription() + ")");
        }
    }
}
