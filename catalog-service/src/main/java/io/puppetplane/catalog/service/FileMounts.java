package io.puppetplane.catalog.service;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The file-server mounts derived from an environment's code: {@code modules/<module>/<path>} (a module's files/),
 * {@code plugins} (every module's lib/) and {@code pluginfacts} (every module's facts.d/), where the first module in
 * modulepath order wins a path both have.
 */
@ApplicationScoped
public class FileMounts {

    public static final Set<String> CODE_MOUNTS = Set.of("modules", "plugins", "pluginfacts");
    private static final Pattern MOUNT_NAME = Pattern.compile("[-\\w]+");

    @Inject
    FileChecksums checksums;

    /** How metadata is asked for: {@code links}, checksum type, and the recursion options of file_metadatas. */
    public record Query(String links, String checksumType, boolean recurse, int recurseLimit, List<String> ignore,
                        int maxFiles) {
    }

    public static boolean isCodeMount(String mount) {
        return CODE_MOUNTS.contains(mount);
    }

    /** Refuses mount names and paths that could leave the mount ({@code ..}) with a 400. */
    public static void validate(String mount, String path) {
        if (!MOUNT_NAME.matcher(mount).matches()) {
            throw PuppetApiException.badRequest("Invalid mount name '" + mount + "'");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw PuppetApiException.badRequest("Invalid file path '" + path + "': '" + segment
                    + "' segments are not allowed");
            }
        }
    }

    /** The file {@code mount/path} names in this snapshot, if it exists. */
    public Optional<Path> find(EnvironmentSnapshot snapshot, String mount, String path) {
        return candidates(snapshot, mount, path).stream().filter(Files::exists).findFirst();
    }

    /** file_metadata: one entry, or empty (404) when nothing exists at that path. */
    public Optional<Map<String, Object>> metadata(EnvironmentSnapshot snapshot, String mount, String path,
                                                  Query query) throws IOException {
        Optional<Path> file = find(snapshot, mount, path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entry(snapshot, file.get(), file.get(), null, query));
    }

    /**
     * file_metadatas: the root (relative path ".") then its children, merged over every module for plugins and
     * pluginfacts. Those two mounts always answer for a valid environment, even when no module has the directory.
     */
    public List<Map<String, Object>> metadatas(EnvironmentSnapshot snapshot, String mount, String path,
                                               Query query) throws IOException {
        List<Path> roots = candidates(snapshot, mount, path).stream().filter(Files::exists).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        if (roots.isEmpty()) {
            if (!mount.equals("modules") && path.isEmpty() && !snapshot.modulePath().isEmpty()) {
                Path base = snapshot.modulePath().get(0);
                Path shown = Files.isDirectory(base) ? base : snapshot.dir();
                out.add(entry(snapshot, shown, shown, ".", query));
            }
            return out;
        }
        Path first = roots.get(0);
        out.add(entry(snapshot, first, first, ".", query));
        if (!query.recurse() || !Files.isDirectory(first)) {
            return out;
        }
        List<PathMatcher> ignore = query.ignore().stream()
            .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        Map<String, Path> children = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            int depth = query.recurseLimit() > 0 ? query.recurseLimit() : Integer.MAX_VALUE;
            try (Stream<Path> walk = Files.walk(root, depth)) {
                walk.filter(p -> !p.equals(root))
                    .filter(p -> notIgnored(root.relativize(p), ignore))
                    .forEach(p -> children.putIfAbsent(root.relativize(p).toString(), p));
            }
        }
        if (query.maxFiles() > 0 && children.size() > query.maxFiles()) {
            throw PuppetApiException.badRequest("The directory '" + mount + "/" + path + "' contains "
                + children.size() + " files, more than max_files " + query.maxFiles());
        }
        for (Map.Entry<String, Path> child : children.entrySet()) {
            out.add(entry(snapshot, child.getValue(), first, child.getKey(), query));
        }
        return out;
    }

    private static boolean notIgnored(Path relative, List<PathMatcher> ignore) {
        for (Path component : relative) {
            for (PathMatcher m : ignore) {
                if (m.matches(component)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Where {@code mount/path} may live, in the order Puppet searches. */
    private static List<Path> candidates(EnvironmentSnapshot snapshot, String mount, String path) {
        List<Path> out = new ArrayList<>();
        switch (mount) {
            case "modules" -> {
                int slash = path.indexOf('/');
                String module = slash < 0 ? path : path.substring(0, slash);
                String rest = slash < 0 ? "" : path.substring(slash + 1);
                if (module.isEmpty()) {
                    return out;
                }
                for (Path dir : snapshot.modulePath()) {
                    Path moduleDir = dir.resolve(module);
                    if (Files.isDirectory(moduleDir)) {
                        out.add(resolve(moduleDir.resolve("files"), rest));
                        return out;
                    }
                }
            }
            case "plugins", "pluginfacts" -> {
                String sub = mount.equals("plugins") ? "lib" : "facts.d";
                for (Path moduleDir : modules(snapshot)) {
                    out.add(resolve(moduleDir.resolve(sub), path));
                }
            }
            default -> {
                // other mounts are not derived from code
            }
        }
        return out;
    }

    private static Path resolve(Path base, String relative) {
        return relative.isEmpty() ? base : base.resolve(relative);
    }

    /** Module directories in modulepath order, alphabetical within one modulepath directory. */
    private static List<Path> modules(EnvironmentSnapshot snapshot) {
        List<Path> out = new ArrayList<>();
        for (Path dir : snapshot.modulePath()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(Files::isDirectory).sorted().forEach(out::add);
            } catch (IOException e) {
                // an unreadable modulepath entry contributes nothing, as in Puppet
            }
        }
        return out;
    }

    private Map<String, Object> entry(EnvironmentSnapshot snapshot, Path file, Path root, String relative,
                                      Query query) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", snapshot.publicPath(root).toString());
        m.put("relative_path", relative);
        m.put("links", query.links());
        m.put("owner", Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        m.put("group", Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS));
        m.put("mode", mode(attrs.permissions()));
        Map<String, Object> checksum = new LinkedHashMap<>();
        if (attrs.isDirectory()) {
            checksum.put("type", "ctime");
            checksum.put("value", FileChecksums.ofDirectory(file));
            m.put("checksum", checksum);
            m.put("type", "directory");
        } else {
            checksum.put("type", query.checksumType());
            checksum.put("value", checksums.ofFile(file, query.checksumType()));
            m.put("checksum", checksum);
            m.put("type", "file");
        }
        m.put("destination", null);
        return m;
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
