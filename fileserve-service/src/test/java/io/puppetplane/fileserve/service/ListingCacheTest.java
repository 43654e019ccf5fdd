package io.puppetplane.fileserve.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole recursive listings from the cache, over real files: the same answer while nothing changes, and every kind of
 * change (content, mode, new and removed files, deeper directories, fileserver.conf reload) seen by the next listing
 * once the kernel's inotify event has been handled (awaited, at most 10 s).
 */
class ListingCacheTest {

    @TempDir
    Path mount;
    private final FileMetadataCollector collector = new FileMetadataCollector(FileMetadataCollectorTest.config());
    private ListingCache cache;
    private MountPaths.ResolvedFile root;

    @BeforeEach
    void createMount() throws Exception {
        cache = new ListingCache(100_000);
        Files.createDirectories(mount.resolve("keys/deeper"));
        Files.writeString(mount.resolve("keys/cloud-cert.pem"), "CLOUD");
        Files.writeString(mount.resolve("keys/deeper/node-pk.pem"), "NODE-PK");
        root = MountPaths.resolve(mount, "", false);
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    @Test
    void repeatedListingIsServedFromTheCache() {
        List<FileMetadata> first = list("ignore");
        List<FileMetadata> second = list("ignore");

        assertSame(first, second, "an unchanged tree is answered from the cache");
        assertEquals(1, cache.hits(), "one hit");
        assertEquals(1, cache.misses(), "one miss (the first listing)");
        assertEquals(5, first.size(), "root, keys, cloud-cert.pem, deeper, node-pk.pem: " + first);
    }

    @Test
    void contentChangedInPlaceGivesTheChecksumOfTheNewBytes() throws Exception {
        list("ignore");

        Files.writeString(mount.resolve("keys/deeper/node-pk.pem"), "NODE-PX"); // same size, same second

        List<FileMetadata> after = awaitListing("ignore", l -> checksumOf(l, "keys/deeper/node-pk.pem")
                .equals("{sha256}" + sha256("NODE-PX")));
        assertEquals("{sha256}" + sha256("NODE-PX"), checksumOf(after, "keys/deeper/node-pk.pem"),
                "the checksum matches the bytes file_content would serve");
    }

    @Test
    void modeChangeIsSeen() throws Exception {
        list("use");

        Files.setPosixFilePermissions(mount.resolve("keys/cloud-cert.pem"), PosixFilePermissions.fromString("rw-------"));

        List<FileMetadata> after = awaitListing("use", l -> entry(l, "keys/cloud-cert.pem").mode() == 0600);
        assertEquals(0600, entry(after, "keys/cloud-cert.pem").mode(), "chmod is an attribute change");
    }

    @Test
    void addedAndRemovedFilesAreSeen() throws Exception {
        list("ignore");

        Files.writeString(mount.resolve("keys/deeper/new.pem"), "NEW");
        List<FileMetadata> added = awaitListing("ignore", l -> l.size() == 6);
        assertEquals("{sha256}" + sha256("NEW"), checksumOf(added, "keys/deeper/new.pem"), "the new file is listed");

        Files.delete(mount.resolve("keys/cloud-cert.pem"));
        List<FileMetadata> removed = awaitListing("ignore", l -> l.size() == 5);
        assertTrue(removed.stream().noneMatch(m -> "keys/cloud-cert.pem".equals(m.relativePath())),
                "the removed file is gone: " + removed);
    }

    @Test
    void invalidateAllListsAgain() {
        List<FileMetadata> first = list("ignore");

        cache.invalidateAll();

        List<FileMetadata> second = list("ignore");
        assertTrue(first != second, "after a fileserver.conf reload the tree is listed again");
        assertEquals(first, second, "with the same result, as nothing changed");
        assertEquals(2, cache.misses(), "two listings");
    }

    @Test
    void disabledCacheListsEveryTime() {
        try (ListingCache disabled = new ListingCache(0)) {
            MetadataOptions options = options("ignore");
            ListingCache.Key key = new ListingCache.Key(root.path().toString(), root.realPath(), options);
            List<FileMetadata> first = disabled.listing(key, o -> collector.recursive(root, mount, options, o));
            List<FileMetadata> second = disabled.listing(key, o -> collector.recursive(root, mount, options, o));

            assertTrue(first != second, "each request lists the tree");
            assertEquals(0, disabled.hits(), "no hits when disabled");
        }
    }

    private List<FileMetadata> list(String sourcePermissions) {
        MetadataOptions options = options(sourcePermissions);
        return cache.listing(new ListingCache.Key(root.path().toString(), root.realPath(), options),
                observer -> collector.recursive(root, realMount(), options, observer));
    }

    private List<FileMetadata> awaitListing(String sourcePermissions, Predicate<List<FileMetadata>> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<FileMetadata> listing = list(sourcePermissions);
        while (!seen.test(listing) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            listing = list(sourcePermissions);
        }
        return listing;
    }

    private Path realMount() {
        try {
            return mount.toRealPath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MetadataOptions options(String sourcePermissions) {
        return MetadataOptions.of("manage", "sha256", sourcePermissions, "true", null, null, List.of());
    }

    private static FileMetadata entry(List<FileMetadata> listing, String relative) {
        Optional<FileMetadata> found = listing.stream().filter(m -> relative.equals(m.relativePath())).findFirst();
        return found.orElseThrow(() -> new AssertionError(relative + " is not listed: " + listing));
    }

    private static String checksumOf(List<FileMetadata> listing, String relative) {
        return listing.stream().filter(m -> relative.equals(m.relativePath())).findFirst()
                .map(m -> m.checksum().value()).orElse("");
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
