package io.puppetplane.fileserve.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters of file_metadata(s), validated.
 *
 * @param links             {@code manage} (report symlinks as links) or {@code follow}
 * @param checksumType      one of {@link #CHECKSUM_TYPES}
 * @param sourcePermissions {@code ignore} (report this process' uid/gid and 0644), {@code use} or
 *                          {@code use_when_creating} (report the file's own)
 * @param recurse           whether to list the directory's contents
 * @param recurseLimit      deepest level listed (children of the root are level 1); empty = no limit
 * @param maxFiles          0 = warn above 1000 entries, -1 = unlimited, above 0 = refuse when exceeded
 * @param ignore            fnmatch globs; entries whose name matches one are skipped with their contents
 */
public record MetadataOptions(String links, String checksumType, String sourcePermissions, boolean recurse,
        Optional<Integer> recurseLimit, int maxFiles, List<String> ignore) {

    public static final Set<String> CHECKSUM_TYPES = Set.of("md5", "md5lite", "sha256", "sha256lite", "sha384",
            "sha512", "sha224", "sha1", "sha1lite", "mtime", "ctime", "none");

    public static MetadataOptions of(String links, String checksumType, String sourcePermissions, String recurse,
            String recurseLimit, String maxFiles, List<String> ignore) {
        String l = links == null || links.isEmpty() ? "manage" : links;
        if (!l.equals("manage") && !l.equals("follow")) {
            throw FileServeException.badRequest("links must be manage or follow, not '" + links + "'");
        }
        String c = checksumType == null || checksumType.isEmpty() ? "sha256" : checksumType;
        if (!CHECKSUM_TYPES.contains(c)) {
            throw FileServeException.badRequest("unsupported checksum_type '" + checksumType + "'");
        }
        String p = sourcePermissions == null || sourcePermissions.isEmpty() ? "ignore" : sourcePermissions;
        if (!Set.of("ignore", "use", "use_when_creating").contains(p)) {
            throw FileServeException.badRequest("source_permissions must be ignore, use or use_when_creating");
        }
        boolean r;
        if (recurse == null || recurse.isEmpty() || recurse.equals("false") || recurse.equals("no")) {
            r = false;
        } else if (recurse.equals("true") || recurse.equals("remote") || recurse.equals("yes")) {
            r = true;
        } else {
            throw FileServeException.badRequest("recurse must be true or false (use recurselimit for a depth)");
        }
        Optional<Integer> limit = Optional.empty();
        if (recurseLimit != null && !recurseLimit.isEmpty() && !recurseLimit.equals("infinite")) {
            limit = Optional.of(integer("recurselimit", recurseLimit, 0));
        }
        int max = maxFiles == null || maxFiles.isEmpty() ? 0 : integer("max_files", maxFiles, -1);
        return new MetadataOptions(l, c, p, r, limit, max, ignore == null ? List.of() : List.copyOf(ignore));
    }

    public boolean followLinks() {
        return links.equals("follow");
    }

    public boolean usePermissions() {
        return !sourcePermissions.equals("ignore");
    }

    private static int integer(String name, String value, int min) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                throw FileServeException.badRequest(name + " must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw FileServeException.badRequest(name + " must be an integer, not '" + value + "'");
        }
    }
}
