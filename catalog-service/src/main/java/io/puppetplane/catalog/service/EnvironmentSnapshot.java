package io.puppetplane.catalog.service;

import java.nio.file.Path;
import java.util.List;

import io.puppetplane.lang.EnvironmentCompiler;

/**
 * One immutable version of an environment: a private copy of its files ({@code dir}), the compiler bound to that
 * copy, and its {@code codeId}, a content hash that is the same on every replica serving the same code.
 *
 * @param sourceDir the environment as operators deploy it, the path shown to users instead of the private copy
 */
public record EnvironmentSnapshot(String environment, String codeId, Path dir, Path sourceDir,
                                  List<Path> modulePath, EnvironmentCompiler compiler) {

    /** Rewrites private snapshot paths in text shown to users to the deployed code's paths. */
    public String publicPaths(String text) {
        return text == null ? null : text.replace(dir.toString(), sourceDir.toString());
    }

    /** The deployed path corresponding to a file of the snapshot. */
    public Path publicPath(Path snapshotFile) {
        return snapshotFile.startsWith(dir) ? sourceDir.resolve(dir.relativize(snapshotFile)) : snapshotFile;
    }
}
