package io.puppetplane.lang;

/**
 * Puppet code refused by the compiler: a message a Puppet user recognises and where it happened.
 * {@code toString()} is {@code file:line:column: message} (column 0 when unknown).
 */
public class CompileError extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;

    public CompileError(String message, String file, int line, int column) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + getMessage();
    }
}
