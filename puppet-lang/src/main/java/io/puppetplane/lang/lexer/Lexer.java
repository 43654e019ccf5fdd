package io.puppetplane.lang.lexer;

import static io.puppetplane.lang.lexer.TokenKind.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Puppet source into tokens. Double-quoted strings and interpolating heredocs are split into literal
 * segments and embedded token lists, so the parser sees one token per string.
 */
public final class Lexer {

    private final String src;
    private final int lineBase;
    private final int columnBase;
    private int pos;
    private int line = 1;
    private int lineStart;
    private TokenKind prev;
    private String prevText;
    /** Where lexing continues after the newline that ends a line holding heredoc openers (-1: none). */
    private int heredocResume = -1;
    private int heredocResumeLine;

    private Lexer(String src, int lineBase, int columnBase) {
        this.src = src;
        this.lineBase = lineBase;
        this.columnBase = columnBase;
    }

    /** Tokenizes a whole file. */
    public static List<Token> tokenize(String src) {
        Lexer lx = new Lexer(src, 0, 0);
        List<Token> out = new ArrayList<>();
        while (true) {
            Token t = lx.next();
            out.add(t);
            if (t.kind() == EOF) {
                return out;
            }
        }
    }

    private int col(int offset) {
        return offset - lineStart + 1 + (line == 1 ? columnBase : 0);
    }

    private int lineNo() {
        return line + lineBase;
    }

    private SyntaxError error(String msg, int offset) {
        return new SyntaxError(msg, lineNo(), col(offset));
    }

    private char peek(int k) {
        int i = pos + k;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private void newline(int at) {
        line++;
        lineStart = at + 1;
    }

    /** Skips whitespace and comments; returns true when anything was skipped. */
    private boolean skipSpace() {
        boolean skipped = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline(pos);
                pos++;
                skipped = true;
                if (heredocResume >= 0) {
                    pos = heredocResume;
                    line = heredocResumeLine;
                    lineStart = pos;
                    heredocResume = -1;
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
                skipped = true;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                skipped = true;
            } else if (c == '/' && peek(1) == '*') {
                int startLine = lineNo();
                int startCol = col(pos);
                pos += 2;
                while (pos < src.length() && !(src.charAt(pos) == '*' && peek(1) == '/')) {
                    if (src.charAt(pos) == '\n') {
                        newline(pos);
                    }
                    pos++;
                }
                if (pos >= src.length()) {
                    throw new SyntaxError("Unclosed comment", startLine, startCol);
                }
                pos += 2;
                skipped = true;
            } else {
                break;
            }
        }
        return skipped;
    }

    private Token tok(TokenKind k, String text, int start, int startLine, int startCol, boolean space) {
        prev = k;
        prevText = text;
        return new Token(k, text, null, start, startLine, startCol, space);
    }

    Token next() {
        boolean space = skipSpace() || pos == 0;
        int start = pos;
        int sl = lineNo();
        int sc = col(pos);
        if (pos >= src.length()) {
            return new Token(EOF, "", null, pos, sl, sc, space);
        }
        char c = src.charAt(pos);
        if (c == '$') {
            return variable(start, sl, sc, space);
        }
        if (c == '"') {
            pos++;
            List<Object> parts = interpolated('"', null);
            prev = DQSTRING;
            return new Token(DQSTRING, src.substring(start, pos), parts, start, sl, sc, space);
        }
        if (c == '\'') {
            return singleQuoted(start, sl, sc, space);
        }
        if (isDigit(c)) {
            return number(start, sl, sc, space);
        }
        if (isNameStart(c) || (c == ':' && peek(1) == ':' && isNameStart(peek(2)))) {
            return name(start, sl, sc, space);
        }
        if (c == ':' && peek(1) == ':' && isUpper(peek(2))) {
            return classref(start, sl, sc, space);
        }
        if (isUpper(c)) {
            return classref(start, sl, sc, space);
        }
        if (c == '@' && peek(1) == '(') {
            return heredoc(start, sl, sc, space);
        }
        if (c == '/' && regexAcceptable()) {
            Token r = regex(start, sl, sc, space);
            if (r != null) {
                return r;
            }
        }
        return operator(start, sl, sc, space);
    }

    private boolean regexAcceptable() {
        if (prev == null || (prev == NAME && (prevText.equals("node") || prevText.equals("and")
            || prevText.equals("or") || prevText.equals("in")))) {
            return true;
        }
        return switch (prev) {
            case NAME, CLASSREF, NUMBER, VARIABLE, RPAREN, RBRACK, STRING, DQSTRING, REGEX, HEREDOC, RCOLLECT,
                RRCOLLECT -> false;
            default -> true;
        };
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    }

    /** Ruby's \w: ASCII letters, digits and underscore (Puppet names are ASCII). */
    private static boolean isWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private Token variable(int start, int sl, int sc, boolean space) {
        pos++;
        int nameStart = pos;
        if (peek(0) == ':' && peek(1) == ':') {
            pos += 2;
        }
        if (isDigit(peek(0))) {
            while (isDigit(peek(0))) {
                pos++;
            }
        } else {
            boolean any = false;
            while (true) {
                int segStart = pos;
                while (pos < src.length() && isWord(src.charAt(pos))) {
                    pos++;
                }
                if (pos == segStart) {
                    break;
                }
                any = true;
                if (peek(0) == ':' && peek(1) == ':' && isWord(peek(2))) {
                    pos += 2;
                } else {
                    break;
                }
            }
            if (!any) {
                throw error("Illegal variable name, The given name '' does not conform to the naming rule"
                    + " /^((::)?[a-z]\\w*)*((::)?[a-z_]\\w*)$/", start);
            }
        }
        return tok(VARIABLE, src.substring(nameStart, pos), start, sl, sc, space);
    }

    private Token singleQuoted(int start, int sl, int sc, boolean space) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new SyntaxError("Unclosed quote after \"'\" followed by '"
                    + abbreviate(src.substring(start + 1)) + "'", sl, sc + 1);
            }
            char c = src.charAt(pos);
            if (c == '\\' && (peek(1) == '\\' || peek(1) == '\'')) {
                sb.append(peek(1));
                pos += 2;
                continue;
            }
            if (c == '\'') {
                pos++;
                break;
            }
            if (c == '\n') {
                newline(pos);
            }
            sb.append(c);
            pos++;
        }
        return tok(STRING, sb.toString(), start, sl, sc, space);
    }

    private static String abbreviate(String s) {
        // Ruby Puppet shows the next five characters, newlines escaped, always followed by "..."
        return s.substring(0, Math.min(5, s.length())).replace("\n", "\\n") + "...";
    }

    private Token number(int start, int sl, int sc, boolean space) {
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            pos += 2;
            while (isDigit(peek(0)) || (peek(0) >= 'a' && peek(0) <= 'f') || (peek(0) >= 'A' && peek(0) <= 'F')) {
                pos++;
            }
        } else {
            while (isDigit(peek(0))) {
                pos++;
            }
            if (peek(0) == '.' && isDigit(peek(1))) {
                pos++;
                while (isDigit(peek(0))) {
                    pos++;
                }
            }
            if ((peek(0) == 'e' || peek(0) == 'E')
                && (isDigit(peek(1)) || (peek(1) == '-' && isDigit(peek(2))))) {
                pos += 2;
                while (isDigit(peek(0))) {
                    pos++;
                }
            }
        }
        if (isWord(peek(0))) {
            while (isWord(peek(0))) {
                pos++;
            }
            throw error("Illegal number '" + src.substring(start, pos) + "'", start);
        }
        return tok(NUMBER, src.substring(start, pos), start, sl, sc, space);
    }

    private Token name(int start, int sl, int sc, boolean space) {
        if (peek(0) == ':') {
            pos += 2;
        }
        while (true) {
            while (pos < src.length() && (isWord(src.charAt(pos)) || isHyphenInWord())) {
                pos++;
            }
            if (peek(0) == ':' && peek(1) == ':' && isNameStart(peek(2))) {
                pos += 2;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        return tok(NAME, text, start, sl, sc, space);
    }

    /** A hyphen continues a bare word when a word character follows it ({@code euca-deps}). */
    private boolean isHyphenInWord() {
        return src.charAt(pos) == '-' && isWord(peek(1));
    }

    private Token classref(int start, int sl, int sc, boolean space) {
        if (peek(0) == ':') {
            pos += 2;
        }
        while (true) {
            while (pos < src.length() && isWord(src.charAt(pos))) {
                pos++;
            }
            if (peek(0) == ':' && peek(1) == ':' && isUpper(peek(2))) {
                pos += 2;
            } else {
                break;
            }
        }
        return tok(CLASSREF, src.substring(start, pos), start, sl, sc, space);
    }

    private Token regex(int start, int sl, int sc, boolean space) {
        int i = pos + 1;
        StringBuilder sb = new StringBuilder();
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\n') {
                return null;
            }
            if (c == '\\' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
                sb.append('/');
                i += 2;
                continue;
            }
            if (c == '\\' && i + 1 < src.length()) {
                sb.append(c).append(src.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '/') {
                pos = i + 1;
                return tok(REGEX, sb.toString(), start, sl, sc, space);
            }
            sb.append(c);
            i++;
        }
        return null;
    }

    private Token operator(int start, int sl, int sc, boolean space) {
        String[] ops = {"<<|", "|>>", "<|", "|>", "<-", "<~", "->", "~>", "=>", "+>", "==", "!=", "=~", "!~",
            "<=", ">=", "<<", ">>", "+=", "-=", "@@"};
        TokenKind[] kinds = {LLCOLLECT, RRCOLLECT, LCOLLECT, RCOLLECT, IN_EDGE, IN_EDGE_SUB, OUT_EDGE,
            OUT_EDGE_SUB, FARROW, PARROW, ISEQUAL, NOTEQUAL, MATCH, NOMATCH, LESSEQUAL, GREATEREQUAL, LSHIFT,
            RSHIFT, APPENDS, DELETES, ATAT};
        for (int i = 0; i < ops.length; i++) {
            if (src.startsWith(ops[i], pos)) {
                pos += ops[i].length();
                return tok(kinds[i], ops[i], start, sl, sc, space);
            }
        }
        char c = src.charAt(pos);
        TokenKind k = switch (c) {
            case '{' -> LBRACE;
            case '}' -> RBRACE;
            case '[' -> (space || prev == null || !valueEnd()) ? LISTSTART : LBRACK;
            case ']' -> RBRACK;
            case '(' -> (space && prev != null && prev != NAME) ? WSLPAREN : LPAREN;
            case ')' -> RPAREN;
            case ',' -> COMMA;
            case ';' -> SEMIC;
            case ':' -> COLON;
            case '.' -> DOT;
            case '=' -> EQUALS;
            case '<' -> LESSTHAN;
            case '>' -> GREATERTHAN;
            case '+' -> PLUS;
            case '-' -> MINUS;
            case '*' -> TIMES;
            case '/' -> DIV;
            case '%' -> MODULO;
            case '!' -> NOT;
            case '?' -> QMARK;
            case '@' -> AT;
            case '|' -> PIPE;
            default -> null;
        };
        if (k == null) {
            throw error("Illegal character '" + c + "'", start);
        }
        pos++;
        return tok(k, String.valueOf(c), start, sl, sc, space);
    }

    private boolean valueEnd() {
        return switch (prev) {
            case NAME, CLASSREF, VARIABLE, RPAREN, RBRACK, RBRACE, STRING, DQSTRING, HEREDOC, NUMBER -> true;
            default -> false;
        };
    }

    /**
     * Reads a string body up to {@code end} (or the end of input when end is 0), splitting out "${...}" and
     * "$name" interpolations and decoding escapes. {@code escapes} null means every double-quote escape.
     */
    private List<Object> interpolated(char end, String escapes) {
        List<Object> parts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int open = pos - 1;
        int openLine = lineNo();
        int openCol = Math.max(1, col(open) + 1);
        while (true) {
            if (pos >= src.length()) {
                if (end == 0) {
                    break;
                }
                throw new SyntaxError("Unclosed quote after '\"' followed by '"
                    + abbreviate(src.substring(Math.max(0, open + 1))) + "'", openLine, openCol);
            }
            char c = src.charAt(pos);
            if (c == end && end != 0) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                char n = src.charAt(pos + 1);
                boolean continuation = n == '\n' && escapes != null && escapes.indexOf('L') >= 0;
                if (continuation || escapes == null || (n != '\n' && escapes.indexOf(n) >= 0)
                    || (n == '\\' && escapes.length() > 0) || (n == '"' && end == '"')) {
                    pos += 2;
                    switch (n) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 's' -> sb.append(' ');
                        case '$' -> sb.append('$');
                        case '"' -> sb.append('"');
                        case '\'' -> sb.append('\'');
                        case '\\' -> sb.append('\\');
                        case 'u' -> sb.append(unicodeEscape());
                        case '\n' -> {
                            newline(pos - 1);
                            if (escapes == null) {
                                sb.append('\\').append('\n');
                            }
                        }
                        default -> sb.append('\\').append(n);
                    }
                    continue;
                }
                sb.append(c);
                pos++;
                continue;
            }
            if (c == '$' && peek(1) == '{') {
                int exprLine = lineNo();
                int exprCol = col(pos);
                pos += 2;
                List<Token> inner = new ArrayList<>();
                int depth = 0;
                TokenKind savedPrev = prev;
                prev = null;
                while (true) {
                    Token t = next();
                    if (t.kind() == EOF) {
                        throw new SyntaxError("Unclosed '${' in string", exprLine, exprCol);
                    }
                    if (t.kind() == LBRACE) {
                        depth++;
                    } else if (t.kind() == RBRACE) {
                        if (depth == 0) {
                            break;
                        }
                        depth--;
                    }
                    inner.add(t);
                }
                prev = savedPrev;
                inner.add(new Token(EOF, "", null, pos, lineNo(), col(pos), false));
                flush(parts, sb);
                parts.add(new Token.Interpolation(inner, false, exprLine, exprCol));
                continue;
            }
            if (c == '$' && (isWord(peek(1)) || (peek(1) == ':' && peek(2) == ':' && isWord(peek(3))))) {
                int vl = lineNo();
                int vc = col(pos);
                int vs = pos;
                Token v = variable(vs, vl, vc, false);
                flush(parts, sb);
                parts.add(new Token.Interpolation(List.of(v, new Token(EOF, "", null, pos, vl, vc, false)), true,
                    vl, vc));
                continue;
            }
            if (c == '\n') {
                newline(pos);
            }
            sb.append(c);
            pos++;
        }
        flush(parts, sb);
        return parts;
    }

    private String unicodeEscape() {
        if (peek(0) == '{') {
            int close = src.indexOf('}', pos);
            if (close > 0) {
                String hex = src.substring(pos + 1, close);
                pos = close + 1;
                try {
                    return new String(Character.toChars(Integer.parseInt(hex, 16)));
                } catch (IllegalArgumentException e) {
                    throw error("Illegal unicode escape \\u{" + hex + "}", pos);
                }
            }
        }
        if (pos + 4 <= src.length()) {
            String hex = src.substring(pos, pos + 4);
            try {
                int cp = Integer.parseInt(hex, 16);
                pos += 4;
                return String.valueOf((char) cp);
            } catch (NumberFormatException e) {
                // not an escape: keep the text as written, like Ruby Puppet
            }
        }
        return "\\u";
    }

    private static void flush(List<Object> parts, StringBuilder sb) {
        if (sb.length() > 0) {
            parts.add(sb.toString());
            sb.setLength(0);
        }
    }

    /** {@code @(TAG)}, {@code @("TAG")}, {@code @(TAG:syntax/flags)}; the body follows the current line. */
    private Token heredoc(int start, int sl, int sc, boolean space) {
        int close = src.indexOf(')', pos);
        int eol = src.indexOf('\n', pos);
        if (close < 0 || (eol >= 0 && close > eol)) {
            throw error("Unclosed parenthesis after '@(' followed by '" + abbreviate(src.substring(pos + 2)) + "'",
                start);
        }
        String spec = src.substring(pos + 2, close).trim();
        pos = close + 1;
        String flags = null;
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            flags = spec.substring(slash + 1).trim();
            spec = spec.substring(0, slash).trim();
        }
        int colon = spec.lastIndexOf(':');
        if (colon >= 0 && !spec.startsWith("\"") || (colon >= 0 && spec.indexOf('"', 1) < colon)) {
            spec = spec.substring(0, colon).trim();
        }
        boolean interpolate = spec.startsWith("\"") && spec.endsWith("\"") && spec.length() >= 2;
        String tag = interpolate ? spec.substring(1, spec.length() - 1) : spec;
        // the body starts after the current line, or after the previous heredoc on this line
        int bodyStart;
        int bodyLine;
        if (heredocResume >= 0) {
            bodyStart = heredocResume;
            bodyLine = heredocResumeLine;
        } else {
            int nl = src.indexOf('\n', pos);
            if (nl < 0) {
                throw error("Heredoc without end-tagged line", start);
            }
            bodyStart = nl + 1;
            bodyLine = line + 1;
        }
        List<String> lines = new ArrayList<>();
        int p = bodyStart;
        int margin = 0;
        boolean trim = false;
        int endLine = bodyLine;
        while (true) {
            if (p >= src.length()) {
                throw error("Heredoc without end-tagged line", start);
            }
            int nl = src.indexOf('\n', p);
            String ln = nl < 0 ? src.substring(p) : src.substring(p, nl);
            int next = nl < 0 ? src.length() : nl + 1;
            String stripped = ln.strip();
            int bar = -1;
            String rest = stripped;
            if (rest.startsWith("|")) {
                bar = ln.indexOf('|');
                rest = rest.substring(1).strip();
            }
            boolean dash = false;
            if (rest.startsWith("-")) {
                dash = true;
                rest = rest.substring(1).strip();
            }
            if (rest.equals(tag)) {
                margin = bar < 0 ? 0 : bar;
                trim = dash;
                p = next;
                break;
            }
            lines.add(ln);
            p = next;
            endLine++;
        }
        heredocResume = p;
        heredocResumeLine = endLine + 1;
        StringBuilder body = new StringBuilder();
        for (String ln : lines) {
            int cut = 0;
            while (cut < margin && cut < ln.length() && (ln.charAt(cut) == ' ' || ln.charAt(cut) == '\t')) {
                cut++;
            }
            body.append(ln, cut, ln.length()).append('\n');
        }
        if (trim && body.length() > 0) {
            body.setLength(body.length() - 1);
            if (body.length() > 0 && body.charAt(body.length() - 1) == '\r') {
                body.setLength(body.length() - 1);
            }
        }
        String escapes = flags == null ? "" : (flags.isEmpty() ? "trnsuL$" : flags);
        List<Object> parts;
        if (interpolate || !escapes.isEmpty()) {
            Lexer sub = new Lexer(body.toString(), bodyLine - 1 + lineBase, 0);
            if (!interpolate) {
                parts = sub.escapesOnly(escapes);
            } else {
                parts = sub.interpolated('\0', escapes);
            }
        } else {
            parts = List.of(body.toString());
        }
        prev = HEREDOC;
        return new Token(HEREDOC, tag, parts, start, sl, sc, space);
    }

    private List<Object> escapesOnly(String escapes) {
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n' && escapes.indexOf('L') >= 0) {
                pos += 2;
                continue;
            }
            if (c == '\\' && pos + 1 < src.length() && (escapes.indexOf(src.charAt(pos + 1)) >= 0
                || src.charAt(pos + 1) == '\\') && src.charAt(pos + 1) != 'L') {
                char n = src.charAt(pos + 1);
                pos += 2;
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 's' -> sb.append(' ');
                    case 'u' -> sb.append(unicodeEscape());
                    default -> sb.append(n);
                }
                continue;
            }
            sb.append(c);
            pos++;
        }
        return List.of(sb.toString());
    }
}
