package io.puppetplane.lang.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.EnvironmentCompiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code compile-catalog --codedir DIR [--environment ENV] --facts FILE [--trusted FILE] [--legacy-names]
 * CERTNAME}: prints the catalog JSON (exit 0), or {@code file:line:column: message} on a compile error (exit 1);
 * usage errors exit 2.
 */
public final class CompileCatalogCommand {

    static final String USAGE = "usage: compile-catalog --codedir DIR [--environment ENV] --facts FILE"
        + " [--trusted FILE] [--legacy-names] CERTNAME";

    private CompileCatalogCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String codedir = null;
        String environment = "production";
        String factsFile = null;
        String trustedFile = null;
        String certname = null;
        boolean legacy = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--codedir", "--environment", "--facts", "--trusted" -> {
                    if (i + 1 >= args.length) {
                        err.println("compile-catalog: " + a + " needs a value\n" + USAGE);
                        return 2;
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--codedir" -> codedir = v;
                        case "--environment" -> environment = v;
                        case "--facts" -> factsFile = v;
                        default -> trustedFile = v;
                    }
                }
                case "--legacy-names" -> legacy = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") || certname != null) {
                        err.println("compile-catalog: unexpected argument '" + a + "'\n" + USAGE);
                        return 2;
                    }
                    certname = a;
                }
            }
        }
        if (codedir == null || factsFile == null || certname == null) {
            err.println("compile-catalog: --codedir, --facts and CERTNAME are required\n" + USAGE);
            return 2;
        }
        if (!environment.matches("\\w+")) {
            err.println("compile-catalog: invalid environment name '" + environment + "'");
            return 2;
        }
        Path envDir = Path.of(codedir, "environments", environment);
        if (!Files.isDirectory(envDir)) {
            err.println("compile-catalog: no environment directory " + envDir);
            return 2;
        }
        Map<String, Object> facts;
        Map<String, Object> trusted = null;
        try {
            facts = readFacts(Path.of(factsFile));
            if (trustedFile != null) {
                trusted = readFacts(Path.of(trustedFile));
            }
        } catch (IOException | RuntimeException e) {
            err.println("compile-catalog: cannot read facts: " + e.getMessage());
            return 2;
        }
        try {
            EnvironmentCompiler compiler = new EnvironmentCompiler(envDir, new EnvironmentCompiler.Options(legacy));
            String json = compiler.compile(new CompileRequest(certname, facts, trusted, null, null, null)).toJson();
            out.println(json);
            return 0;
        } catch (CompileError e) {
            err.println(e);
            return 1;
        }
    }

    /**
     * A YAML or JSON map of facts; Puppet's yaml facts terminus format ({@code --- !ruby/object:Puppet::Node::Facts}
     * with name and values) is accepted too.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readFacts(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object doc;
        if (text.stripLeading().startsWith("{")) {
            doc = new ObjectMapper().readValue(text, Map.class);
        } else {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            doc = new Yaml(options).load(text.replaceFirst("^--- !ruby/object:\\S+", "---"));
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IOException(file + " does not hold a map of facts");
        }
        if (map.get("values") instanceof Map<?, ?> values && map.containsKey("name")) {
            map = values;
        }
        return (Map<String, Object>) convert(map);
    }

    private static Object convert(Object v) {
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof java.math.BigInteger b) {
            return b.longValue();
        }
        if (v instanceof Float f) {
            return (double) f;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), convert(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(convert(x)));
            return out;
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant().toString();
        }
        return v;
    }
}
