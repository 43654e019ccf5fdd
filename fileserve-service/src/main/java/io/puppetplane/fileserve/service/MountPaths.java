package io.puppetplane.fileserve.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns a request path inside a mount into a file of the mount, refusing anything that could leave it: {@code .}
 * and {@code ..} segments, NUL bytes, and symbolic links (anywhere on the way, or the file itself) whose target
 * lies outside the mount's real directory.
 */
public final class MountPaths {

    /** The agent-visible path (mount path + relative path, lexically) and the real file it denotes. */
    public record ResolvedFile(Path path, Path realPath, boolean symlink) {
    }

    private MountPaths() {
    }

    /** The relative path's segments; "" and "/" mean the mount root. */
    public static String[] segments(String relative) {
        String trimmed = relative.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        String[] segments = trimmed.split("/+");
        for (String segment : segments) {
            if (segment.equals("..") || segment.equals(".") || segment.indexOf('\0') >= 0) {
                throw FileServeException.denied(400, "Bad Request: '" + relative
                        + "' contains a '.', '..' or NUL segment", "path-traversal");
            }
        }
        return segments;
    }

    /**
     * Resolves {@code relative} under {@code root}.
     *
     * @param followFinalLink whether a symlink as the last segment is followed (links=follow, file_content) or
     *                        reported as a link (links=manage); its target must stay inside the mount either way
     * @throws FileServeException 404 when missing, 403 when a link leaves the mount, 400 for traversal segments
     */
    public static ResolvedFile resolve(Path root, String relative, boolean followFinalLink) {
        String[] segments = segments(relative);
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw FileServeException.notFound("the mount directory " + root + " does not exist");
        }
        Path lexical = root;
        for (String segment : segments) {
            lexical = lexical.resolve(segment);
        }
        if (!Files.exists(lexical, LinkOption.NOFOLLOW_LINKS)) {
            throw FileServeException.notFound("no file " + relative + " in the mount");
        }
        boolean symlink = Files.isSymbolicLink(lexical);
        Path parentReal = realOf(lexical.getParent() == null || segments.length == 0 ? lexical : lexical.getParent(),
                relative);
        requireInside(parentReal, realRoot, relative);
        Path target = realOf(lexical, relative);
        requireInside(target, realRoot, relative);
        Path real = symlink && !followFinalLink ? parentReal.resolve(lexical.getFileName()) : target;
        return new ResolvedFile(lexical, segments.length == 0 ? realRoot : real, symlink);
    }

    /** Whether a directory entry found while recursing stays in the mount (links are checked by their target). */
    public static boolean staysInside(Path entry, Path realRoot) {
        try {
            return entry.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path realOf(Path path, String relative) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            // a dangling link: its target cannot be shown to stay inside, so it is refused like one that leaves
            throw FileServeException.denied(403, "Forbidden: '" + relative
                    + "' is a link whose target does not exist", "symlink-outside-mount");
        }
    }

    private static void requireInside(Path real, Path realRoot, String relative) {
        if (!real.startsWith(realRoot)) {
            throw FileServeException.denied(403, "Forbidden: '" + relative + "' leads outside the mount",
                    "symlink-outside-mount");
        }
    }
}
