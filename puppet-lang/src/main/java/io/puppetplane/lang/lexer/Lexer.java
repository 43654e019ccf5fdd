package io.puppetplane.lang.lexer;

import static io.puppetplane.lang.lexer.TokenKind.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Turns Puppet source into tokens, one at a time as the parser asks for them (as Ruby Puppet's lexer does, so a
 * syntax error is found before a lexical error further on). Double-quoted strings and interpolating heredocs are
 * split into literal segments and embedded token lists, so the parser sees one token per string. An EPP template
 * is lexed in text mode first: its text becomes RENDER_STRING tokens, {@code <%=} a RENDER_EXPR token.
 */
public final class Lexer {

    /** Keywords: a regular expression may follow them (a name may not), as in Ruby Puppet's lexer. */
    private static final Set<String> KEYWORDS = Set.of("case", "class", "default", "define", "if", "elsif", "else",
        "inherits", "node", "and", "or", "undef", "in", "unless", "function", "type", "attr", "private");

    private enum EppMode { TEXT, CODE, EXPR }

    private final String src;
    private final int lineBase;
    private final int columnBase;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Where the current line's lexing started: '(' with only blanks before it there is a WSLPAREN. */
    private int lineLexicalStart;
    private TokenKind prev;
    private String prevText;
    /** Where lexing continues after the newline that ends a line holding heredoc openers (-1: none). */
    private int heredocResume = -1;
    private int heredocResumeLine;
    private final Deque<Token> queue = new ArrayDeque<>();
    private EppMode epp;

    private Lexer(String src, int lineBase, int columnBase) {
        this.src = src;
        this.lineBase = lineBase;
        this.columnBase = columnBase;
    }

    /** A lexer of Puppet source. */
    public Lexer(String src) {
        this(src, 0, 0);
    }

    /** A lexer of an EPP template. */
    public static Lexer epp(String src) {
        Lexer lx = new Lexer(src);
        lx.epp = EppMode.TEXT;
        lx.eppText(false);
        return lx;
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

    /** Skips whitespace and comments. */
    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline(pos);
                pos++;
                if (heredocResume >= 0) {
                    pos = heredocResume;
                    line = heredocResumeLine;
                    lineStart = pos;
                    heredocResume = -1;
                }
                lineLexicalStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || (c > 127 && Character.isSpaceChar(c))) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                int start = pos;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("Unclosed multiline comment", start);
                }
                for (int i = pos; i < end; i++) {
                    if (src.charAt(i) == '\n') {
                        newline(i);
                    }
                }
                pos = end + 2;
            } else {
                break;
            }
        }
    }

    private Token tok(TokenKind k, String text, int start, int startLine, int startCol) {
        prev = k;
        prevText = text;
        return new Token(k, text, null, start, startLine, startCol);
    }

    /** The next token; EOF at the end (and from then on). */
    public Token next() {
        if (!queue.isEmpty()) {
            Token t = queue.poll();
            prev = t.kind();
            prevText = t.text();
            return t;
        }
        skipSpace();
        int start = pos;
        int sl = lineNo();
        int sc = col(pos);
        if (pos >= src.length()) {
            if (epp == EppMode.CODE || epp == EppMode.EXPR) {
                throw error("Unbalanced epp tag, reached <eof> without closing tag.", pos);
            }
            return new Token(EOF, "", null, pos, sl, sc);
        }
        char c = src.charAt(pos);
        if (epp != null && (c == '%' && peek(1) == '>' || c == '-' && peek(1) == '%' && peek(2) == '>')) {
            return eppTagEnd(start, sl, sc, c == '-');
        }
        if (c == '$') {
            return variable(start, sl, sc);
        }
        if (c == '"') {
            pos++;
            List<Object> parts = interpolated('"', null);
            prev = DQSTRING;
            prevText = parts.isEmpty() || !(parts.get(0) instanceof String s) ? "" : s;
            return new Token(DQSTRING, src.substring(start, pos), parts, start, sl, sc);
        }
        if (c == '\'') {
            return singleQuoted(start, sl, sc);
        }
        if (isDigit(c)) {
            return number(start, sl, sc);
        }
        if (isNameStart(c)) {
            return name(start, sl, sc);
        }
        if (isUpper(c)) {
            return classref(start, sl, sc);
        }
        if (c == ':' && peek(1) == ':') {
            return qualified(start, sl, sc);
        }
        if (c == '@' && peek(1) == '(') {
            return heredoc(start, sl, sc);
        }
        if (c == '/' && regexAcceptable()) {
            Token r = regex(start, sl, sc);
            if (r != null) {
                return r;
            }
        }
        return operator(start, sl, sc);
    }

    private boolean regexAcceptable() {
        if (prev == null) {
            return true;
        }
        return switch (prev) {
            case NAME -> KEYWORDS.contains(prevText);
            case RPAREN, RBRACK, RRCOLLECT, RCOLLECT, WORD, CLASSREF, NUMBER, STRING, DQSTRING, HEREDOC, REGEX,
                VARIABLE -> false;
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

    /** {@code $name}; a '$' not followed by a name is a variable with an empty name, which validation refuses. */
    private Token variable(int start, int sl, int sc) {
        pos++;
        int nameStart = pos;
        int end = variableNameEnd(pos);
        pos = end < 0 ? nameStart : end;
        return tok(VARIABLE, src.substring(nameStart, pos), start, sl, sc);
    }

    /** The end of {@code (::)?(\w+::)*\w+} at FROM, or -1. */
    private int variableNameEnd(int from) {
        int i = from;
        if (src.startsWith("::", i)) {
            i += 2;
        }
        int end = -1;
        while (i < src.length() && isWord(src.charAt(i))) {
            while (i < src.length() && isWord(src.charAt(i))) {
                i++;
            }
            end = i;
            if (src.startsWith("::", i) && i + 2 < src.length() && isWord(src.charAt(i + 2))) {
                i += 2;
            } else {
                break;
            }
        }
        return end;
    }

    private Token singleQuoted(int start, int sl, int sc) {
        pos++;
        StringBuilder sb = new StringBuilder();
        int startLine = line;
        int startLineStart = lineStart;
        while (true) {
            if (pos >= src.length()) {
                line = startLine;
                lineStart = startLineStart;
                throw new SyntaxError("Unclosed quote after \"'\" followed by '" + followedBy(start + 1) + "'", sl,
                    sc + 1);
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
        return tok(STRING, sb.toString(), start, sl, sc);
    }

    /** Ruby Puppet shows the next five characters, escaped, followed by "...", or {@code <eof>}. */
    private String followedBy(int from) {
        if (from >= src.length()) {
            return "<eof>";
        }
        String s = src.substring(from, Math.min(from + 5, src.length()));
        return s.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + "...";
    }

    /**
     * A number as Ruby Puppet scans it: hex, octal, decimal or float, ending at a word boundary; anything else
     * that starts with a digit is an illegal number, reported one character in.
     */
    private Token number(int start, int sl, int sc) {
        int end = numberEnd(start);
        if (end < 0) {
            int i = start;
            while (i < src.length() && isWord(src.charAt(i))) {
                i++;
            }
            String value = src.substring(start, i);
            assertNumeric(value, start);
            throw error("Illegal number '" + value + "'", start + 1);
        }
        pos = end;
        String value = src.substring(start, end);
        assertNumeric(value, start);
        return tok(NUMBER, value, start, sl, sc);
    }

    /** The end of {@code 0[xX][0-9A-Fa-f]+|0?\d+(\.\d+)?([eE]-?\d+)?} at START followed by a word boundary, or -1. */
    private int numberEnd(int start) {
        int i = start;
        if (src.startsWith("0x", i) || src.startsWith("0X", i)) {
            int j = i + 2;
            while (j < src.length() && Character.digit(src.charAt(j), 16) >= 0 && src.charAt(j) < 128) {
                j++;
            }
            if (j > i + 2 && !(j < src.length() && isWord(src.charAt(j)))) {
                return j;
            }
        }
        while (i < src.length() && isDigit(src.charAt(i))) {
            i++;
        }
        // backtracking of the optional parts as a regular expression would do: longest form that ends at a boundary
        List<Integer> ends = new ArrayList<>();
        ends.add(i);
        int fracEnd = i;
        if (i + 1 < src.length() && src.charAt(i) == '.' && isDigit(src.charAt(i + 1))) {
            fracEnd = i + 1;
            while (fracEnd < src.length() && isDigit(src.charAt(fracEnd))) {
                fracEnd++;
            }
            ends.add(fracEnd);
        }
        for (int base : List.copyOf(ends)) {
            int j = base;
            if (j < src.length() && (src.charAt(j) == 'e' || src.charAt(j) == 'E')) {
                j++;
                if (j < src.length() && src.charAt(j) == '-') {
                    j++;
                }
                int digits = j;
                while (j < src.length() && isDigit(src.charAt(j))) {
                    j++;
                }
                if (j > digits) {
                    ends.add(j);
                }
            }
        }
        ends.sort((a, b) -> b - a);
        for (int end : ends) {
            if (!(end < src.length() && isWord(src.charAt(end)))) {
                return end;
            }
        }
        return -1;
    }

    private void assertNumeric(String value, int at) {
        if (value.startsWith("0x") || value.startsWith("0X")) {
            if (!value.matches("0[xX][0-9A-Fa-f]+")) {
                throw error("Not a valid hex number " + value, at);
            }
        } else if (value.length() > 1 && value.charAt(0) == '0' && value.charAt(1) != '.') {
            if (!value.matches("0[0-7]+")) {
                throw error("Not a valid octal number " + value, at);
            }
        } else if (value.matches("\\d+[eE.].*")) {
            if (!value.matches("\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?")) {
                throw error("Not a valid decimal number " + value, at);
            }
        } else if (!value.matches("\\d+")) {
            throw error("Illegal number '" + value + "'", at);
        }
    }

    /** The end of a bare word {@code ((::)?[a-z_]([\w-]*\w)?)+} at FROM, or FROM when there is none. */
    private int bareWordEnd(int from) {
        int i = from;
        int end = from;
        while (true) {
            int j = i;
            if (src.startsWith("::", j)) {
                j += 2;
            }
            if (j >= src.length() || !isNameStart(src.charAt(j))) {
                return end;
            }
            j++;
            int lastWord = j;
            while (j < src.length() && (isWord(src.charAt(j)) || src.charAt(j) == '-')) {
                j++;
                if (isWord(src.charAt(j - 1))) {
                    lastWord = j;
                }
            }
            end = lastWord;
            i = lastWord;
        }
    }

    private static boolean isName(String word) {
        return word.matches("(::)?[a-z]\\w*(::[a-z]\\w*)*");
    }

    private Token name(int start, int sl, int sc) {
        pos = bareWordEnd(start);
        String text = src.substring(start, pos);
        return tok(isName(text) ? NAME : WORD, text, start, sl, sc);
    }

    /** A capitalised name; a lower-case segment after '::' is an illegal class reference. */
    private Token classref(int start, int sl, int sc) {
        int end = classrefEnd(start);
        if (src.startsWith("::", end)) {
            throw error("Illegal class reference", end + 1);
        }
        pos = end;
        return tok(CLASSREF, src.substring(start, pos), start, sl, sc);
    }

    private int classrefEnd(int from) {
        int i = from;
        while (true) {
            int j = i;
            if (src.startsWith("::", j)) {
                j += 2;
            }
            if (j >= src.length() || !isUpper(src.charAt(j))) {
                return i;
            }
            j++;
            while (j < src.length() && isWord(src.charAt(j))) {
                j++;
            }
            i = j;
        }
    }

    /** '::' followed by a class reference or a name, or else a lone colon. */
    private Token qualified(int start, int sl, int sc) {
        if (isUpper(peek(2))) {
            int end = classrefEnd(start);
            if (src.startsWith("::", end)) {
                throw error("Illegal fully qualified class reference", end + 3);
            }
            pos = end;
            return tok(CLASSREF, src.substring(start, pos), start, sl, sc);
        }
        int end = bareWordEnd(start);
        if (end == start) {
            throw error("Illegal fully qualified name", start + 2);
        }
        pos = end;
        String text = src.substring(start, pos);
        return tok(isName(text) ? NAME : WORD, text, start, sl, sc);
    }

    /**
     * A regular expression {@code /[^/]*\/} (it may span lines); an escaped closing slash continues it. Null when
     * there is no closing slash: the '/' is a division.
     */
    private Token regex(int start, int sl, int sc) {
        int end = src.indexOf('/', pos + 1);
        while (end >= 0 && escapedEnd(pos + 1, end)) {
            end = src.indexOf('/', end + 1);
        }
        if (end < 0) {
            return null;
        }
        String body = src.substring(pos + 1, end).replace("\\/", "/");
        for (int i = pos; i < end; i++) {
            if (src.charAt(i) == '\n') {
                newline(i);
            }
        }
        pos = end + 1;
        return tok(REGEX, body, start, sl, sc);
    }

    /** Whether the '/' at END is escaped by an odd number of backslashes in FROM..END. */
    private boolean escapedEnd(int from, int end) {
        boolean escaped = false;
        for (int i = from; i < end; i++) {
            escaped = src.charAt(i) == '\\' && !escaped;
        }
        return escaped;
    }

    private Token operator(int start, int sl, int sc) {
        String[] ops = {"<<|", "|>>", "<|", "|>", "<-", "<~", "->", "~>", "=>", "+>", "==", "!=", "=~", "!~",
            "<=", ">=", "<<", ">>", "+=", "-=", "@@"};
        TokenKind[] kinds = {LLCOLLECT, RRCOLLECT, LCOLLECT, RCOLLECT, IN_EDGE, IN_EDGE_SUB, OUT_EDGE,
            OUT_EDGE_SUB, FARROW, PARROW, ISEQUAL, NOTEQUAL, MATCH, NOMATCH, LESSEQUAL, GREATEREQUAL, LSHIFT,
            RSHIFT, APPENDS, DELETES, ATAT};
        for (int i = 0; i < ops.length; i++) {
            if (src.startsWith(ops[i], pos)) {
                pos += ops[i].length();
                return tok(kinds[i], ops[i], start, sl, sc);
            }
        }
        char c = src.charAt(pos);
        TokenKind k = switch (c) {
            case '{' -> LBRACE;
            case '}' -> RBRACE;
            case '[' -> pos == 0 || isBlankOrNewline(src.charAt(pos - 1)) ? LISTSTART : LBRACK;
            case ']' -> RBRACK;
            case '(' -> src.substring(lineLexicalStart, pos).chars().allMatch(ch -> ch == ' ' || ch == '\t'
                || ch == '\r') ? WSLPAREN : LPAREN;
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
            case '~' -> TILDE;
            default -> OTHER;
        };
        if (k == OTHER) {
            // Ruby Puppet's parser names an unrecognised character as '' (an empty token text)
            pos += Character.charCount(src.codePointAt(pos));
            return tok(OTHER, "", start, sl, sc);
        }
        pos++;
        return tok(k, String.valueOf(c), start, sl, sc);
    }

    private static boolean isBlankOrNewline(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
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
                throw new SyntaxError("Unclosed quote after '\"' followed by '" + followedBy(open + 1) + "'",
                    openLine, openCol);
            }
            char c = src.charAt(pos);
            if (c == end && end != 0) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                char n = src.charAt(pos + 1);
                boolean continuation = n == '\n' && (escapes == null || escapes.indexOf('L') >= 0);
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
                        case '\n' -> newline(pos - 1);
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
                        throw new SyntaxError("Unclosed quote after '\"' followed by '" + followedBy(open + 1)
                            + "'", openLine, openCol);
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
                inner.add(new Token(EOF, "", null, pos, lineNo(), col(pos)));
                flush(parts, sb);
                parts.add(new Token.Interpolation(inner, false, exprLine, exprCol));
                continue;
            }
            if (c == '$' && variableNameEnd(pos + 1) > 0) {
                int vl = lineNo();
                int vc = col(pos);
                Token v = variable(pos, vl, vc);
                flush(parts, sb);
                parts.add(new Token.Interpolation(List.of(v, new Token(EOF, "", null, pos, vl, vc)), true, vl, vc));
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

    /**
     * {@code @(TAG)}, {@code @("TAG")}, {@code @(TAG:syntax/flags)}; the body follows the current line and ends at
     * the first line that ends with the tag (optionally after '|' and '-'), as Ruby Puppet finds it.
     */
    private Token heredoc(int start, int sl, int sc) {
        int close = src.indexOf(')', pos);
        if (close < 0) {
            throw error("Unclosed parenthesis after '@(' followed by '" + followedBy(pos) + "'", pos);
        }
        String spec = src.substring(pos + 2, close);
        pos = close + 1;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
            "([^:/\\r\\n)]+)(?::[ \\t]*([a-z][a-zA-Z0-9_+]+)[ \\t]*)?(?:/((?:\\w|[$])*)[ \\t]*)?").matcher(spec);
        if (!m.matches()) {
            throw error("Invalid syntax in heredoc expected @(endtag[:syntax][/escapes])", pos);
        }
        String tag = m.group(1).strip();
        String syntax = m.group(2) == null ? "" : m.group(2);
        String flags = m.group(3);
        boolean interpolate = tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"");
        if (interpolate) {
            tag = tag.substring(1, tag.length() - 1).strip();
        }
        if (tag.isEmpty()) {
            throw error("Heredoc with an empty endtag", pos);
        }
        // the body starts after the current line, or after the previous heredoc on this line
        int bodyStart;
        int bodyLine;
        if (heredocResume >= 0) {
            bodyStart = heredocResume;
            bodyLine = heredocResumeLine;
        } else {
            int nl = src.indexOf('\n', pos);
            if (nl < 0) {
                throw error("Heredoc without any following lines of text", pos);
            }
            bodyStart = nl + 1;
            bodyLine = line + 1;
        }
        java.util.regex.Pattern endLine = java.util.regex.Pattern.compile("([ \\t]*)(?:([|])[ \\t]*)?(?:(-)[ \\t]*)?"
            + java.util.regex.Pattern.quote(tag) + "[ \\t]*\\r?$");
        List<String> lines = new ArrayList<>();
        int p = bodyStart;
        String leading = "";
        boolean margin = false;
        boolean trim = false;
        int endLineNo = bodyLine;
        while (true) {
            if (p >= src.length()) {
                throw new SyntaxError("Heredoc without end-tagged line", bodyLine + lineBase, 1);
            }
            int nl = src.indexOf('\n', p);
            String ln = nl < 0 ? src.substring(p) : src.substring(p, nl);
            int next = nl < 0 ? src.length() : nl + 1;
            java.util.regex.Matcher em = endLine.matcher(ln);
            if (em.find()) {
                leading = em.group(1);
                margin = em.group(2) != null;
                trim = em.group(3) != null;
                p = next;
                break;
            }
            lines.add(ln);
            p = next;
            endLineNo++;
        }
        heredocResume = p;
        heredocResumeLine = endLineNo + 1;
        StringBuilder body = new StringBuilder();
        for (String ln : lines) {
            // like Ruby Puppet, only lines that start with the whole margin lose it
            body.append(margin && !leading.isEmpty() && ln.startsWith(leading) ? ln.substring(leading.length()) : ln)
                .append('\n');
        }
        if (trim && body.length() > 0) {
            body.setLength(body.length() - 1);
            if (body.length() > 0 && body.charAt(body.length() - 1) == '\r') {
                body.setLength(body.length() - 1);
            }
        }
        String escapes = flags == null ? "" : (flags.isEmpty() ? "trnsuL$" : flags);
        for (char e : escapes.toCharArray()) {
            if ("trnsuL$".indexOf(e) < 0) {
                throw error("Invalid heredoc escape char. Only t, r, n, s,  u, L, $ allowed. Got '" + e + "'", pos);
            }
        }
        List<Object> parts;
        if (interpolate || !escapes.isEmpty()) {
            Lexer sub = new Lexer(body.toString(), bodyLine - 1 + lineBase, 0);
            parts = interpolate ? sub.interpolated('\0', escapes) : sub.escapesOnly(escapes);
        } else {
            parts = List.of(body.toString());
        }
        prev = HEREDOC;
        prevText = syntax;
        return new Token(HEREDOC, syntax, parts, start, sl, sc);
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

    // ---------------------------------------------------------------- EPP

    /** {@code %>} or {@code -%>} in code: back to text (an expression's end is an EPP_END token). */
    private Token eppTagEnd(int start, int sl, int sc, boolean trim) {
        pos += trim ? 3 : 2;
        boolean expr = epp == EppMode.EXPR;
        epp = EppMode.TEXT;
        eppText(trim);
        if (expr) {
            return tok(EPP_END, trim ? "-%>" : "%>", start, sl, sc);
        }
        return next();
    }

    /**
     * Scans template text up to the next tag as Ruby Puppet's EPP scanner does: {@code <%%} and {@code %%>} are
     * literal, comments vanish (a {@code -%>} after one trims what follows it, a {@code <%#-} what precedes it),
     * {@code <%-} trims the blanks before it. Queues a RENDER_STRING for the text (unless empty) and a RENDER_EXPR
     * for {@code <%=}.
     */
    private void eppText(boolean skipLeading) {
        int start = pos;
        int sl = lineNo();
        int sc = col(pos);
        StringBuilder s = new StringBuilder();
        boolean skip = skipLeading;
        while (true) {
            int tag = src.indexOf("<%", pos);
            int partEnd = tag < 0 ? src.length() : tag + 2;
            String part = src.substring(pos, partEnd);
            advanceTo(partEnd);
            if (skip) {
                part = part.replaceFirst("^[ \\t]*\\r?(?:\\n|\\z)?", "");
                skip = false;
            }
            s.append(part.replace("%%>", "%>"));
            if (tag < 0) {
                if (s.toString().endsWith("<%")) {
                    throw error("Unbalanced embedded expression - opening <% and reaching end of input", pos);
                }
                if (start < src.length()) {
                    // Ruby Puppet renders the last text even when trimming emptied it (a statement after the last
                    // value then, so that value counts as forgotten)
                    queue.add(new Token(RENDER_STRING, s.toString(), null, start, sl, sc));
                }
                return;
            }
            char mark = peek(0);
            if (mark == '%') {
                pos++; // "<%%" is a literal "<%"
                continue;
            }
            s.setLength(s.length() - 2);
            if (mark == '#') {
                int close = commentEnd(pos);
                if (close < 0) {
                    throw error("Reaching end after opening <%# without seeing %>", pos);
                }
                if (peek(1) == '-') {
                    trimTrailingBlanks(s);
                }
                skip = src.startsWith("-%>", close - 1);
                advanceTo(close + 2);
                continue;
            }
            if (mark == '-') {
                pos++;
                trimTrailingBlanks(s);
                queueText(s, start, sl, sc);
                epp = EppMode.CODE;
                return;
            }
            if (mark == '=') {
                int exprStart = pos - 2;
                int el = lineNo();
                int ec = col(exprStart);
                pos++;
                queueText(s, start, sl, sc);
                queue.add(new Token(RENDER_EXPR, "<%=", null, exprStart, el, ec));
                epp = EppMode.EXPR;
                return;
            }
            queueText(s, start, sl, sc);
            epp = EppMode.CODE;
            return;
        }
    }

    /** Where the "%>" closing a comment opened at FROM stands ({@code %%>} does not close it), or -1. */
    private int commentEnd(int from) {
        int i = src.indexOf("%>", from + 1);
        while (i >= 0 && src.charAt(i - 1) == '%') {
            i = src.indexOf("%>", i + 1);
        }
        return i;
    }

    private void advanceTo(int end) {
        for (int i = pos; i < end; i++) {
            if (src.charAt(i) == '\n') {
                newline(i);
            }
        }
        pos = end;
    }

    private static void trimTrailingBlanks(StringBuilder s) {
        int k = s.length();
        while (k > 0 && (s.charAt(k - 1) == ' ' || s.charAt(k - 1) == '\t')) {
            k--;
        }
        s.setLength(k);
    }

    private void queueText(StringBuilder s, int start, int sl, int sc) {
        if (s.length() > 0) {
            queue.add(new Token(RENDER_STRING, s.toString(), null, start, sl, sc));
        }
    }
}
