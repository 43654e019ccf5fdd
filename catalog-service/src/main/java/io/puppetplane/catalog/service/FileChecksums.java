package io.puppetplane.catalog.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Checksums in Puppet's {@code {type}value} form. Files of a code snapshot never change, so digests are cached by
 * path and type; static catalogs hash every sourced file on every compile without this cache.
 */
@ApplicationScoped
public class FileChecksums {

    /** The types the agent accepts, in the order we prefer when the agent offers several. */
    public static final List<String> SUPPORTED = List.of("sha256", "sha384", "sha512", "sha224", "md5", "sha1",
        "md5lite", "sha256lite", "sha1lite", "mtime", "ctime", "none");
    private static final int CACHE_LIMIT = 50_000;
    private static final int LITE_BYTES = 512;
    private static final DateTimeFormatter RUBY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
        .withZone(ZoneOffset.UTC);

    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;

    @Inject
    public FileChecksums(MeterRegistry registry) {
        this.hits = registry.counter("catalog.file.checksum.cache", "result", "hit");
        this.misses = registry.counter("catalog.file.checksum.cache", "result", "miss");
    }

    /** The first type of a dot-separated agent list ({@code sha256.sha384.md5}) that we support; sha256 otherwise. */
    public static String negotiate(String agentTypes) {
        if (agentTypes != null) {
            for (String t : agentTypes.split("\\.")) {
                if (SUPPORTED.contains(t)) {
                    return t;
                }
            }
        }
        return "sha256";
    }

    public static Optional<String> supported(String type) {
        return SUPPORTED.contains(type) ? Optional.of(type) : Optional.empty();
    }

    /** A regular file's checksum, e.g. {@code {sha256}5cf7…}. */
    public String ofFile(Path file, String type) throws IOException {
        String key = type + "\0" + file;
        String cached = cache.get(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        String value = "{" + type + "}" + compute(file, type);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
        return value;
    }

    /** Directories are always described by their ctime, as Puppet does. */
    public static String ofDirectory(Path dir) throws IOException {
        FileTime ctime = (FileTime) Files.getAttribute(dir, "unix:ctime");
        return "{ctime}" + RUBY_TIME.format(ctime.toInstant());
    }

    private static String compute(Path file, String type) throws IOException {
        return switch (type) {
            case "mtime" -> RUBY_TIME.format(Files.getLastModifiedTime(file).toInstant());
            case "ctime" -> RUBY_TIME.format(((FileTime) Files.getAttribute(file, "unix:ctime")).toInstant());
            case "none" -> "";
            case "md5lite", "sha256lite", "sha1lite" -> digest(file, type.substring(0, type.length() - 4), LITE_BYTES);
            default -> digest(file, type, Long.MAX_VALUE);
        };
    }

    private static String digest(Path file, String type, long limit) throws IOException {
        String algorithm = switch (type) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported checksum type " + type);
        };
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[8192];
            long left = limit;
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    digest.update(buffer, 0, n);
                    left -= n;
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JVM", e);
        }
    }
}
