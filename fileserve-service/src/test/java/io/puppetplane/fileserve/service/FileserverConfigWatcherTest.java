package io.puppetplane.fileserve.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.puppetplane.fileserve.testing.TestFileserveConfig;

/**
 * fileserver.conf is optional for Puppet and may be broken by a typo: neither may keep the service unready. Real
 * files in a temporary directory; each reload is the watcher's own scheduled step, called directly.
 */
class FileserverConfigWatcherTest {

    @TempDir
    Path code;
    private Path conf;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private ListingCache listings;
    private FileserverConfigWatcher watcher;

    @BeforeEach
    void createWatcher() {
        conf = code.resolve("fileserver.conf");
        listings = new ListingCache(0);
        watcher = new FileserverConfigWatcher(TestFileserveConfig.servingConfigFile(conf), listings, metrics);
    }

    @AfterEach
    void closeCache() {
        listings.close();
    }

    @Test
    void missingFileIsReadyWithNoCustomMounts() {
        watcher.reloadIfChanged();

        assertTrue(watcher.loaded(), "no fileserver.conf is valid Puppet: the service must become ready");
        assertEquals(Set.of(), watcher.current().mounts().keySet(), "no file, no custom mounts");
        assertEquals("", watcher.lastError(), "a missing optional file is not an error");
        assertEquals(1.0, valid(), "the config in force is what is on disk (nothing)");
    }

    @Test
    void fileCreatedLaterIsLoaded() throws Exception {
        watcher.reloadIfChanged();
        Files.writeString(conf, mount("keys"));

        watcher.reloadIfChanged();

        assertEquals(Set.of("keys"), watcher.current().mounts().keySet(), "a file that appears is picked up");
    }

    @Test
    void brokenFileAtStartIsReadyWithNoMountsAndSaysWhy() throws Exception {
        Files.writeString(conf, "[keys]\n  path /srv/keys\n  allow 127.0.0.1/33\n");

        watcher.reloadIfChanged();

        assertTrue(watcher.loaded(), "a broken optional file must not wedge readiness");
        assertEquals(Set.of(), watcher.current().mounts().keySet(), "nothing good was ever loaded: no mounts");
        assertTrue(watcher.lastError().contains("fileserver.conf:3"),
                "the reason names the file and line, got: " + watcher.lastError());
        assertEquals(0.0, valid(), "the gauge shows the file on disk is not in force");
        assertEquals(1.0, metrics.get("puppetplane.fileserve.config.rejected").counter().count(),
                "one rejected version counted");
    }

    @Test
    void brokenEditKeepsTheLastGoodMountsUntilFixed() throws Exception {
        Files.writeString(conf, mount("keys"));
        watcher.reloadIfChanged();
        Files.writeString(conf, mount("keys") + "this line is not fileserver.conf syntax\n");

        watcher.reloadIfChanged();
        watcher.reloadIfChanged();

        assertEquals(Set.of("keys"), watcher.current().mounts().keySet(), "the last good mounts stay in force");
        assertTrue(!watcher.lastError().isEmpty(), "the rejection is reported");
        assertEquals(1.0, metrics.get("puppetplane.fileserve.config.rejected").counter().count(),
                "the same broken version is counted once, however often it is retried");

        Files.writeString(conf, mount("keys") + mount("other"));
        watcher.reloadIfChanged();

        assertEquals(Set.of("keys", "other"), watcher.current().mounts().keySet(), "the fix is picked up");
        assertEquals("", watcher.lastError(), "the error clears with the fix");
        assertEquals(1.0, valid(), "the gauge is back to valid");
    }

    @Test
    void deletedFileLeavesNoCustomMounts() throws Exception {
        Files.writeString(conf, mount("keys"));
        watcher.reloadIfChanged();
        Files.delete(conf);

        watcher.reloadIfChanged();

        assertEquals(Set.of(), watcher.current().mounts().keySet(),
                "without the file Puppet has no custom mounts; access only narrows");
        assertEquals("", watcher.lastError(), "a deleted optional file is not an error");
    }

    private double valid() {
        return metrics.get("puppetplane.fileserve.config.valid").gauge().value();
    }

    private String mount(String name) {
        return "[" + name + "]\n  path " + code.resolve(name) + "\n  allow 127.0.0.0/8\n";
    }
}
