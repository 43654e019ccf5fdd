package io.puppetplane.lang.erb;

import io.puppetplane.lang.spi.VariableScope;

/**
 * An ERB template compiled once to a small tree (cache it per file) and rendered against a scope, with
 * Puppet's trim mode {@code '-'}. Thread-safe: rendering keeps its state per call.
 */
public final class ErbTemplate {

    private final String fileName;
    private final Node body;

    private ErbTemplate(String fileName, Node body) {
        this.fileName = fileName;
        this.body = body;
    }

    /**
     * Compiles a template.
     *
     * @param fileName the name shown in errors (the template's path)
     * @throws TemplateError on a syntax error or Ruby this interpreter does not support
     */
    public static ErbTemplate compile(String source, String fileName) {
        return new ErbTemplate(fileName, ErbParser.parse(source, fileName));
    }

    /**
     * Renders the template: {@code @x}, {@code scope['x']} and {@code scope.lookupvar('x')} read variables from the
     * scope (undefined ones are nil).
     *
     * @throws TemplateError when the template fails as Ruby would fail (nil has no such method, comparison of
     *     different types, ...) or meets Ruby this interpreter does not support
     */
    public String render(VariableScope scope) {
        Context ctx = new Context(scope, fileName);
        try {
            body.eval(ctx);
        } catch (ArithmeticException e) {
            throw new TemplateError(fileName, 0, "Integer overflow in template " + fileName + ": " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new TemplateError(fileName, 0, "Template " + fileName + " nests too deeply");
        }
        return ctx.out.toString();
    }

    /** The template's file name. */
    public String fileName() {
        return fileName;
    }
}
