package io.puppetplane.fileserve.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.puppetplane.fileserve.config.FileserveConfig;
import io.puppetplane.fileserve.testing.TestFileserveConfig;

class FileMetadataCollectorTest {

    @TempDir
    Path mount;
    FileMetadataCollector collector;

    @BeforeEach
    void setUp() throws Exception {
        collector = new FileMetadataCollector(config());
        Files.writeString(mount.resolve("cloud-cert.pem"), "CERT");
        Files.setPosixFilePermissions(mount.resolve("cloud-cert.pem"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectories(mount.resolve("a/b"));
        Files.writeString(mount.resolve("a/one"), "1");
        Files.writeString(mount.resolve("a/b/two"), "2");
        Files.writeString(mount.resolve("a/.hidden"), "h");
        Files.writeString(mount.resolve("a/skip.bak"), "s");
        Files.createSymbolicLink(mount.resolve("a/link"), mount.resolve("cloud-cert.pem"));
    }

    @Test
    void fileChecksumIsOfTheBytesServed() throws Exception {
        FileMetadata meta = collector.single(MountPaths.resolve(mount, "/cloud-cert.pem", false), options("ignore", "sha256"));

        assertEquals("{sha256}" + hex("SHA-256", "CERT"), meta.checksum().value(), "sha256 of the content");
        assertEquals(mount.resolve("cloud-cert.pem").toString(), meta.path(), "absolute path");
        assertTrue(Path.of(meta.path()).isAbsolute(), "the agent needs absolute paths");
        assertNull(meta.relativePath(), "single metadata has no relative path");
        assertEquals("file", meta.type(), "type");
        assertEquals(0644, meta.mode(), "source_permissions=ignore reports 0644");
    }

    @Test
    void otherChecksumTypesAndRealPermissions() throws Exception {
        MountPaths.ResolvedFile file = MountPaths.resolve(mount, "/cloud-cert.pem", false);

        FileMetadata md5 = collector.single(file, options("use", "md5"));
        FileMetadata mtime = collector.single(file, options("use", "mtime"));

        assertEquals("{md5}" + hex("MD5", "CERT"), md5.checksum().value(), "md5");
        assertEquals(0750, md5.mode(), "source_permissions=use reports the real mode");
        assertEquals(Files.getAttribute(mount.resolve("cloud-cert.pem"), "unix:uid"), md5.owner(), "real owner");
        assertTrue(mtime.checksum().value().matches("\\{mtime\\}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000"),
                "Ruby Time format: " + mtime.checksum().value());
    }

    @Test
    void changedContentIsRehashedDespiteTheCache() throws Exception {
        MountPaths.ResolvedFile file = MountPaths.resolve(mount, "/cloud-cert.pem", false);
        collector.single(file, options("ignore", "sha256"));

        Files.writeString(mount.resolve("cloud-cert.pem"), "NEW CERT");

        assertEquals("{sha256}" + hex("SHA-256", "NEW CERT"), collector.single(file, options("ignore", "sha256"))
                .checksum().value(), "the cache must notice the change");
    }

    @Test
    void recursiveListingIsBreadthFirstWithRootDotAndSharedPath() {
        List<FileMetadata> all = collector.recursive(MountPaths.resolve(mount, "/a", false), mount,
                MetadataOptions.of("manage", "sha256", "ignore", "true", null, null, List.of("*.bak", "*hidden")));

        assertEquals(List.of(".", ".hidden", "b", "link", "one", "b/two"), relativePaths(all),
                "ignore globs skip names; '*' does not match a leading dot, as in Ruby's fnmatch");
        assertTrue(all.stream().allMatch(m -> m.path().equals(mount.resolve("a").toString())),
                "every entry carries the root's path");
        assertEquals("ctime", all.get(0).checksum().type(), "directories are stamped with ctime");
        FileMetadata link = all.get(3);
        assertEquals("link", link.type(), "links=manage reports links");
        assertEquals(mount.resolve("cloud-cert.pem").toString(), link.destination(), "with their destination");
    }

    @Test
    void followReportsTheTargetAndRecurseLimitStopsDescending() {
        List<FileMetadata> all = collector.recursive(MountPaths.resolve(mount, "/a", true), mount,
                MetadataOptions.of("follow", "sha256", "ignore", "true", "1", null, List.of(".hidden", "*.bak")));

        assertEquals(List.of(".", "b", "link", "one"), relativePaths(all), "recurselimit=1: children only");
        assertEquals("file", all.get(2).type(), "links=follow reports the target");
    }

    @Test
    void maxFilesRefusesBiggerListings() {
        FileServeException e = assertThrows(FileServeException.class, () -> collector.recursive(
                MountPaths.resolve(mount, "/a", false), mount,
                MetadataOptions.of("manage", "sha256", "ignore", "true", null, "2", List.of())));

        assertEquals(400, e.status(), "a clear 4xx");
        assertTrue(e.getMessage().contains("max_files"), e.getMessage());
    }

    @Test
    void nonRecursiveListingIsJustTheRoot() {
        List<FileMetadata> all = collector.recursive(MountPaths.resolve(mount, "/a", false), mount,
                MetadataOptions.of(null, null, null, "false", null, null, null));

        assertEquals(List.of("."), relativePaths(all), "root only");
    }

    @Test
    void rejectsUnknownOptions() {
        assertEquals(400, assertThrows(FileServeException.class,
                () -> MetadataOptions.of("sideways", null, null, null, null, null, null)).status(), "links");
        assertEquals(400, assertThrows(FileServeException.class,
                () -> MetadataOptions.of(null, "crc32", null, null, null, null, null)).status(), "checksum_type");
        assertEquals(400, assertThrows(FileServeException.class,
                () -> MetadataOptions.of(null, null, null, "true", "deep", null, null)).status(), "recurselimit");
    }

    private static List<String> relativePaths(List<FileMetadata> all) {
        return all.stream().map(FileMetadata::relativePath).collect(Collectors.toList());
    }

    private static MetadataOptions options(String permissions, String checksum) {
        return MetadataOptions.of("manage", checksum, permissions, null, null, null, null);
    }

    private static String hex(String algorithm, String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes()));
    }

    static FileserveConfig config() {
        return TestFileserveConfig.defaults();
    }

}
