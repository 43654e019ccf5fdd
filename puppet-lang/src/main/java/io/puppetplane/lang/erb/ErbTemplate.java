package io.puppetplane.lang.erb;

import io.puppetplane.lang.spi.VariableScope;

/**
 * An ERB template compiled once to a small tree (cache it per file) and rendered against a scope, with
 * Puppet's trim mode {@code '-'}.
 */
public final class ErbTemplate {

    private ErbTemplate() {
    }

    /**
     * Compiles a template.
     *
     * @param fileName the name shown in errors (the template's path)
     * @throws TemplateError on a syntax error or Ruby this interpreter does not support
     */
    public static ErbTemplate compile(String source, String fileName) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Renders the template: {@code @x} and {@code scope['x']} read variables from the scope. */
    public String render(VariableScope scope) {
        throw new UnsupportedOperationException("in progress");
    }
}
