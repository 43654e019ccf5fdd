package io.puppetplane.fileserve.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.fileserve.config.FileserveConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Holds the current mounts and reloads fileserver.conf when its size or modification time changes (checked every
 * {@code puppetplane.fileserve.reload-interval}). A file that does not parse is reported (log, readiness data, the
 * {@code puppetplane_fileserve_config_valid} gauge and a rejection counter) and ignored: the last good version stays
 * in force, so a typo never widens or drops access silently. No file at all is valid for Puppet (no custom mounts,
 * only the agent-facing built-ins) and is served as such; creating it later loads it.
 */
@ApplicationScoped
public class FileserverConfigWatcher {

    private static final Logger LOG = Logger.getLogger(FileserverConfigWatcher.class);

    private record Stamp(long size, long modifiedNanos) {
    }

    /** The stamp of "there is no file": its appearance is a change like any other. */
    private static final Stamp ABSENT = new Stamp(-1, -1);

    private final Optional<Path> file;
    private final ListingCache listings;
    private final AtomicReference<MountTable> current = new AtomicReference<>(MountTable.EMPTY);
    private volatile Stamp loadedStamp;
    /** Set once the file was first looked at, whatever it held. */
    private volatile boolean loadedOnce;
    private volatile String lastError = "";

    private final Counter rejections;

    FileserverConfigWatcher(FileserveConfig config, ListingCache listings, MeterRegistry registry) {
        this.file = config.configFile();
        this.listings = listings;
        Gauge.builder("puppetplane.fileserve.config.valid", this, w -> w.lastError.isEmpty() ? 1 : 0)
                .description("1 when the fileserver.conf in force is the file on disk, 0 while its latest version is "
                        + "rejected (the last good mounts are served)")
                .register(registry);
        this.rejections = Counter.builder("puppetplane.fileserve.config.rejected")
                .description("versions of fileserver.conf that could not be read or parsed").register(registry);
    }

    public MountTable current() {
        return current.get();
    }

    /**
     * Whether the file has been looked at once (readiness): from then on some mount table is in force, the last good
     * one or none, and a broken file is reported through {@link #lastError()} rather than by holding agents off.
     */
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
            Stamp stamp = stampOf(path);
            if (stamp.equals(loadedStamp)) {
                return;
            }
            MountTable table = stamp == ABSENT ? MountTable.EMPTY
                    : FileserverConfigParser.parse(Files.readString(path, StandardCharsets.UTF_8),
                            path.getFileName().toString(), path.toAbsolutePath().getParent());
            current.set(table);
            listings.invalidateAll();
            loadedStamp = stamp;
            loadedOnce = true;
            lastError = "";
            if (stamp == ABSENT) {
                LOG.infof("%s does not exist: no custom mounts are served (created later, it is loaded)", path);
            } else {
                warnAboutMounts(table);
                LOG.infof("loaded %s: mounts %s", path, table.mounts().keySet());
            }
        } catch (FileserverConfigException e) {
            rejected(path, e.getMessage());
        } catch (IOException e) {
            rejected(path, "cannot read " + path + ": " + e.getMessage());
        }
    }

    private static Stamp stampOf(Path path) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attrs.size(), attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (NoSuchFileException e) {
            return ABSENT;
        }
    }

    private void rejected(Path path, String message) {
        if (!message.equals(lastError)) {
            rejections.increment();
            LOG.errorf("fileserver.conf not (re)loaded, %s: %s", loadedStamp != null ? "keeping the previous version"
                    : "serving no custom mounts", message);
        }
        lastError = message;
        // from now on the service is ready with whatever mounts are in force (none before a first good version):
        // a broken optional file must not keep agents' other requests waiting
        loadedOnce = true;
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
