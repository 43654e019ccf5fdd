package io.puppetplane.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.puppetplane.lang.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which language an environment is compiled as: environment.conf's {@code language_version}, else the options',
 * else Puppet 8. The corpus (CorpusTest) checks each language's catalogs against its Ruby Puppet; this checks the
 * choice itself.
 */
class LanguageVersionTest {

    /** The example: Puppet 8.10 refuses it at line 1, column 31; Puppet 7.23 renders "v=". */
    private static final String SITE = "notify { 'x': message => \"v=${undefined_var}\" }\n";

    private static Path environment(Path codedir, String environmentConf) throws IOException {
        Path env = codedir.resolve("environments/production");
        Files.createDirectories(env.resolve("manifests"));
        Files.writeString(env.resolve("manifests/site.pp"), SITE);
        if (environmentConf != null) {
            Files.writeString(env.resolve("environment.conf"), environmentConf);
        }
        return env;
    }

    private static String message(Catalog c) {
        return String.valueOf(c.resources().stream().filter(r -> r.ref().equals("Notify[x]")).findFirst()
            .orElseThrow().parameters().get("message"));
    }

    @Test
    void refusesAnUnknownVariableByDefaultWithRubysMessageAndPosition(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, null);
        EnvironmentCompiler compiler = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        assertEquals(LanguageVersion.PUPPET_8, compiler.language(), "an environment that says nothing is Puppet 8");
        CompileError e = assertThrows(CompileError.class, () -> compiler.compile(CompileRequest.of("n1", Map.of())));
        assertEquals("Unknown variable: 'undefined_var'.", e.getMessage(), "Ruby Puppet 8.10's wording");
        assertEquals(env.resolve("manifests/site.pp").toString(), e.file(), "the file of the reference");
        assertEquals(1, e.line(), "line of the reference");
        assertEquals(31, e.column(), "column of the variable's name inside ${}, as Ruby reports it");
    }

    @Test
    void environmentConfLanguageVersion7KeepsUnknownVariablesUndef(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "modulepath = modules\nlanguage_version = 7\n");
        EnvironmentCompiler compiler = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        assertEquals(LanguageVersion.PUPPET_7, compiler.language(), "environment.conf names Puppet 7");
        assertEquals("v=", message(compiler.compile(CompileRequest.of("n1", Map.of()))),
            "Puppet 7 interpolates an unknown variable as nothing");
    }

    @Test
    void optionsLanguageAppliesOnlyWhereEnvironmentConfSaysNothing(@TempDir Path tmp) throws IOException {
        EnvironmentCompiler.Options puppet7 = EnvironmentCompiler.Options.defaults()
            .withLanguage(LanguageVersion.PUPPET_7);
        EnvironmentCompiler silent = new EnvironmentCompiler(environment(tmp.resolve("a"), null), puppet7);
        assertEquals("v=", message(silent.compile(CompileRequest.of("n1", Map.of()))),
            "the options' Puppet 7 applies to an environment.conf without language_version");
        EnvironmentCompiler explicit = new EnvironmentCompiler(environment(tmp.resolve("b"), "language_version=8\n"),
            puppet7);
        assertEquals(LanguageVersion.PUPPET_8, explicit.language(), "environment.conf wins over the options");
        assertThrows(CompileError.class, () -> explicit.compile(CompileRequest.of("n1", Map.of())),
            "Puppet 8 named by environment.conf refuses the unknown variable");
    }

    @Test
    void refusesAnUnknownLanguageVersionAtItsPlaceInEnvironmentConf(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "# code for the new servers\nlanguage_version =  9\n");
        EnvironmentCompiler compiler = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        for (int attempt = 0; attempt < 2; attempt++) {
            CompileError e = assertThrows(CompileError.class,
                () -> compiler.compile(CompileRequest.of("n1", Map.of())), "every compile is refused");
            assertEquals("Invalid language_version '9' in environment.conf: expected 7 or 8", e.getMessage(),
                "says what is wrong and what is accepted");
            assertEquals(env.resolve("environment.conf").toString(), e.file(), "names environment.conf");
            assertEquals(2, e.line(), "the line of the setting");
            assertEquals(21, e.column(), "the column of the value");
        }
    }

    @Test
    void puppet8StillAcceptsVariablesSetToUndefAndMatchGroups(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, null);
        Files.writeString(env.resolve("manifests/site.pp"), """
            class app (Optional[String] $owner = undef) {
              $nothing = undef
              if 'ab' =~ /^(a)(x)?/ { $groups = "${1}|${2}|${7}" }
              notify { 'x': message => "${owner}|${nothing}|${groups}|${module_name}|${facts['missing']}" }
            }
            include app
            """);
        Catalog c = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults())
            .compile(CompileRequest.of("n1", Map.of()));
        assertEquals("||a|||app|", message(c), "undef values, unset match groups and module_name are known variables");
    }

    @Test
    void puppet8RefusesArithmeticOnNumericStrings(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, null);
        Files.writeString(env.resolve("manifests/site.pp"), "$base = 8000\nnotify { 'x': message => $base + '80' }\n");
        CompileError e = assertThrows(CompileError.class, () -> new EnvironmentCompiler(env,
            EnvironmentCompiler.Options.defaults()).compile(CompileRequest.of("n1", Map.of())));
        assertEquals("The string '80' was automatically coerced to the numerical value 80", e.getMessage(),
            "Ruby Puppet 8.10's wording (strict = error)");
        assertEquals(2, e.line(), "line of the string operand");
        assertEquals(34, e.column(), "column of the string operand");
        Catalog c = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults()
            .withLanguage(LanguageVersion.PUPPET_7)).compile(CompileRequest.of("n1", Map.of()));
        assertEquals("8080", message(c), "Puppet 7 converts it and only warns");
    }

    @Test
    void puppet8KnowsEveryRubySettingEvenOneTheServerDidNotGive(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, null);
        Files.writeString(env.resolve("manifests/site.pp"),
            "notify { 'x': message => \"${settings::confdir}|${settings::storeconfigs}|${settings::strict}\" }\n");
        Catalog c = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults()
            .withSettings(Map.of("confdir", "/etc/puppetlabs/puppet"))).compile(CompileRequest.of("n1", Map.of()));
        assertEquals("/etc/puppetlabs/puppet||", message(c),
            "Ruby Puppet's settings are all variables of the settings class; those not given read as undef");
    }
}
