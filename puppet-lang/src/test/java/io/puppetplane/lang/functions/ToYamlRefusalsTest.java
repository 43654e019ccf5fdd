package io.puppetplane.lang.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.spi.PuppetFunction;
import io.puppetplane.lang.value.Sensitive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What to_yaml refuses instead of writing something Ruby Puppet would not (Ruby's answers are in expected.tsv). */
class ToYamlRefusalsTest {

    private final PuppetFunction toYaml = DataFunctions.lookup("to_yaml").orElseThrow();

    @Test
    void refusesOptionsItDoesNotImplement() {
        FunctionError e = assertThrows(FunctionError.class,
            () -> toYaml.call(List.of(Map.of("a", 1L), Map.of("line_width", -1L))));
        assertEquals("to_yaml(): options are not supported here", e.getMessage(), "options are refused, not ignored");
        assertEquals("---\na: 1\n", toYaml.call(List.of(Map.of("a", 1L), Map.of())), "an empty options hash is fine");
    }

    @Test
    void refusesValuesRubyWouldDumpAsRubyObjects() {
        FunctionError e = assertThrows(FunctionError.class,
            () -> toYaml.call(List.of(List.of(new Sensitive("secret")))));
        assertEquals("to_yaml(): a Sensitive value is not supported here", e.getMessage(), "clear refusal");
    }
}
