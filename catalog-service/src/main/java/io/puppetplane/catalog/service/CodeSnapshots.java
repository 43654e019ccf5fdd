package io.puppetplane.catalog.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.catalog.inventory.InventoryPuppetDb;
import io.puppetplane.lang.EnvironmentCompiler;
import io.puppetplane.lang.eval.CodeBase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Directory environments of the code dir, each served from an immutable private copy. A deploy is noticed by a
 * cheap stat fingerprint (every {@code refresh-interval}, or at once on a code-deployed event); then the files are
 * copied and hashed in one pass, and the copy is used only if the tree did not change while it was copied. So a
 * compile sees one whole version, and the version's content hash is its code_id on every replica.
 */
@ApplicationScoped
public class CodeSnapshots {

    private static final Logger LOG = Logger.getLogger(CodeSnapshots.class);
    /** Puppet's rule for environment names. */
    public static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z0-9_]+");

    @Inject
    CatalogConfig config;

    @Inject
    InventoryPuppetDb puppetDb;

    @Inject
    MeterRegistry registry;

    private volatile Path root;
    private final Map<String, EnvironmentState> states = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    private record EnvironmentState(String fingerprint, EnvironmentSnapshot current, List<EnvironmentSnapshot> older) {
    }

    @PostConstruct
    void createRoot() {
        // private to this process: several replicas may share a machine and its temp dir
        root = config.snapshotDir().resolve(UUID.randomUUID().toString());
    }

    /**
     * Copying and hashing the code dir takes as long as the code base is large: done on its own thread, so that the
     * sockets (and liveness) open meanwhile. Readiness and every answer that depends on the code wait for it (503).
     */
    void onStart(@Observes StartupEvent event) {
        Thread loader = new Thread(this::load, "code-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void load() {
        try {
            refresh();
        } finally {
            loaded = true;
        }
    }

    /** Whether the code dir has been read once (an unreadable or empty one counts: it has no environments). */
    public boolean loaded() {
        return loaded;
    }

    private void requireLoaded() {
        if (!loaded) {
            throw PuppetApiException.overloaded("the code dir is still being loaded",
                config.compile().retryAfterSeconds());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        deleteTree(root);
    }

    @Scheduled(every = "${puppetplane.catalog.refresh-interval}", delayed = "${puppetplane.catalog.refresh-interval}",
        concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh();
    }

    /** The live version of an environment; empty if the code dir has no such environment. */
    public Optional<EnvironmentSnapshot> current(String environment) {
        requireLoaded();
        EnvironmentState state = states.get(environment);
        return state == null ? Optional.empty() : Optional.of(state.current());
    }

    /** A version still kept (live or one of the last few), for content requested by code_id. */
    public Optional<EnvironmentSnapshot> byCodeId(String environment, String codeId) {
        requireLoaded();
        EnvironmentState state = states.get(environment);
        if (state == null) {
            return Optional.empty();
        }
        if (state.current().codeId().equals(codeId)) {
            return Optional.of(state.current());
        }
        return state.older().stream().filter(s -> s.codeId().equals(codeId)).findFirst();
    }

    public List<String> environments() {
        requireLoaded();
        return states.keySet().stream().sorted().toList();
    }

    /** Looks for deployed changes now; returns once every changed environment is live. */
    public synchronized void refresh() {
        Path environmentsDir = config.codedir().resolve("environments");
        List<String> seen = new ArrayList<>();
        if (Files.isDirectory(environmentsDir)) {
            try (Stream<Path> dirs = Files.list(environmentsDir)) {
                for (Path dir : dirs.sorted().toList()) {
                    String name = dir.getFileName().toString();
                    if (Files.isDirectory(dir) && ENVIRONMENT_NAME.matcher(name).matches()) {
                        seen.add(name);
                        refreshEnvironment(name, dir);
                    }
                }
            } catch (IOException e) {
                LOG.warnf("cannot list environments in %s: %s", environmentsDir, e.getMessage());
                return;
            }
        } else {
            LOG.warnf("code dir %s has no environments directory", config.codedir());
        }
        for (String gone : List.copyOf(states.keySet())) {
            if (!seen.contains(gone)) {
                EnvironmentState removed = states.remove(gone);
                LOG.infof("environment %s is no longer deployed", gone);
                removed.older().forEach(CodeSnapshots::discard);
                discard(removed.current());
            }
        }
    }

    private void refreshEnvironment(String name, Path sourceDir) {
        try {
            String fingerprint = fingerprint(sourceDir);
            EnvironmentState state = states.get(name);
            if (state != null && state.fingerprint().equals(fingerprint)) {
                return;
            }
            Path staging = root.resolve(".staging-" + UUID.randomUUID()).resolve(name);
            String codeId = copyAndHash(sourceDir, staging);
            if (!fingerprint.equals(fingerprint(sourceDir))) {
                // a deploy was in progress while we copied: take the whole of it at the next check
                deleteTree(staging.getParent());
                LOG.infof("environment %s changed while it was read; trying again at the next check", name);
                return;
            }
            if (state != null && state.current().codeId().equals(codeId)) {
                deleteTree(staging.getParent());
                states.put(name, new EnvironmentState(fingerprint, state.current(), state.older()));
                return;
            }
            Path versionDir = root.resolve(codeId);
            deleteTree(versionDir);
            Files.move(staging.getParent(), versionDir, StandardCopyOption.ATOMIC_MOVE);
            Path dir = versionDir.resolve(name);
            EnvironmentCompiler.Options options = EnvironmentCompiler.Options.defaults().withSettings(serverSettings());
            EnvironmentCompiler compiler = new EnvironmentCompiler(dir,
                puppetDb.enabled() ? options.withPuppetDb(puppetDb) : options);
            List<Path> modulePath = new CodeBase(dir, false).modulePath();
            EnvironmentSnapshot snapshot = new EnvironmentSnapshot(name, codeId, dir,
                sourceDir.toAbsolutePath().normalize(), modulePath, compiler);
            List<EnvironmentSnapshot> older = new ArrayList<>();
            if (state != null) {
                older.add(state.current());
                older.addAll(state.older());
            }
            while (older.size() > config.snapshotsKept()) {
                discard(older.remove(older.size() - 1));
            }
            states.put(name, new EnvironmentState(fingerprint, snapshot, List.copyOf(older)));
            registry.counter("catalog.code.versions.loaded", "environment", name).increment();
            LOG.infof("environment %s is live at code_id %s", name, codeId);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            LOG.warnf("cannot load environment %s from %s, keeping the previous version: %s", name, sourceDir,
                e.getMessage());
        }
    }

    /** A snapshot no longer kept: its module Ruby runtime is stopped and its files deleted. */
    private static void discard(EnvironmentSnapshot snapshot) {
        snapshot.compiler().close();
        deleteTree(snapshot.dir().getParent());
    }

    /** Paths, sizes and modification times: changes whenever a deploy touches a file. */
    private static String fingerprint(Path dir) throws IOException {
        MessageDigest digest = sha256();
        try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.sorted().toList()) {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                String line = dir.relativize(file) + "|" + attrs.isDirectory() + "|" + attrs.size() + "|"
                    + attrs.lastModifiedTime().toMillis() + "\n";
                digest.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Copies the tree (links followed, permissions kept) and returns the hash of names and contents. */
    private static String copyAndHash(Path source, Path target) throws IOException {
        MessageDigest digest = sha256();
        digest.update(target.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.sorted().toList()) {
                Path relative = source.relativize(file);
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                    digest.update(("\0d " + relative).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                digest.update(("\0f " + relative + " " + mode + " " + content.length + "\0")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(content);
                Files.write(copy, content);
                Files.setPosixFilePermissions(copy, mode);
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", dir, e.getMessage());
        }
    }

    /** The settings code sees as $settings::NAME: configured ones, typed as Puppet's, and this service's code paths. */
    private Map<String, Object> serverSettings() {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        config.settings().forEach((name, value) -> settings.put(name, value.equals("true") || value.equals("false")
            ? Boolean.valueOf(value) : value.matches("-?\\d{1,18}") ? (Object) Long.valueOf(value) : value));
        if (puppetDb.enabled()) {
            settings.put("storeconfigs", true);
            settings.put("storeconfigs_backend", "puppetdb");
        }
        settings.put("codedir", config.codedir().toString());
        settings.put("environmentpath", config.codedir().resolve("environments").toString());
        return settings;
    }
}
