package io.puppetplane.lang.lexer;

import java.util.List;

/**
 * One token. {@code text} is the source text or the decoded value (names, strings; a variable's name without '$';
 * a heredoc's syntax); {@code parts} holds the segments of an interpolated string: String literals and
 * {@link Interpolation}s.
 */
public record Token(TokenKind kind, String text, List<Object> parts, int offset, int line, int column) {

    /** An embedded expression of a double-quoted string: the tokens between "${" and "}", or one variable. */
    public record Interpolation(List<Token> tokens, boolean bareVariable, int line, int column) {
    }

    @Override
    public String toString() {
        return kind == TokenKind.EOF ? "end of input" : text;
    }
}
