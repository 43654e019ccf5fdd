package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    @Test
    void firstStartOfABuildTrainsAClassDataArchive(@TempDir Path app) throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        TrainedClassData classData = TrainedClassData.of(jar);
        Path training = classData.newTrainingFile();

        List<String> command = process(jar, List.of("-Xmx48m")).command(classData, training);

        assertTrue(command.contains("-XX:ArchiveClassesAtExit=" + training), command.toString());
        assertFalse(command.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile")), command.toString());
        assertFalse(training.equals(classData.archive()), "a training JVM never writes the archive others start from");
        assertTrue(command.indexOf("-Xmx48m") < command.indexOf("-jar"), "JVM options come before -jar: " + command);
        assertEquals(jar.toString(), command.get(command.size() - 1), "the jar is the last word: " + command);
        assertTrue(command.contains("-Dquarkus.http.port=1"), "configuration is passed as system properties");
    }

    @Test
    void laterStartsBeginFromTheTrainedArchive(@TempDir Path app) throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        TrainedClassData classData = TrainedClassData.of(jar);
        Files.createFile(classData.archive());

        List<String> command = process(jar, List.of()).command(classData, null);

        assertTrue(command.contains("-XX:SharedArchiveFile=" + classData.archive()), command.toString());
        assertFalse(command.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit")), command.toString());
    }

    @Test
    void aRebuiltJarTrainsItsOwnArchive(@TempDir Path app) throws Exception {
        Path jar = Files.createFile(app.resolve("quarkus-run.jar"));
        Path before = TrainedClassData.of(jar).archive();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        assertFalse(before.equals(TrainedClassData.of(jar).archive()), "an archive belongs to one build of the jar");
    }

    @Test
    void keepsTheArchiveOfAJvmThatExitedAndRemovesEarlierBuilds(@TempDir Path app) throws Exception {
        Path earlier = Files.writeString(app.resolve("trained-1-1.jsa"), "earlier build");
        Path earlierTraining = Files.writeString(app.resolve("trained-1-1.jsa.x.training"), "left behind");
        TrainedClassData classData = TrainedClassData.of(Files.createFile(app.resolve("quarkus-run.jar")));
        Path training = Files.writeString(classData.newTrainingFile(), "archive");

        classData.adopt(training, 143);

        assertEquals("archive", Files.readString(classData.archive()), "the exited JVM's archive is kept");
        assertFalse(Files.exists(training), "the training file became the archive");
        assertFalse(Files.exists(earlier) || Files.exists(earlierTraining), "earlier builds' files are removed");
    }

    @Test
    void discardsTheArchiveOfAKilledJvm(@TempDir Path app) throws Exception {
        TrainedClassData classData = TrainedClassData.of(Files.createFile(app.resolve("quarkus-run.jar")));
        Path training = Files.writeString(classData.newTrainingFile(), "cut short");

        classData.adopt(training, 137);

        assertFalse(classData.exists(), "a JVM killed with SIGKILL may have written half an archive");
        assertFalse(Files.exists(training), "its file is removed");
    }

    @Test
    void keepsTheFirstArchiveWhenReplicasTrainTogether(@TempDir Path app) throws Exception {
        TrainedClassData classData = TrainedClassData.of(Files.createFile(app.resolve("quarkus-run.jar")));
        Path first = Files.writeString(classData.newTrainingFile(), "first");
        Path second = Files.writeString(classData.newTrainingFile(), "second");

        classData.adopt(first, 143);
        classData.adopt(second, 143);

        assertEquals("first", Files.readString(classData.archive()), "replicas may be starting from the first one");
        assertFalse(Files.exists(second), "the second replica's file is removed");
    }

    /** A real JVM: the first run writes the archive at SIGTERM, and the next one starts from it (-Xshare:on). */
    @Test
    void aRealJvmTrainsAtExitAndTheNextStartUsesTheArchive(@TempDir Path app) throws Exception {
        Path jar = sleeperJar(app);
        ServiceProcess first = process(jar, List.of("-Xshare:on"));
        first.start();
        awaitMain(app, 1);
        first.stop(Duration.ofSeconds(30));
        TrainedClassData classData = TrainedClassData.of(jar);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!classData.exists() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(classData.exists(), "the first run left a trained archive; log: "
            + Files.readString(app.resolve("service.log")));

        ServiceProcess second = process(jar, List.of("-Xshare:on", "-Xlog:cds=info"));
        second.start();
        awaitMain(app, 2);
        second.stop(Duration.ofSeconds(30));
        String log = Files.readString(app.resolve("service.log"));
        assertTrue(log.contains("Opened shared archive file") || log.contains(classData.archive().toString()),
            "-Xshare:on refuses to start without the archive, and cds logging names it: " + log);
        assertFalse(log.contains("Error"), "no JVM error: " + log);
    }

    /**
     * Until the JVM of the {@code run}th start runs main: a SIGTERM that arrives before the JVM has installed its handlers ends it without the
     * exit-time dump (a fixed sleep was too short on a loaded 2-core machine).
     */
    private static void awaitMain(Path app, int run) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Path log = app.resolve("service.log"); // appended to by every run
        while (!Files.exists(log) || Files.readString(log).split("sleeping", -1).length <= run) {
            assertTrue(System.nanoTime() < deadline, "the JVM reaches main within 30 s");
            Thread.sleep(20);
        }
    }

    private static Path sleeperJar(Path dir) throws Exception {
        Path src = Files.writeString(dir.resolve("Sleeper.java"),
            "public class Sleeper { public static void main(String[] a) throws Exception { System.out.println(\"sleeping\"); "
                + "System.out.flush(); Thread.sleep(60000); } }");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(),
            src.toString()), "the sleeper compiles");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Sleeper");
        Path jar = dir.resolve("quarkus-run.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("Sleeper.class"));
            jarOut.write(Files.readAllBytes(dir.resolve("Sleeper.class")));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static ServiceProcess process(Path jar, List<String> jvmOptions) {
        return new ServiceProcess("catalog-service", jar, Map.of("quarkus.http.port", "1"), 9002,
            jar.resolveSibling("service.log"), jvmOptions);
    }
}
