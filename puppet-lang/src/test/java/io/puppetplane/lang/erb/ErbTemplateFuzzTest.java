package io.puppetplane.lang.erb;

import io.puppetplane.lang.spi.VariableScope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile or random templates never crash the interpreter: they render or fail with a TemplateError. */
class ErbTemplateFuzzTest {

    @Property(tries = 500)
    void randomTemplatesRenderOrFailCleanly(@ForAll("templates") String source) {
        try {
            ErbTemplate.compile(source, "fuzz.erb").render(VariableScope.EMPTY);
        } catch (TemplateError expected) {
            // A refusal with file and line is the only acceptable failure.
        }
    }

    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> pieces = Arbitraries.of("<%", "<%=", "<%-", "-%>", "%>", "<%#", "@x", "[", "]", "{", "}",
                "(", ")", "|x|", "do", "end", "if", "else", "elsif", "unless", "case", "when", "'s'", "\"#{1}\"", "1",
                "2.5", "..", "+", "-", "*", "/", "%", "==", "=~", "/re/", ":sym", ",", ".", "each", "map", "nil",
                "\n", " ", "x =", "&&", "||", "!", "?", ":", "scope", "['a']", "#{", "\\", "\"", "'");
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }
}
