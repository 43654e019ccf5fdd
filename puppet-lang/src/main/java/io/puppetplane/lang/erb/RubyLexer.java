package io.puppetplane.lang.erb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits an ERB template into tokens: template text and output tags become TEXT and OUTPUT_START/OUTPUT_END
 * tokens, the Ruby inside tags becomes Ruby tokens. Puppet's trim mode '-' is applied here.
 */
final class RubyLexer {

    enum Kind { TEXT, OUTPUT_START, OUTPUT_END, CODE_END, IDENT, IVAR, CONST, INT, FLOAT, STRING, SYMBOL, REGEX,
        WORDS, OP, KEYWORD, NEWLINE, EOF }

    /** A token; parts holds a double-quoted string's pieces (String literals and List&lt;Token&gt; code). */
    record Token(Kind kind, String text, int line, List<Object> parts, boolean spaceBefore) {
        boolean is(String s) {
            return (kind == Kind.OP || kind == Kind.KEYWORD) && text.equals(s);
        }
    }

    private static final Set<String> KEYWORDS = Set.of("if", "elsif", "else", "unless", "end", "case", "when",
            "then", "do", "and", "or", "not", "nil", "true", "false", "while", "until", "for", "in", "begin",
            "rescue", "ensure", "def", "class", "module", "yield", "return", "next", "break", "self", "defined?");

    private static final String[] OPERATORS = {"...", "<=>", "===", "**", "==", "!=", "=~", "!~", ">=", "<=", "&&",
        "||", "..", "::", "+=", "-=", "*=", "/=", "||=", "<<", "=>", "->", "+", "-", "*", "/", "%", "=", "<", ">",
        "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}", "|", "&", ";"};

    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    private final List<Token> out = new ArrayList<>();

    private RubyLexer(String src, String file, int line) {
        this.src = src;
        this.file = file;
        this.line = line;
    }

    /** Tokens of a whole template. */
    static List<Token> template(String source, String file) {
        RubyLexer lexer = new RubyLexer(source, file, 1);
        lexer.scanTemplate();
        lexer.out.add(new Token(Kind.EOF, "", lexer.line, null, false));
        return lexer.out;
    }

    /** Tokens of a piece of Ruby code (string interpolation), ending with EOF. */
    static List<Token> code(String code, String file, int line) {
        RubyLexer lexer = new RubyLexer(code, file, line);
        lexer.scanCode(code.length());
        lexer.out.add(new Token(Kind.EOF, "", lexer.line, null, false));
        return lexer.out;
    }

    private void scanTemplate() {
        StringBuilder text = new StringBuilder();
        int textLine = line;
        while (pos < src.length()) {
            if (src.startsWith("<%%", pos)) {
                text.append("<%");
                pos += 3;
                continue;
            }
            if (!src.startsWith("<%", pos)) {
                char c = src.charAt(pos++);
                text.append(c);
                if (c == '\n') {
                    line++;
                }
                continue;
            }
            int tagLine = line;
            pos += 2;
            boolean trimLeft = false;
            char marker = pos < src.length() ? src.charAt(pos) : ' ';
            if (marker == '-') {
                trimLeft = true;
                pos++;
                marker = pos < src.length() ? src.charAt(pos) : ' ';
            }
            if (trimLeft) {
                // "<%-" removes the indentation before the tag when only blanks precede it on its line.
                int lineStart = text.lastIndexOf("\n") + 1;
                boolean blanks = true;
                for (int i = lineStart; i < text.length(); i++) {
                    if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                        blanks = false;
                        break;
                    }
                }
                if (blanks) {
                    text.setLength(lineStart);
                }
            }
            if (text.length() > 0) {
                out.add(new Token(Kind.TEXT, text.toString(), textLine, null, false));
                text.setLength(0);
            }
            int end = findTagEnd();
            if (end < 0) {
                throw new TemplateError(file, tagLine, "Unterminated ERB tag");
            }
            boolean trimRight = src.charAt(end - 1) == '-' && end - 1 >= pos;
            int codeEnd = trimRight ? end - 1 : end;
            if (marker == '#') {
                for (int i = pos; i < codeEnd; i++) {
                    if (src.charAt(i) == '\n') {
                        line++;
                    }
                }
                pos = end + 2;
            } else if (marker == '=') {
                pos++;
                out.add(new Token(Kind.OUTPUT_START, "<%=", line, null, false));
                scanCode(codeEnd);
                out.add(new Token(Kind.OUTPUT_END, "%>", line, null, false));
                pos = end + 2;
            } else {
                scanCode(codeEnd);
                out.add(new Token(Kind.CODE_END, "%>", line, null, false));
                pos = end + 2;
            }
            if (trimRight && src.startsWith("\n", pos)) {
                pos++;
                line++;
            } else if (trimRight && src.startsWith("\r\n", pos)) {
                pos += 2;
                line++;
            }
            textLine = line;
        }
        if (text.length() > 0) {
            out.add(new Token(Kind.TEXT, text.toString(), textLine, null, false));
        }
    }

    /** The index of the "%>" closing the tag at pos, skipping string literals. */
    private int findTagEnd() {
        int i = pos;
        char quote = 0;
        while (i < src.length() - 1) {
            char c = src.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '%' && src.charAt(i + 1) == '>') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private TemplateError error(String message) {
        if (message.startsWith("Unsupported Ruby in template: ")) {
            message = "Unsupported Ruby in template " + file + " at line " + line + ": "
                    + message.substring("Unsupported Ruby in template: ".length());
        }
        return new TemplateError(file, line, message);
    }

    private Token last() {
        return out.isEmpty() ? null : out.get(out.size() - 1);
    }

    /** Whether a '/' or '[' here starts a value (regex, array) rather than continuing an expression. */
    private boolean valueExpected() {
        Token t = last();
        if (t == null) {
            return true;
        }
        return switch (t.kind()) {
            case OP -> !t.text().equals(")") && !t.text().equals("]") && !t.text().equals("}");
            case KEYWORD -> !Set.of("end", "nil", "true", "false", "self").contains(t.text());
            case NEWLINE, TEXT, OUTPUT_START, CODE_END, OUTPUT_END -> true;
            default -> false;
        };
    }

    private void scanCode(int end) {
        while (pos < end) {
            char c = src.charAt(pos);
            boolean space = pos > 0 && Character.isWhitespace(src.charAt(pos - 1));
            if (c == '\n') {
                out.add(new Token(Kind.NEWLINE, "\n", line, null, space));
                line++;
                pos++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            if (c == '\\' && pos + 1 < end && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
                continue;
            }
            if (c == '#') {
                while (pos < end && src.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            if (Character.isDigit(c)) {
                number(end, space);
                continue;
            }
            if (c == '@') {
                if (pos + 1 < end && src.charAt(pos + 1) == '@') {
                    throw error("Unsupported Ruby in template: class variables");
                }
                int start = ++pos;
                while (pos < end && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(new Token(Kind.IVAR, src.substring(start, pos), line, null, space));
                continue;
            }
            if (c == '$') {
                throw error("Unsupported Ruby in template: global variables");
            }
            if (Character.isLetter(c) || c == '_') {
                identifier(end, space);
                continue;
            }
            if (c == '\'' || c == '"') {
                string(end, c, space);
                continue;
            }
            if (c == ':' && pos + 1 < end && (Character.isLetter(src.charAt(pos + 1)) || src.charAt(pos + 1) == '_')) {
                Token prev = last();
                boolean symbol = prev == null || valueExpected() || space;
                if (symbol && !(prev != null && prev.kind() == Kind.OP && prev.text().equals(":"))) {
                    int start = ++pos;
                    while (pos < end && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                        pos++;
                    }
                    if (pos < end && (src.charAt(pos) == '?' || src.charAt(pos) == '!')) {
                        pos++;
                    }
                    out.add(new Token(Kind.SYMBOL, src.substring(start, pos), line, null, space));
                    continue;
                }
            }
            if (c == ':' && pos + 1 < end && (src.charAt(pos + 1) == '"' || src.charAt(pos + 1) == '\'')) {
                pos++;
                string(end, src.charAt(pos), space);
                Token s = out.remove(out.size() - 1);
                if (s.parts().size() > 1 || (s.parts().size() == 1 && !(s.parts().get(0) instanceof String))) {
                    throw error("Unsupported Ruby in template: interpolated symbols");
                }
                out.add(new Token(Kind.SYMBOL, s.parts().isEmpty() ? "" : (String) s.parts().get(0), line, null, space));
                continue;
            }
            if (c == '/' && valueExpected()) {
                regex(end, space);
                continue;
            }
            if (c == '%' && percentString(end, space)) {
                continue;
            }
            if (c == '%' && pos + 2 < end && src.charAt(pos + 1) == 'w' && "[({<|".indexOf(src.charAt(pos + 2)) >= 0
                    && valueExpected()) {
                words(end, space);
                continue;
            }
            String op = null;
            for (String candidate : OPERATORS) {
                if (src.startsWith(candidate, pos) && pos + candidate.length() <= end) {
                    op = candidate;
                    break;
                }
            }
            if (op == null) {
                throw error("Unsupported Ruby in template: unexpected character '" + c + "'");
            }
            pos += op.length();
            out.add(new Token(Kind.OP, op, line, null, space));
        }
    }

    private void number(int end, boolean space) {
        int start = pos;
        boolean isFloat = false;
        while (pos < end && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (pos + 1 < end && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            isFloat = true;
            pos++;
            while (pos < end && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
        }
        if (pos < end && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < end && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < end && Character.isDigit(src.charAt(pos))) {
                isFloat = true;
                while (pos < end && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String text = src.substring(start, pos).replace("_", "");
        out.add(new Token(isFloat ? Kind.FLOAT : Kind.INT, text, line, null, space));
    }

    private void identifier(int end, boolean space) {
        int start = pos;
        while (pos < end && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (pos < end && (src.charAt(pos) == '?' || src.charAt(pos) == '!')) {
            char after = pos + 1 < src.length() ? src.charAt(pos + 1) : ' ';
            if (after != '=' || (pos + 2 < src.length() && src.charAt(pos + 2) == '=')) {
                if (src.charAt(pos) == '!' || Character.isWhitespace(after) || ")].,;}&|(%".indexOf(after) >= 0) {
                    pos++;
                }
            }
        }
        String word = src.substring(start, pos);
        // "key: value" in a hash literal or keyword argument.
        if (pos < end && src.charAt(pos) == ':' && (pos + 1 >= end || src.charAt(pos + 1) != ':')
                && (pos + 1 < end && Character.isWhitespace(src.charAt(pos + 1)))) {
            Token prev = last();
            if (prev != null && (prev.is("{") || prev.is(",") || prev.is("(") || prev.kind() == Kind.NEWLINE)) {
                pos++;
                out.add(new Token(Kind.SYMBOL, word, line, null, space));
                out.add(new Token(Kind.OP, "=>", line, null, true));
                return;
            }
        }
        if (word.equals("defined") && pos < end && src.charAt(pos) == '?') {
            pos++;
            word = "defined?";
        }
        Kind kind = KEYWORDS.contains(word) ? Kind.KEYWORD
                : Character.isUpperCase(word.charAt(0)) ? Kind.CONST : Kind.IDENT;
        out.add(new Token(kind, word, line, null, space));
    }

    private void string(int end, char quote, boolean space) {
        string(end, quote, quote, quote == '"', space);
    }

    /**
     * A string from OPEN (at pos) to the matching CLOSE; a percent literal's brackets nest ({@code %(a (b))}).
     * DQ: escapes and #{...} as in a double-quoted string.
     */
    private void string(int end, char open, char close, boolean dq, boolean space) {
        char quote = dq ? '"' : '\'';
        int nesting = 0;
        int startLine = line;
        pos++;
        List<Object> parts = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw new TemplateError(file, startLine, "Unterminated string literal");
            }
            char c = src.charAt(pos);
            if (c == close && nesting == 0) {
                pos++;
                break;
            }
            if (open != close && c == open) {
                nesting++;
            } else if (open != close && c == close) {
                nesting--;
            }
            if (c == '\n') {
                line++;
            }
            if (c == '\\' && pos + 1 < end) {
                char n = src.charAt(pos + 1);
                pos += 2;
                if (quote == '\'') {
                    if (n == '\'' || n == '\\') {
                        buf.append(n);
                    } else {
                        buf.append('\\').append(n);
                    }
                    continue;
                }
                switch (n) {
                    case 'n' -> buf.append('\n');
                    case 't' -> buf.append('\t');
                    case 'r' -> buf.append('\r');
                    case 's' -> buf.append(' ');
                    case '0' -> buf.append('\0');
                    case 'e' -> buf.append('\u001b');
                    case 'a' -> buf.append('\u0007');
                    case 'b' -> buf.append('\b');
                    case 'f' -> buf.append('\f');
                    case 'v' -> buf.append('\u000b');
                    case '\n' -> line++;
                    case 'u', 'x' -> throw error("Unsupported Ruby in template: \\" + n + " escapes");
                    default -> buf.append(n);
                }
                continue;
            }
            if (quote == '"' && c == '#' && pos + 1 < end && src.charAt(pos + 1) == '{') {
                int depth = 1;
                int i = pos + 2;
                char inner = 0;
                while (i < end && depth > 0) {
                    char d = src.charAt(i);
                    if (inner != 0) {
                        if (d == '\\') {
                            i++;
                        } else if (d == inner) {
                            inner = 0;
                        }
                    } else if (d == '\'' || d == '"') {
                        inner = d;
                    } else if (d == '{') {
                        depth++;
                    } else if (d == '}') {
                        depth--;
                    }
                    i++;
                }
                if (depth != 0) {
                    throw new TemplateError(file, startLine, "Unterminated string interpolation");
                }
                if (buf.length() > 0) {
                    parts.add(buf.toString());
                    buf.setLength(0);
                }
                String code = src.substring(pos + 2, i - 1);
                parts.add(code(code, file, line));
                for (char ch : code.toCharArray()) {
                    if (ch == '\n') {
                        line++;
                    }
                }
                pos = i;
                continue;
            }
            if (quote == '"' && c == '#' && pos + 1 < end && src.charAt(pos + 1) == '@') {
                int start = pos + 2;
                int i = start;
                while (i < end && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                if (buf.length() > 0) {
                    parts.add(buf.toString());
                    buf.setLength(0);
                }
                parts.add(code("@" + src.substring(start, i), file, line));
                pos = i;
                continue;
            }
            buf.append(c);
            pos++;
        }
        if (buf.length() > 0 || parts.isEmpty()) {
            parts.add(buf.toString());
        }
        out.add(new Token(Kind.STRING, quote == '"' ? "\"" : "'", startLine, parts, space));
    }

    /** {@code %(...)}, {@code %Q(...)} (double-quoted) and {@code %q(...)} (single-quoted) where a value may stand. */
    private boolean percentString(int end, boolean space) {
        if (!valueExpected() || pos + 2 >= end) {
            return false;
        }
        char kind = src.charAt(pos + 1);
        int open = kind == 'Q' || kind == 'q' ? pos + 2 : pos + 1;
        String opens = "([{<";
        if (open >= end || opens.indexOf(src.charAt(open)) < 0 && src.charAt(open) != '|' && src.charAt(open) != '!') {
            return false;
        }
        char o = src.charAt(open);
        char c = opens.indexOf(o) >= 0 ? ")]}>".charAt(opens.indexOf(o)) : o;
        pos = open;
        string(end, o, c, kind != 'q', space);
        return true;
    }

    private void regex(int end, boolean space) {
        int startLine = line;
        pos++;
        StringBuilder buf = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw new TemplateError(file, startLine, "Unterminated regular expression");
            }
            char c = src.charAt(pos);
            if (c == '/') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < end) {
                if (src.charAt(pos + 1) == '/') {
                    buf.append('/');
                } else {
                    buf.append(c).append(src.charAt(pos + 1));
                }
                pos += 2;
                continue;
            }
            if (c == '#' && pos + 1 < end && src.charAt(pos + 1) == '{') {
                throw error("Unsupported Ruby in template: interpolation in a regular expression");
            }
            buf.append(c);
            pos++;
        }
        StringBuilder flags = new StringBuilder();
        while (pos < end && "imx".indexOf(src.charAt(pos)) >= 0) {
            flags.append(src.charAt(pos++));
        }
        List<Object> parts = List.of(buf.toString(), flags.toString());
        out.add(new Token(Kind.REGEX, buf.toString(), startLine, parts, space));
    }

    private void words(int end, boolean space) {
        char open = src.charAt(pos + 2);
        char close = switch (open) {
            case '[' -> ']';
            case '(' -> ')';
            case '{' -> '}';
            case '<' -> '>';
            default -> open;
        };
        int close_ = src.indexOf(close, pos + 3);
        if (close_ < 0 || close_ >= end) {
            throw error("Unterminated %w literal");
        }
        String body = src.substring(pos + 3, close_);
        List<Object> words = new ArrayList<>();
        for (String w : body.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        for (char ch : body.toCharArray()) {
            if (ch == '\n') {
                line++;
            }
        }
        pos = close_ + 1;
        out.add(new Token(Kind.WORDS, body, line, words, space));
    }
}
