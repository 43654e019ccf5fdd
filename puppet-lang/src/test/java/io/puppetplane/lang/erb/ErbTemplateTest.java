package io.puppetplane.lang.erb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puppetplane.lang.spi.VariableScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refusals of the ERB interpreter: unsupported Ruby and syntax errors name the file and line. */
class ErbTemplateTest {

    private static final VariableScope SCOPE = new VariableScope() {
        private final Map<String, Object> vars = Map.of("list", List.of("a", "b"), "text", "hello");

        @Override
        public Object lookupVariable(String name) {
            return vars.get(name);
        }

        @Override
        public boolean isDefined(String name) {
            return vars.containsKey(name);
        }
    };

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "line 1\\n<% while true %>x<% end %>|2|'while'",
        "<%= @list.each_cons(2).to_a %>|1|method 'each_cons' on Array",
        "<%= scope.function_template(['x']) %>|1|scope.function_template (this template's scope cannot call Puppet functions)",
        "<%= $stdout %>|1|global variables",
        "<%= File.read('/etc/passwd') %>|1|constant File",
        "<% begin %>x<% rescue %>y<% end %>|1|'begin'",
        "<%= @text.frobnicate %>|1|method 'frobnicate' on String",
        "<%= @list.map %>|1|map without a block (enumerators)",
        "<%= 10 ** 20 %>|1|integers beyond 64 bits (10 ** 20)",
    })
    void unsupportedRubyIsRefusedWithFileAndLine(String source, int line, String what) {
        String template = source.replace("\\n", "\n");
        TemplateError error = assertThrows(TemplateError.class,
                () -> ErbTemplate.compile(template, "/m/templates/t.erb").render(SCOPE), "must refuse: " + template);
        assertEquals(line, error.line(), "line of " + template);
        assertEquals("Unsupported Ruby in template /m/templates/t.erb at line " + line + ": " + what, error.detail(),
                "message for " + template);
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        TemplateError error = assertThrows(TemplateError.class,
                () -> ErbTemplate.compile("a\n<% if @x %>\nno end", "t.erb"));
        assertEquals("Syntax error in template t.erb at line 3: unexpected end of template", error.detail());
        TemplateError unterminated = assertThrows(TemplateError.class, () -> ErbTemplate.compile("x <%= @a", "t.erb"));
        assertEquals("Unterminated ERB tag", unterminated.detail());
        assertEquals(1, unterminated.line(), "line of the unterminated tag");
    }

    @Test
    void rubyFailuresAreTemplateErrorsInPuppetWording() {
        TemplateError error = assertThrows(TemplateError.class,
                () -> ErbTemplate.compile("ok\n<%= @missing.upcase %>", "/m/t.erb").render(SCOPE));
        assertEquals("Failed to parse template /m/t.erb:\n  Filepath: /m/t.erb\n  Line: 2\n"
                + "  Detail: undefined method `upcase' for nil:NilClass\n", error.puppetMessage());
    }

    @Test
    void compiledTemplateRendersManyTimesIndependently() {
        ErbTemplate template = ErbTemplate.compile("<% n = @list.size %><%= n %><% @list.each do |x| %>[<%= x %>]<% end %>", "t.erb");
        assertEquals("2[a][b]", template.render(SCOPE), "first rendering");
        assertEquals("2[a][b]", template.render(SCOPE), "locals do not leak between renderings");
    }

    @Test
    void endlessLoopsAreBounded() {
        TemplateError error = assertThrows(TemplateError.class,
                () -> ErbTemplate.compile("<% (1..999999).each do |a| %><% (1..999999).each do |b| %><% end %><% end %>", "t.erb")
                        .render(SCOPE));
        assertTrue(error.detail().contains("exceeded"), error.detail());
    }
}
