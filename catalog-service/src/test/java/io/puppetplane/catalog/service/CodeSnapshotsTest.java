package io.puppetplane.catalog.service;

import static io.puppetplane.catalog.service.CatalogServiceTest.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.puppetplane.catalog.config.CatalogConfig;

class CodeSnapshotsTest {

    @Test
    void answers503WithRetryAfterUntilTheCodeDirIsLoaded(@TempDir Path tmp) throws Exception {
        Path manifests = Files.createDirectories(tmp.resolve("code/environments/production/manifests"));
        Files.writeString(manifests.resolve("site.pp"), "node default { }\n");
        CodeSnapshots code = snapshots(tmp.resolve("code"), tmp.resolve("snapshots"));

        for (Runnable request : List.<Runnable>of(() -> code.current("production"), code::environments,
            () -> code.byCodeId("production", "0"))) {
            PuppetApiException refused = assertThrows(PuppetApiException.class, request::run,
                "before the code dir was read, no environment may be said missing");
            assertEquals(503, refused.status(), "the agent is asked to come back, not told the environment is gone");
            assertEquals(Integer.valueOf(7), refused.retryAfterSeconds(), "Retry-After comes from the compile settings");
        }

        code.load();

        assertTrue(code.loaded(), "loaded once read");
        assertEquals(List.of("production"), code.environments(), "the deployed environment is live");
        assertTrue(code.current("production").isPresent(), "and served");
    }

    @Test
    void aMissingCodeDirCountsAsLoadedWithoutEnvironments(@TempDir Path tmp) {
        CodeSnapshots code = snapshots(tmp.resolve("nothing-here"), tmp.resolve("snapshots"));

        code.load();

        assertTrue(code.loaded(), "a replica without code is ready to say so (404), not unavailable forever");
        assertEquals(List.of(), code.environments(), "no environments");
    }

    private static CodeSnapshots snapshots(Path codedir, Path snapshotDir) {
        CodeSnapshots code = new CodeSnapshots();
        code.config = settings(CatalogConfig.class, Map.of("codedir", codedir, "snapshotDir", snapshotDir,
            "snapshotsKept", 2, "compile", settings(CatalogConfig.Compile.class, Map.of("retryAfterSeconds", 7)),
            "settings", Map.of(), "puppetdb", settings(CatalogConfig.Puppetdb.class, Map.of("url",
                java.util.Optional.empty()))));
        code.registry = new SimpleMeterRegistry();
        code.puppetDb = new io.puppetplane.catalog.inventory.InventoryPuppetDb(code.config, null, code.registry);
        code.createRoot();
        return code;
    }
}
