package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Loc;

/**
 * An evaluation error. Its location may be missing when raised deep inside a value operation; the nearest
 * enclosing expression then supplies it, the way Ruby Puppet reports the statement being evaluated.
 */
final class EvalError extends RuntimeException {

    private Loc loc;
    /** Errors located at a resource declaration only (file and line, no column), as Ruby reports them. */
    private boolean lineOnly;
    /**
     * A parse error Ruby raises with its own location (an invalid tag): raised in a define's body, Ruby's
     * evaluation of the define's resource adds where that resource was declared.
     */
    private boolean locatedParseError;

    EvalError(String message) {
        super(message, null, false, false);
    }

    EvalError(String message, Loc loc) {
        super(message, null, false, false);
        this.loc = loc;
    }

    static EvalError lineOnly(String message, String file, Integer line) {
        EvalError e = new EvalError(message, new Loc(file, line == null ? 0 : line, 0));
        e.lineOnly = true;
        return e;
    }

    static EvalError locatedParseError(String message, String file, Integer line) {
        EvalError e = lineOnly(message, file, line);
        e.locatedParseError = true;
        return e;
    }

    boolean locatedParseError() {
        return locatedParseError;
    }

    /** Moves the error to where it stands in the source the user wrote (a template's own columns). */
    void relocate(Loc where) {
        loc = where;
    }

    Loc loc() {
        return loc;
    }

    boolean lineOnly() {
        return lineOnly;
    }

    EvalError at(Loc where) {
        if (loc == null) {
            loc = where;
        }
        return this;
    }
}
