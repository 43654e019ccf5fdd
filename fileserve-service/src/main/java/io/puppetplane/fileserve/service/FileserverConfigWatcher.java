package io.puppetplane.fileserve.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.puppetplane.fileserve.config.FileserveConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Holds the current mounts and reloads fileserver.conf when its size or modification time changes (checked every
 * {@code puppetplane.fileserve.reload-interval}). A file that does not parse is reported and ignored: the last good
 * version stays in force, so a typo never widens or drops access silently.
 */
@ApplicationScoped
public class FileserverConfigWatcher {

    private static final Logger LOG = Logger.getLogger(FileserverConfigWatcher.class);

    private record Stamp(long size, long modifiedNanos) {
    }

    private final Optional<Path> file;
    private final ListingCache listings;
    private final AtomicReference<MountTable> current = new AtomicReference<>(MountTable.EMPTY);
    private volatile Stamp loadedStamp;
    private volatile boolean loadedOnce;
    private volatile String lastError = "";

    FileserverConfigWatcher(FileserveConfig config, ListingCache listings) {
        this.file = config.configFile();
        this.listings = listings;
    }

    public MountTable current() {
        return current.get();
    }

    /** Whether a configured file has been loaded at least once (readiness). */
    public boolean loaded() {
        return file.isEmpty() || loadedOnce;
    }

    public String lastError() {
        return lastError;
    }

    void onStart(@Observes StartupEvent event) {
        if (file.isEmpty()) {
            LOG.warn("puppetplane.fileserve.config-file is not set: no mounts are served");
        }
        reloadIfChanged();
    }

    @Scheduled(every = "${puppetplane.fileserve.reload-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadIfChanged() {
        if (file.isEmpty()) {
            return;
        }
        Path path = file.get();
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            Stamp stamp = new Stamp(attrs.size(), attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
            if (stamp.equals(loadedStamp)) {
                return;
            }
            MountTable table = FileserverConfigParser.parse(Files.readString(path, StandardCharsets.UTF_8),
                    path.getFileName().toString(), path.toAbsolutePath().getParent());
            current.set(table);
            listings.invalidateAll();
            loadedStamp = stamp;
            loadedOnce = true;
            lastError = "";
            warnAboutMounts(table);
            LOG.infof("loaded %s: mounts %s", path, table.mounts().keySet());
        } catch (FileserverConfigException e) {
            rejected(path, e.getMessage());
        } catch (IOException e) {
            rejected(path, "cannot read " + path + ": " + e.getMessage());
        }
    }

    private void rejected(Path path, String message) {
        if (!message.equals(lastError)) {
            LOG.errorf("fileserver.conf not (re)loaded, %s: %s", loadedOnce ? "keeping the previous version"
                    : "serving no mounts", message);
        }
        lastError = message;
        // a broken file is retried when it changes again; the stamp is not remembered so a fix is picked up
    }

    private static void warnAboutMounts(MountTable table) {
        for (MountDefinition mount : table.mounts().values()) {
            if (mount.rules().stream().noneMatch(AccessRule::allow)) {
                LOG.warnf("mount [%s] has no allow rule and refuses everyone", mount.name());
            }
            if (!mount.path().expandsPerNode() && !Files.isDirectory(Path.of(mount.path().template().replace("%%", "%")))) {
                LOG.warnf("mount [%s]: %s is not a directory (yet); its requests get 404", mount.name(),
                        mount.path().template());
            }
        }
    }
}
