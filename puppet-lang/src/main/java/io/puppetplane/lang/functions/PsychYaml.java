package io.puppetplane.lang.functions;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML loading with the scalar rules of Ruby's Psych (which Puppet and Hiera use) rather than SnakeYAML's:
 * floats need a decimal point and a signed exponent ("1.5e3" stays a String), booleans are
 * yes/no/true/false/on/off in any case. Duplicate keys keep the last value, as Psych does.
 */
public final class PsychYaml {

    private static final Pattern PSYCH_FLOAT = Pattern.compile(
            "^(?:[-+]?(?:[0-9][0-9_]*)?\\.[0-9]*(?:[eE][-+][0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final Pattern PSYCH_BOOL = Pattern.compile("^(?i:yes|true|on|no|false|off)$");

    private PsychYaml() {
    }

    /** Psych's implicit typing of plain scalars. */
    private static final class PsychResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, PSYCH_BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, PSYCH_FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789");
        }
    }

    /** Parses a YAML document into SnakeYAML's Java objects (Maps, Lists, Integer/Long/BigInteger, Double, ...). */
    public static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(1000);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new PsychResolver());
        return yaml.load(text);
    }
}
