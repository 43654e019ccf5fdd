package io.puppetplane.fileserve.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPathsTest {

    @TempDir
    Path dir;
    Path mount;

    @BeforeEach
    void layout() throws Exception {
        mount = Files.createDirectories(dir.resolve("mount"));
        Files.createDirectories(mount.resolve("sub"));
        Files.writeString(mount.resolve("sub/key.pem"), "key");
        Files.writeString(dir.resolve("secret"), "outside");
        Files.createDirectories(dir.resolve("outside-dir"));
        Files.writeString(dir.resolve("outside-dir/x"), "outside");
        Files.createSymbolicLink(mount.resolve("inner-link"), mount.resolve("sub/key.pem"));
        Files.createSymbolicLink(mount.resolve("escape-link"), dir.resolve("secret"));
        Files.createSymbolicLink(mount.resolve("escape-dir"), dir.resolve("outside-dir"));
        Files.createSymbolicLink(mount.resolve("dangling"), dir.resolve("nowhere"));
    }

    @Test
    void resolvesFilesInsideTheMount() {
        MountPaths.ResolvedFile file = MountPaths.resolve(mount, "/sub/key.pem", true);

        assertEquals(mount.resolve("sub/key.pem"), file.path(), "agent-visible path is the mount path + relative");
        assertFalse(file.symlink(), "plain file");
    }

    @Test
    void rootOfTheMountIsTheEmptyPath() {
        assertEquals(mount, MountPaths.resolve(mount, "", false).path(), "empty relative path");
        assertEquals(mount, MountPaths.resolve(mount, "/", false).path(), "slash");
    }

    @Test
    void refusesDotDotAndDotSegments() {
        for (String attempt : new String[] {"/../secret", "/sub/../../secret", "/./sub/key.pem", "/sub/..", "..",
            "/sub/key.pem\0"}) {
            FileServeException e = assertThrows(FileServeException.class, () -> MountPaths.resolve(mount, attempt, true),
                    "must refuse " + attempt);
            assertEquals(400, e.status(), attempt);
            assertEquals("path-traversal", e.deniedBy().orElseThrow(), "recorded as a denial: " + attempt);
        }
    }

    @Test
    void refusesLinksLeavingTheMountWhetherFollowedOrManaged() {
        for (boolean follow : new boolean[] {true, false}) {
            for (String attempt : new String[] {"/escape-link", "/escape-dir/x", "/escape-dir", "/dangling"}) {
                FileServeException e = assertThrows(FileServeException.class,
                        () -> MountPaths.resolve(mount, attempt, follow), "must refuse " + attempt + " follow=" + follow);
                assertEquals(403, e.status(), attempt);
                assertEquals("symlink-outside-mount", e.deniedBy().orElseThrow(), attempt);
            }
        }
    }

    @Test
    void linksInsideTheMountAreServed() {
        MountPaths.ResolvedFile managed = MountPaths.resolve(mount, "/inner-link", false);
        MountPaths.ResolvedFile followed = MountPaths.resolve(mount, "/inner-link", true);

        assertTrue(managed.symlink(), "reported as a link under links=manage");
        assertEquals(mount.resolve("inner-link"), managed.path(), "managed link keeps its own path");
        assertTrue(followed.realPath().endsWith("sub/key.pem"), "followed link reads its target");
    }

    @Test
    void missingFileIsNotFound() {
        FileServeException e = assertThrows(FileServeException.class, () -> MountPaths.resolve(mount, "/nope", true));

        assertEquals(404, e.status(), "missing is 404, so the agent tries its next source");
        assertTrue(e.deniedBy().isEmpty(), "not a denial");
    }

    @Test
    void mountItselfBehindALinkIsFine() throws Exception {
        Path linkedMount = Files.createSymbolicLink(dir.resolve("linked-mount"), mount);

        assertEquals(linkedMount.resolve("sub/key.pem"), MountPaths.resolve(linkedMount, "/sub/key.pem", true).path(),
                "the mount root may itself be a link (e.g. a Kubernetes volume)");
    }
}
