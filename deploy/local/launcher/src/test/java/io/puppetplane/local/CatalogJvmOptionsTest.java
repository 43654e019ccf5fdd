package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogJvmOptionsTest {

    @Test
    void jvmOptionsAreTheFilesWordsWithoutComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jvm.options");
        Files.writeString(file, "# why\n-Xmx48m  -XX:+UseSerialGC\n\n  # indented comment\n-Xss512k\n");

        assertEquals(List.of("-Xmx48m", "-XX:+UseSerialGC", "-Xss512k"), LocalControlPlane.jvmOptions(file),
            "one option per word, comments and blank lines skipped");
    }

    @Test
    void catalogReplicasGetTheMeasuredOptions() {
        List<String> options = LocalControlPlane.jvmOptions(Path.of("../../../catalog-service/jvm.options"));

        assertTrue(options.contains("-XX:+UseSerialGC") && options.contains("-Xmx48m"),
            "the local plane runs catalog replicas as the load generator measured them: " + options);
    }
}
