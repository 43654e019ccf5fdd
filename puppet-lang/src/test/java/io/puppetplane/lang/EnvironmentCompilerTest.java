package io.puppetplane.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentCompilerTest {

    /** The site of the original use case, as written in 2011 (hyphenated class names, unquoted stages). */
    static final String ORIGINAL_SITE = """
        stage { [ "pre", "post" ]: }
        Stage['pre'] -> Stage['main'] -> Stage['post']
        class ntp { package { 'ntp': } }
        class euca-deps { package { 'bridge-utils': } }
        class euca-repo { }
        class euca-cc { }
        class euca-sc { }
        class euca-nc { service { 'eucalyptus-nc': } }
        class hypervisor { }
        class certs { }
        class first {
          include ntp
          include euca-deps
          include euca-repo
          notify { "myrole":
            message => "my role is $role",
          }
        }
        class second {
          case $role {
            'cc': { include euca-cc, euca-sc }
            'nc': { include hypervisor, euca-nc }
          }
        }
        class third {
          include certs
        }
        node default {
         class { 'first': stage => pre }
         class { 'second': stage => main }
         class { 'third': stage => post }
        }
        """;

    private static Path environment(Path codedir, String site) throws IOException {
        Path manifests = Files.createDirectories(codedir.resolve("environments/production/manifests"));
        Files.writeString(manifests.resolve("site.pp"), site);
        return codedir.resolve("environments/production");
    }

    private static List<String> refs(Catalog c) {
        return c.resources().stream().map(CatalogResource::ref).toList();
    }

    @Test
    void legacyModeCompilesTheOriginalHyphenatedSite(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, ORIGINAL_SITE);
        Catalog c = new EnvironmentCompiler(env, new EnvironmentCompiler.Options(true))
            .compile(CompileRequest.of("nc-1.example.com", Map.of("role", "nc")));
        List<String> refs = refs(c);
        assertTrue(refs.contains("Class[Euca-deps]"), "hyphenated class declared: " + refs);
        assertTrue(refs.contains("Service[eucalyptus-nc]"), "nc role selected the nc class: " + refs);
        assertTrue(c.classes().contains("euca-nc"), "classes list: " + c.classes());
        assertTrue(c.toJson().contains("\"message\":\"my role is nc\""), "role interpolated");
    }

    @Test
    void serverSettingsAreTheSettingsClassesVariables(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "notify { \"${settings::confdir}|${::settings::storeconfigs}|${$settings::all_local"
            + "['ca_port']}|${settings::nonesuch}\": }");
        Map<String, Object> settings = Map.of("confdir", "/etc/puppetlabs/puppet", "storeconfigs", false,
            "ca_port", 8141);
        // Puppet 7: a setting the server does not have reads as undef (Puppet 8 refuses it as an unknown variable)
        EnvironmentCompiler.Options puppet7 = EnvironmentCompiler.Options.defaults()
            .withLanguage(LanguageVersion.PUPPET_7);
        Catalog c = new EnvironmentCompiler(env, puppet7.withSettings(settings))
            .compile(CompileRequest.of("n1", Map.of()));
        assertTrue(refs(c).contains("Notify[/etc/puppetlabs/puppet|false|8141|]"),
            "$settings::NAME and $settings::all_local read the server's settings; an unknown one is undef: " + refs(c));
        Catalog none = new EnvironmentCompiler(env, puppet7).compile(CompileRequest.of("n1", Map.of()));
        assertTrue(refs(none).contains("Notify[|||]"), "without settings every one is undef: " + refs(none));
        CompileError unknown = assertThrows(CompileError.class, () -> new EnvironmentCompiler(env,
            EnvironmentCompiler.Options.defaults().withSettings(settings)).compile(CompileRequest.of("n1", Map.of())));
        assertEquals("Unknown variable: 'settings::nonesuch'.", unknown.getMessage(),
            "Puppet 8 refuses a setting the server does not have");
    }

    @Test
    void deferredValuesGoToAgentsAsRichDataAndToTheReferenceRenderingAsStrings(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "notify { 'x': message => Deferred('join', [['a', \"it's\"], '-']) }");
        Catalog c = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults())
            .compile(CompileRequest.of("n1", Map.of()));
        assertTrue(c.toAgentJson().contains(
            "\"message\":{\"__ptype\":\"Deferred\",\"name\":\"join\",\"arguments\":[[\"a\",\"it's\"],\"-\"]}"),
            "agents get the call to make: " + c.toAgentJson());
        assertTrue(c.toJson().contains("\"message\":\"Deferred({'name' => 'join', 'arguments' => [['a', 'it\\\\'s'], '-']})\""),
            "puppet catalog find renders Puppet's string form: " + c.toJson());
    }

    @Test
    void hyphenatedClassNamesAreRefusedByDefaultLikeRubyPuppet(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, ORIGINAL_SITE);
        CompileError e = assertThrows(CompileError.class, () -> new EnvironmentCompiler(env,
            EnvironmentCompiler.Options.defaults()).compile(CompileRequest.of("nc-1", Map.of("role", "nc"))));
        // Ruby Puppet logs each of the five hyphenated class names, then gives up
        assertEquals("Language validation logged 5 errors. Giving up", e.getMessage(), "message");
        assertTrue(e.file().endsWith("site.pp"), "file: " + e.file());
    }

    @Test
    void changedManifestIsParsedAgainButUnchangedOneIsReused(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "notify { 'one': }\n");
        EnvironmentCompiler compiler = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        CompileRequest req = CompileRequest.of("n1", Map.of());
        assertTrue(refs(compiler.compile(req)).contains("Notify[one]"), "first version");
        Path site = env.resolve("manifests/site.pp");
        Files.writeString(site, "notify { 'two': }\n");
        // same size, so make sure the modification time differs too
        Files.setLastModifiedTime(site, FileTime.fromMillis(Files.getLastModifiedTime(site).toMillis() + 2000));
        List<String> after = refs(compiler.compile(req));
        assertTrue(after.contains("Notify[two]") && !after.contains("Notify[one]"), "new version compiled: " + after);
    }

    @Test
    void timestampWithoutArgumentsIsTheCurrentTime(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "notify { 'now': message => Timestamp().strftime('%s.%N') }\n"
            + "notify { 'method': message => String(Timestamp.new() - Timestamp('2020-01-01') > Timespan(0)) }\n");
        long before = java.time.Instant.now().getEpochSecond();
        Catalog c = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults())
            .compile(CompileRequest.of("n1", Map.of()));
        long after = java.time.Instant.now().getEpochSecond();
        Map<String, String> messages = new java.util.HashMap<>();
        c.resources().stream().filter(r -> r.type().equals("Notify"))
            .forEach(r -> messages.put(r.title(), String.valueOf(r.parameters().get("message"))));
        String now = messages.get("now");
        assertTrue(now.matches("\\d+\\.\\d{9}"), "seconds.nanoseconds: " + now);
        long seconds = Long.parseLong(now.substring(0, now.indexOf('.')));
        assertTrue(seconds >= before && seconds <= after, "between " + before + " and " + after + ": " + now);
        assertEquals("true", messages.get("method"), "Timestamp.new() is later than 2020");
    }

    @Test
    void listsTheClassesOfItsEnvironment(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "class site_role (String $role = 'web') { }\n");
        EnvironmentCompiler compiler = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        String json = compiler.listClasses().toJson();
        assertTrue(json.contains("{\"name\":\"site_role\",\"params\":[{\"name\":\"role\",\"type\":\"String\","
            + "\"default_literal\":\"web\",\"default_source\":\"'web'\"}]}"), "class listing: " + json);
        assertTrue(json.startsWith("{\"name\":\"" + env.getFileName() + "\",\"files\":["), "environment name first: " + json);
    }

    @Test
    void newModuleFileIsPickedUpWithoutRestart(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "include app\n");
        EnvironmentCompiler compiler = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults());
        CompileRequest req = CompileRequest.of("n1", Map.of());
        assertThrows(CompileError.class, () -> compiler.compile(req), "no module yet");
        Path mod = Files.createDirectories(env.resolve("modules/app/manifests"));
        Files.writeString(mod.resolve("init.pp"), "class app { notify { 'app': } }\n");
        assertTrue(refs(compiler.compile(req)).contains("Notify[app]"), "module autoloaded");
    }

    @Test
    void classifierClassesWithParametersAreDeclared(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "class app (String $msg = 'default') { notify { $msg: } }\n");
        Catalog c = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults()).compile(
            new CompileRequest("n1", Map.of(), null, null, Map.of("app", Map.of("msg", "from enc")), "abc123"));
        assertTrue(refs(c).contains("Notify[from enc]"), "ENC parameter used: " + refs(c));
        assertTrue(c.toJson().contains("\"code_id\":\"abc123\""), "code id stamped");
    }

    @Test
    void factsFromJsonParsersAreUsableAsPuppetIntegers(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "class app (Integer[1] $cpus = $facts['processors']['count']) {"
            + " notify { \"cpus ${$cpus + 1} ${$facts['load'] * 2}\": } }\ninclude app\n");
        Map<String, Object> facts = Map.of("processors", Map.of("count", Integer.valueOf(4)),
            "load", new java.math.BigDecimal("0.5"));
        Catalog c = new EnvironmentCompiler(env, EnvironmentCompiler.Options.defaults())
            .compile(CompileRequest.of("n1", facts));
        assertTrue(refs(c).contains("Notify[cpus 5 1.0]"), "Integer fact typed as Puppet Integer: " + refs(c));
    }

    @Test
    void concurrentCompilesOfOneEnvironmentGiveTheSameCatalog() throws Exception {
        Path example = Path.of("src/test/resources/corpus/example_site/environments/production");
        EnvironmentCompiler compiler = new EnvironmentCompiler(example, EnvironmentCompiler.Options.defaults());
        CompileRequest nc = CompileRequest.of("nc-1.example.com", Map.of("role", "nc",
            "networking", Map.of("ip", "10.0.0.21")));
        String reference = stable(compiler.compile(nc).toJson());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> stable(compiler.compile(nc).toJson())));
            }
            for (java.util.concurrent.Future<String> f : results) {
                assertEquals(reference, f.get(60, java.util.concurrent.TimeUnit.SECONDS), "same catalog every time");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String stable(String json) {
        return json.replaceAll("\"version\":\\d+", "").replaceAll("\"catalog_uuid\":\"[^\"]+\"", "");
    }

    @Test
    void compileErrorPrintsFileLineColumn(@TempDir Path tmp) throws IOException {
        Path env = environment(tmp, "$a = 1\n$a = 2\n");
        CompileError e = assertThrows(CompileError.class, () -> new EnvironmentCompiler(env,
            EnvironmentCompiler.Options.defaults()).compile(CompileRequest.of("n1", Map.of())));
        assertEquals(env.resolve("manifests/site.pp") + ":2:4: Cannot reassign variable '$a'", e.toString(),
            "file:line:column: message");
    }
}
