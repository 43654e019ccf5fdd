package io.puppetplane.lang.spi;

/**
 * A function refused its arguments or failed. The message is worded as Ruby Puppet words it and carries no
 * location: the evaluator that called the function adds file, line and column.
 */
public class FunctionError extends RuntimeException {

    public FunctionError(String message) {
        super(message);
    }

    public FunctionError(String message, Throwable cause) {
        super(message, cause);
    }
}
