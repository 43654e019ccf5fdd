package io.puppetplane.fileserve.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.puppetplane.fileserve.config.FileserveConfig;

/**
 * Builds file_metadata(s) answers from the file system, the way Puppet's {@code FileServing::Metadata} and
 * {@code Fileset} do: real modes and numeric owners (or this process' ids and 0644 under
 * {@code source_permissions=ignore}), {@code {type}value} checksums of the bytes that file_content serves,
 * directories always stamped with ctime, links reported with their destination under {@code links=manage}.
 */
@ApplicationScoped
public class FileMetadataCollector {

    private static final Logger LOG = Logger.getLogger(FileMetadataCollector.class);
    private static final int LITE_BYTES = 512;
    private static final int SOFT_MAX_FILES = 1000;
    private static final DateTimeFormatter RUBY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
            .withZone(ZoneOffset.UTC);
    private static final int S_IFMT = 0170000;

    private final ChecksumCache checksums;
    private final int processUid;
    private final int processGid;

    FileMetadataCollector(FileserveConfig config) {
        this.checksums = new ChecksumCache(config.checksumCacheSize());
        int[] ids = processIds();
        this.processUid = ids[0];
        this.processGid = ids[1];
    }

    /** The metadata of one file ({@code relative_path} null), as file_metadata answers. */
    public FileMetadata single(MountPaths.ResolvedFile file, MetadataOptions options) {
        Path stat = statPath(file, options);
        return describe(file.path().toString(), null, stat, real(stat), attributes(stat, options.followLinks()),
                options);
    }

    /**
     * The root entry ({@code "."}) and, when recursing, every entry below it in breadth-first order (names sorted),
     * skipping ignored names, links that leave the mount and directories already visited through a link. Each entry
     * costs one lstat (two for a link); real paths are derived from the parent's, checksums come from the cache.
     */
    public List<FileMetadata> recursive(MountPaths.ResolvedFile root, Path realMountRoot, MetadataOptions options) {
        return recursive(root, realMountRoot, options, ListingCache.DirectoryObserver.NONE);
    }

    /** As above, telling {@code observer} each directory before reading it (so a cache can watch it first). */
    public List<FileMetadata> recursive(MountPaths.ResolvedFile root, Path realMountRoot, MetadataOptions options,
            ListingCache.DirectoryObserver observer) {
        String rootPath = root.path().toString();
        Path rootStat = statPath(root, options);
        Path rootReal = real(rootStat);
        Map<String, Object> rootAttrs = attributes(rootStat, options.followLinks());
        List<FileMetadata> result = new ArrayList<>();
        result.add(describe(rootPath, ".", rootStat, rootReal, rootAttrs, options));
        if (!options.recurse()) {
            return result;
        }
        List<FnMatch> ignores = options.ignore().stream().map(FnMatch::new).toList();
        record Pending(Path dir, Path real, String relative, int depth) {
        }
        Deque<Pending> queue = new ArrayDeque<>();
        Set<Path> visited = new HashSet<>();
        if (fileType(rootAttrs).equals("directory")) {
            queue.add(new Pending(rootStat, rootReal, "", 0));
            visited.add(rootReal);
        }
        int entries = 0;
        while (!queue.isEmpty()) {
            Pending dir = queue.poll();
            int depth = dir.depth() + 1;
            if (options.recurseLimit().isPresent() && depth > options.recurseLimit().get()) {
                continue;
            }
            observer.dependsOn(dir.real());
            for (Path child : sortedChildren(dir.dir())) {
                String name = child.getFileName().toString();
                if (ignores.stream().anyMatch(glob -> glob.matches(name))) {
                    continue;
                }
                Map<String, Object> attrs;
                try {
                    attrs = attributes(child, false);
                } catch (FileServeException e) {
                    continue; // removed while listing
                }
                Path childReal = dir.real().resolve(name);
                boolean link = fileType(attrs).equals("link");
                if (link) {
                    if (!MountPaths.staysInside(child, realMountRoot)) {
                        LOG.warnf("not listing %s: the link leaves the mount or dangles", child);
                        continue;
                    }
                    childReal = real(child);
                    observer.dependsOn(childReal.getParent());
                    if (options.followLinks()) {
                        attrs = attributes(child, true);
                    }
                }
                String relative = dir.relative().isEmpty() ? name : dir.relative() + "/" + name;
                result.add(describe(rootPath, relative, child, childReal, attrs, options));
                entries++;
                if (options.maxFiles() > 0 && entries > options.maxFiles()) {
                    throw FileServeException.badRequest("the directory '" + rootPath + "' contains more than "
                            + options.maxFiles() + " entries, the limit set by max_files");
                }
                if (fileType(attrs).equals("directory") && visited.add(childReal)) {
                    queue.add(new Pending(child, childReal, relative, depth));
                }
            }
        }
        if (options.maxFiles() == 0 && entries > SOFT_MAX_FILES) {
            LOG.warnf("the directory '%s' has %d entries, above the soft limit of %d", rootPath, entries, SOFT_MAX_FILES);
        }
        return result;
    }

    private static Path statPath(MountPaths.ResolvedFile file, MetadataOptions options) {
        return file.symlink() && !options.followLinks() ? file.path() : file.realPath();
    }

    private FileMetadata describe(String rootPath, String relative, Path file, Path realFile,
            Map<String, Object> attrs, MetadataOptions options) {
        int mode = (Integer) attrs.get("mode");
        String type = fileType(attrs);
        int owner = options.usePermissions() ? (Integer) attrs.get("uid") : processUid;
        int group = options.usePermissions() ? (Integer) attrs.get("gid") : processGid;
        int permissions = options.usePermissions() ? mode & 07777 : 0644;
        String checksumType = options.checksumType();
        String value;
        String destination = null;
        switch (type) {
            case "file" -> value = checksum(realFile, checksumType, attrs);
            case "directory" -> {
                checksumType = "ctime";
                value = "{ctime}" + RUBY_TIME.format(((FileTime) attrs.get("ctime")).toInstant());
            }
            case "link" -> {
                destination = readLink(file);
                value = linkTargetChecksum(file, checksumType);
            }
            case "fifo", "socket" -> {
                checksumType = "none";
                value = "{none}";
            }
            default -> throw FileServeException.badRequest("cannot serve files of type " + type);
        }
        return new FileMetadata(rootPath, relative, options.links(), owner, group, permissions,
                new FileMetadata.Checksum(checksumType, value), type, destination);
    }

    private String linkTargetChecksum(Path link, String type) {
        try {
            Path target = link.toRealPath();
            return checksum(target, type, attributes(target, true));
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** {@code {type}value} of a regular file, given by its real path (the cache key). */
    private String checksum(Path file, String type, Map<String, Object> attrs) {
        return switch (type) {
            case "mtime" -> "{mtime}" + RUBY_TIME.format(((FileTime) attrs.get("lastModifiedTime")).toInstant());
            case "ctime" -> "{ctime}" + RUBY_TIME.format(((FileTime) attrs.get("ctime")).toInstant());
            case "none" -> "{none}";
            default -> {
                ChecksumCache.Stamp stamp = new ChecksumCache.Stamp(((Number) attrs.get("ino")).longValue(),
                        ((Number) attrs.get("size")).longValue(),
                        nanos((FileTime) attrs.get("lastModifiedTime")), nanos((FileTime) attrs.get("ctime")));
                yield "{" + type + "}" + checksums.get(new ChecksumCache.Key(file, type), stamp,
                        () -> digest(file, type));
            }
        };
    }

    /** Hex digest of the whole file, or of its first 512 bytes for the {@code *lite} types. */
    static String digest(Path file, String type) {
        boolean lite = type.endsWith("lite");
        String algorithm = switch (lite ? type.substring(0, type.length() - 4) : type) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha224" -> "SHA-224";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw FileServeException.badRequest("unsupported checksum_type '" + type + "'");
        };
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] buffer = new byte[lite ? LITE_BYTES : 65536];
            int remaining = lite ? LITE_BYTES : Integer.MAX_VALUE;
            int read;
            while (remaining > 0 && (read = in.read(buffer, 0, Math.min(buffer.length, remaining))) > 0) {
                digest.update(buffer, 0, read);
                remaining -= lite ? read : 0;
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only what metadata needs: "unix:*" would also resolve owner names, a costly lookup per file. */
    private static final String ATTRIBUTES = "unix:mode,uid,gid,ino,size,lastModifiedTime,ctime";

    private static Map<String, Object> attributes(Path file, boolean follow) {
        try {
            return follow ? Files.readAttributes(file, ATTRIBUTES)
                    : Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw FileServeException.notFound("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private static String fileType(Map<String, Object> attrs) {
        return switch ((Integer) attrs.get("mode") & S_IFMT) {
            case 0100000 -> "file";
            case 0040000 -> "directory";
            case 0120000 -> "link";
            case 0010000 -> "fifo";
            case 0140000 -> "socket";
            case 0020000 -> "characterSpecial";
            default -> "blockSpecial";
        };
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> sortedChildren(Path dir) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", dir, e.getMessage());
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static long nanos(FileTime time) {
        return time.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** This process' effective uid and gid: the owner of /proc/self is the effective user. */
    private static int[] processIds() {
        try {
            Map<String, Object> self = Files.readAttributes(Path.of("/proc/self"), "unix:uid,gid");
            return new int[] {(Integer) self.get("uid"), (Integer) self.get("gid")};
        } catch (IOException | UnsupportedOperationException e) {
            com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
            return new int[] {(int) unix.getUid(), (int) unix.getGid()};
        }
    }
}
