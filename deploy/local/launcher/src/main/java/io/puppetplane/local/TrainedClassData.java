package io.puppetplane.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The class-data archive of one build of a service, trained by a run of that build: the JVM writes
 * ({@code -XX:ArchiveClassesAtExit}) every class the service loaded, start-up, Kafka, TLS and request path included, so
 * a later start skips parsing and verifying them (about 0.4 s of a catalog replica's start on 2 cores). Quarkus' own
 * archive stops at static init and holds about a third of those classes.
 *
 * <p>Kept beside the jar and named after the jar's size and time, so a rebuild trains anew (the JVM would refuse a
 * stale archive anyway). Replicas of one build train at once, each into its own file; the first whole one is kept.
 */
record TrainedClassData(Path archive) {

    /** Exit status of a JVM killed with SIGKILL: its archive, if any, was cut short. */
    private static final int KILLED = 128 + 9;

    static TrainedClassData of(Path jar) throws IOException {
        String build = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        return new TrainedClassData(jar.resolveSibling("trained-" + build + ".jsa"));
    }

    boolean exists() {
        return Files.isRegularFile(archive);
    }

    /** Where one training JVM writes: never the archive itself, which other JVMs may be starting from. */
    Path newTrainingFile() {
        return archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".training");
    }

    /**
     * Keeps what a training JVM wrote once it has exited, unless it was killed (then the file may be cut short) or
     * another replica's archive was kept first, and removes archives of earlier builds. A failure costs only speed:
     * it is reported and the next start trains again.
     */
    void adopt(Path training, int exitStatus) {
        try {
            if (exitStatus == KILLED || exists() || !Files.isRegularFile(training) || Files.size(training) == 0) {
                Files.deleteIfExists(training);
                return;
            }
            Files.move(training, archive, StandardCopyOption.ATOMIC_MOVE);
            // archives of earlier builds, and what their training JVMs left behind
            try (DirectoryStream<Path> earlier = Files.newDirectoryStream(archive.getParent(), "trained-*")) {
                for (Path stale : earlier) {
                    if (!stale.getFileName().toString().startsWith(archive.getFileName().toString())) {
                        Files.deleteIfExists(stale);
                    }
                }
            }
        } catch (IOException e) {
            System.err.printf("warning: class-data archive %s not kept: %s%n", archive, e);
        }
    }
}
