package io.puppetplane.lang.erb;

/**
 * An ERB template could not be compiled or rendered: a syntax error, Ruby this interpreter does not
 * support, or an error raised while rendering. Carries the template's file and line.
 */
public class TemplateError extends RuntimeException {

    private final String file;
    private final int line;
    private final String detail;

    /**
     * Whether Ruby's own ERB must decide (the compiler then runs the template in JRuby): the template uses Ruby
     * this engine does not run, or Ruby this engine's parser does not read (Ruby's may, and words its own errors).
     */
    public boolean unsupportedRuby() {
        return detail.startsWith("Unsupported Ruby in template") || detail.startsWith("Syntax error in template");
    }

    public TemplateError(String file, int line, String detail) {
        super(detail + " (file: " + file + ", line: " + line + ")");
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The template's file name as given to {@link ErbTemplate#compile(String, String)}. */
    public String file() {
        return file;
    }

    /** The 1-based line in the template. */
    public int line() {
        return line;
    }

    /**
     * The error as Ruby Puppet's template() reports it (the evaluator prefixes it with its own location):
     * {@code Failed to parse template F:\n  Filepath: F\n  Line: N\n  Detail: D\n}.
     */
    public String puppetMessage() {
        return "Failed to parse template " + file + ":\n  Filepath: " + file + "\n  Line: " + line + "\n  Detail: "
                + detail + "\n";
    }

    /** The message without the location. */
    public String detail() {
        return detail;
    }
}
