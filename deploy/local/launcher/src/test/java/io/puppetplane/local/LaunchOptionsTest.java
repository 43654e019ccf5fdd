package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @TempDir
    Path home;

    @Test
    void defaultsServeTheExampleSiteAndAutosignLoopback() throws IOException {
        Files.createDirectories(home.resolve("deploy/local/example-code/environments/production"));

        LaunchOptions options = LaunchOptions.parse(home);

        assertEquals(home.resolve("deploy/local/example-code"), options.codeDir(), "the example site by default");
        assertEquals(home.resolve(".state/local"), options.stateDir(), "state under the checkout by default");
        assertEquals(List.of("127.0.0.0/8", "::1/128"), options.autosign(),
                "loopback agents, IPv4 and IPv6, are autosigned by default");
        assertEquals(1, options.catalogReplicas(), "one catalog replica by default");
    }

    @Test
    void refusesACodeDirectoryWithoutEnvironments() {
        LaunchOptions.UsageException e = assertThrows(LaunchOptions.UsageException.class,
                () -> LaunchOptions.parse(home, "--codedir", home.toString()), "a directory without environments/");
        assertTrue(e.getMessage().contains("has no environments/ directory"), e.getMessage());
    }

    @Test
    void parsesReplicasAutosignAndFresh() throws IOException {
        Path code = Files.createDirectories(home.resolve("code/environments/production")).getParent().getParent();

        LaunchOptions options = LaunchOptions.parse(home, "--codedir", code.toString(), "--catalog-replicas", "3",
                "--autosign", "10.1.0.0/16,192.168.7.0/24", "--fresh");

        assertEquals(3, options.catalogReplicas(), "replicas");
        assertEquals(List.of("10.1.0.0/16", "192.168.7.0/24"), options.autosign(), "autosign ranges");
        assertTrue(options.fresh(), "--fresh");
    }

    @Test
    void refusesAnUnknownFlagAndABadReplicaCount() throws IOException {
        Files.createDirectories(home.resolve("deploy/local/example-code/environments/production"));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(home, "--bogus"), "unknown flag");
        LaunchOptions.UsageException e = assertThrows(LaunchOptions.UsageException.class,
                () -> LaunchOptions.parse(home, "--catalog-replicas", "0"), "zero replicas");
        assertTrue(e.getMessage().contains("from 1 to 9"), e.getMessage());
    }
}
