package io.puppetplane.lang.hiera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of HieraLookup that the recorded Ruby Puppet cases do not cover: caching, layers, refusals. */
class HieraLookupTest {

    @TempDir
    Path dir;

    private static final String HIERA_YAML = """
            version: 5
            defaults:
              datadir: data
              data_hash: yaml_data
            hierarchy:
              - name: common
                path: common.yaml
            """;

    private Path environment(String hieraYaml, String commonYaml) throws IOException {
        Path env = dir.resolve("env");
        Files.createDirectories(env.resolve("data"));
        if (hieraYaml != null) {
            Files.writeString(env.resolve("hiera.yaml"), hieraYaml);
        }
        Files.writeString(env.resolve("data/common.yaml"), commonYaml);
        return env;
    }

    private HieraLookup hiera(Path env) {
        return hiera(env, Clock.systemUTC(), Duration.ZERO);
    }

    private HieraLookup hiera(Path env, Clock clock, Duration recheck) {
        return HieraLookup.create(null, env, name -> {
            Path module = env.resolve("modules").resolve(name);
            return Files.isDirectory(module) ? module : null;
        }, clock, recheck);
    }

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void filesAreCheckedAgainOnlyAfterTheRecheckInterval() throws IOException {
        Path env = environment(HIERA_YAML, "key: first\n");
        ManualClock clock = new ManualClock();
        HieraLookup hiera = hiera(env, clock, Duration.ofSeconds(1));
        assertEquals("first", hiera.lookup("key", LookupOptions.none(), new MapScope()), "initial value");
        Path data = env.resolve("data/common.yaml");
        Files.writeString(data, "key: second, longer\n");
        Files.setLastModifiedTime(data, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("first", hiera.lookup("key", LookupOptions.none(), new MapScope()),
                "within the interval the cached data answers without touching the file system");
        clock.now = clock.now.plusMillis(1001);
        assertEquals("second, longer", hiera.lookup("key", LookupOptions.none(), new MapScope()),
                "after the interval the changed file is parsed again");
    }

    @Test
    void changedDataFileIsReadAgain() throws IOException {
        Path env = environment(HIERA_YAML, "key: first\n");
        HieraLookup hiera = hiera(env);
        assertEquals("first", hiera.lookup("key", LookupOptions.none(), new MapScope()), "initial value");
        Path data = env.resolve("data/common.yaml");
        Files.writeString(data, "key: second, longer\n");
        Files.setLastModifiedTime(data, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("second, longer", hiera.lookup("key", LookupOptions.none(), new MapScope()),
                "a file with a new mtime and size is parsed again");
    }

    @Test
    void environmentWithoutHieraYamlHasNoData() throws IOException {
        Path env = environment(null, "key: value\n");
        assertTrue(hiera(env).find("key", LookupOptions.none(), new MapScope()).isEmpty(),
                "Ruby Puppet ignores data/ of an environment without hiera.yaml");
    }

    @Test
    void defaultIsUsedOnlyWhenNothingIsFound() throws IOException {
        Path env = environment(HIERA_YAML, "present: ~\n");
        HieraLookup hiera = hiera(env);
        assertEquals(null, hiera.lookup("present", LookupOptions.none().withDefault("d"), new MapScope()),
                "undef found in data wins over the default");
        assertEquals("d", hiera.lookup("absent", LookupOptions.none().withDefault("d"), new MapScope()),
                "the default answers a missing key");
        assertEquals(null, hiera.lookup("absent", LookupOptions.none().withDefault(null), new MapScope()),
                "undef is a valid default");
    }

    @Test
    void eyamlBackendIsRefusedByName() throws IOException {
        Path env = environment("""
                version: 5
                hierarchy:
                  - name: secrets
                    lookup_key: eyaml_lookup_key
                    path: secrets.eyaml
                    options:
                      pkcs7_private_key: /etc/keys/private_key.pkcs7.pem
                """, "");
        LookupError error = assertThrows(LookupError.class,
                () -> hiera(env).lookup("password", LookupOptions.none(), new MapScope()));
        assertTrue(error.getMessage().startsWith("hiera-eyaml is not supported: hierarchy 'secrets' uses lookup_key 'eyaml_lookup_key'"),
                error.getMessage());
    }

    @Test
    void otherBackendsAreRefusedByName() throws IOException {
        Path env = environment("""
                version: 5
                hierarchy:
                  - name: vault
                    data_dig: vault_dig
                """, "");
        LookupError error = assertThrows(LookupError.class,
                () -> hiera(env).lookup("x", LookupOptions.none(), new MapScope()));
        assertTrue(error.getMessage().contains("data_dig 'vault_dig'"), error.getMessage());
    }

    @Test
    void oldVersionsAreRefusedInTheEnvironment() throws IOException {
        Path env = environment("""
                ---
                :backends: [yaml]
                :hierarchy: [common]
                """, "");
        LookupError error = assertThrows(LookupError.class,
                () -> hiera(env).lookup("x", LookupOptions.none(), new MapScope()));
        assertTrue(error.getMessage().startsWith("hiera.yaml version 3 cannot be used in an environment"), error.getMessage());
    }

    @Test
    void hierarchyEntryWithoutBackendIsRefused() throws IOException {
        // a defaults section replaces Puppet's built-in one (which names yaml_data) whole
        Path env = environment("""
                version: 5
                defaults:
                  datadir: data
                hierarchy:
                  - name: nothing
                    path: common.yaml
                """, "");
        LookupError error = assertThrows(LookupError.class,
                () -> hiera(env).lookup("x", LookupOptions.none(), new MapScope()));
        assertTrue(error.getMessage().startsWith(
                "One of 'data_hash', 'lookup_key', 'data_dig', or 'hiera3_backend' must be defined in hierarchy 'nothing'"),
                error.getMessage());
    }

    @Test
    void moduleDataNeedsHieraYamlAndTheModuleNamespace() throws IOException {
        Path env = environment(HIERA_YAML, "");
        Path module = env.resolve("modules/motd");
        Files.createDirectories(module.resolve("data"));
        Files.writeString(module.resolve("data/common.yaml"), "motd::text: hello\nother::text: ignored\n");
        HieraLookup hiera = hiera(env);
        assertTrue(hiera.find("motd::text", LookupOptions.none(), new MapScope()).isEmpty(),
                "a module without hiera.yaml has no data");
        Files.writeString(module.resolve("hiera.yaml"), HIERA_YAML);
        assertEquals("hello", hiera.lookup("motd::text", LookupOptions.none(), new MapScope()), "module data");
        assertTrue(hiera.find("other::text", LookupOptions.none(), new MapScope()).isEmpty(),
                "a module only answers keys in its own namespace");
    }

    @Test
    void moduleDefaultHierarchyIsRefusedWhenItWouldBeSearched() throws IOException {
        Path env = environment(HIERA_YAML, "");
        Path module = env.resolve("modules/motd");
        Files.createDirectories(module.resolve("data"));
        Files.writeString(module.resolve("hiera.yaml"), HIERA_YAML + """
                default_hierarchy:
                  - name: defaults
                    path: defaults.yaml
                """);
        Files.writeString(module.resolve("data/common.yaml"), "motd::text: hello\n");
        HieraLookup hiera = hiera(env);
        assertEquals("hello", hiera.lookup("motd::text", LookupOptions.none(), new MapScope()),
                "keys found in the regular hierarchy are answered");
        LookupError error = assertThrows(LookupError.class,
                () -> hiera.lookup("motd::other", LookupOptions.none().withDefault("d"), new MapScope()));
        assertTrue(error.getMessage().startsWith("default_hierarchy is not supported here"), error.getMessage());
    }

    @Test
    void globWithDoubleStarAlsoMatchesTheTopDirectory() throws IOException {
        Path env = environment("""
                version: 5
                defaults:
                  data_hash: yaml_data
                hierarchy:
                  - name: all
                    glob: "conf.d/**/*.yaml"
                """, "");
        Files.createDirectories(env.resolve("data/conf.d/sub"));
        Files.writeString(env.resolve("data/conf.d/top.yaml"), "list: [top]\n");
        Files.writeString(env.resolve("data/conf.d/sub/deep.yaml"), "list: [deep]\n");
        assertEquals(List.of("deep", "top"), hiera(env).lookup("list", LookupOptions.none().withMerge("unique"), new MapScope()),
                "sorted paths: conf.d/sub/deep.yaml before conf.d/top.yaml");
    }

    @Test
    void unknownMergeStrategyIsRefused() throws IOException {
        Path env = environment(HIERA_YAML, "k: v\n");
        LookupError error = assertThrows(LookupError.class,
                () -> hiera(env).lookup("k", LookupOptions.none().withMerge("shallow"), new MapScope()));
        assertEquals("Unknown merge strategy: 'shallow'", error.getMessage());
        LookupError noStrategy = assertThrows(LookupError.class,
                () -> hiera(env).lookup("k", LookupOptions.none().withMerge(Map.of("knockout_prefix", "--")), new MapScope()));
        assertEquals("The hash given as 'merge' must contain the name of a strategy in string form for the key 'strategy'",
                noStrategy.getMessage());
    }

    @Test
    void invalidYamlNamesTheFile() throws IOException {
        Path env = environment(HIERA_YAML, "key: [unclosed\n");
        LookupError error = assertThrows(LookupError.class,
                () -> hiera(env).lookup("key", LookupOptions.none(), new MapScope()));
        assertTrue(error.getMessage().startsWith("Unable to parse (" + env.resolve("data/common.yaml")), error.getMessage());
    }
}
