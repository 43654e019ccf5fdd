package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @Test
    void startsFromTheClassDataArchiveBesideTheJarWhenOneWasBuilt(@TempDir Path app) throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        Files.createFile(app.resolve("app-cds.jsa"));

        List<String> command = process(jar).command();

        assertTrue(command.contains("-XX:SharedArchiveFile=" + app.resolve("app-cds.jsa")), command.toString());
        assertTrue(command.indexOf("-Xmx48m") < command.indexOf("-jar"), "JVM options come before -jar: " + command);
        assertEquals(jar.toString(), command.get(command.size() - 1), "the jar is the last word: " + command);
    }

    @Test
    void startsWithoutAnArchiveWhenNoneWasBuilt(@TempDir Path app) throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));

        List<String> command = process(jar).command();

        assertFalse(command.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile")), command.toString());
        assertTrue(command.contains("-Dquarkus.http.port=1"), "configuration is passed as system properties");
    }

    private static ServiceProcess process(Path jar) {
        return new ServiceProcess("catalog-service", jar, Map.of("quarkus.http.port", "1"), 9002,
            jar.resolveSibling("service.log"), List.of("-Xmx48m"));
    }
}
