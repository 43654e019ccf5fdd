package io.puppetplane.lang.lexer;

/** A lexical or syntax error at a position; the compiler turns it into a CompileError. */
public class SyntaxError extends RuntimeException {

    private final int line;
    private final int column;

    public SyntaxError(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
