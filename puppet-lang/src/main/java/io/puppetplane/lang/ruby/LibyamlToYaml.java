package io.puppetplane.lang.ruby;

import io.puppetplane.lang.spi.FunctionError;
import io.puppetplane.lang.functions.PsychYamlWriter;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * {@code to_yaml} of plain data for module code: JRuby's Psych emits through SnakeYAML, which folds long quoted
 * strings and breaks lines unlike the libyaml that Ruby Puppet's Psych uses, so plain data (checked by the Ruby
 * side) is written by the compiler's libyaml-like writer instead. Public for JRuby only.
 */
public final class LibyamlToYaml {

    private LibyamlToYaml() {
    }

    /**
     * The YAML document of DATA as Ruby Puppet writes it, or null (nil) when the writer cannot say (Psych then does).
     * JRuby hands Ruby's nil over as null.
     */
    public static String dump(IRubyObject data) {
        try {
            return PsychYamlWriter.dump(data == null ? null : RubyConversion.toJava(data));
        } catch (FunctionError | IllegalArgumentException e) {
            return null;
        }
    }
}
