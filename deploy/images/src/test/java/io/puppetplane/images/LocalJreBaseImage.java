package io.puppetplane.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK 17 base image as a {@code docker save} tar, made on this machine because no registry is reachable here:
 * a runtime cut from this machine's JDK with jlink at /opt/java with its default class-data archive, /bin/sh, the C
 * libraries they link, and the few files of /etc a JVM reads. It stands where a user names eclipse-temurin:17-jre or their own hardened image.
 */
final class LocalJreBaseImage {

    /** What Quarkus, Kafka's client, PostgreSQL's driver, BouncyCastle and the TLS stack need at run time. */
    private static final String MODULES = "java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,"
            + "jdk.management,jdk.naming.dns,jdk.net,jdk.jfr";
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[.\\d]*)");

    private LocalJreBaseImage() {
    }

    /** Writes the image to {@code dir/base.tar} (once; later calls reuse it) and returns its path. */
    static Path build(Path dir) throws IOException, InterruptedException {
        Path image = dir.resolve("base.tar");
        if (Files.isRegularFile(image)) {
            return image;
        }
        Path rootfs = dir.resolve("base-rootfs");
        HostCommand.run(dir, "rm", "-rf", rootfs.toString()); // what an interrupted build left
        Path jdk = Path.of(System.getProperty("java.home"));
        HostCommand.run(dir, jdk.resolve("bin/jlink").toString(), "--add-modules", MODULES, "--strip-debug",
                "--no-header-files", "--no-man-pages", "--output", rootfs.resolve("opt/java").toString());
        // the JDK's default class-data archive, as JDK images ship it (a trained archive is layered on top of it)
        HostCommand.run(dir, rootfs.resolve("opt/java/bin/java").toString(), "-Xshare:dump");
        copy(Path.of("/bin/sh").toRealPath(), rootfs.resolve("bin/sh"));
        Set<String> libraries = new TreeSet<>();
        try (Stream<Path> files = Files.walk(rootfs)) {
            for (Path file : files.filter(Files::isRegularFile).filter(LocalJreBaseImage::isElf).toList()) {
                Matcher m = LIBRARY.matcher(linkedLibraries(dir, file));
                while (m.find()) {
                    libraries.add(m.group(1));
                }
            }
        }
        for (String library : libraries) {
            if (!library.startsWith(rootfs.toString())) {
                copy(Path.of(library), rootfs.resolve(library.substring(1)));
            }
        }
        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "default:x:185:0:service:/tmp:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n");
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
        for (String empty : List.of("tmp", "proc", "dev", "root")) {
            Files.createDirectories(rootfs.resolve(empty));
        }
        HostCommand.run(dir, "chmod", "1777", rootfs.resolve("tmp").toString());

        Path layer = dir.resolve("layer.tar");
        HostCommand.run(dir, "tar", "--numeric-owner", "--owner=0", "--group=0", "-C", rootfs.toString(), "-cf",
                layer.toString(), ".");
        String diffId = "sha256:" + sha256(layer);
        Path archive = Files.createDirectories(dir.resolve("base-archive"));
        Files.move(layer, archive.resolve("layer.tar"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(archive.resolve("config.json"), "{\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"Env\":[\"PATH=/opt/java/bin:/usr/bin:/bin\",\"JAVA_HOME=/opt/java\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}", StandardCharsets.UTF_8);
        Files.writeString(archive.resolve("manifest.json"), "[{\"Config\":\"config.json\",\"RepoTags\":"
                + "[\"local/jre:17\"],\"Layers\":[\"layer.tar\"]}]", StandardCharsets.UTF_8);
        HostCommand.run(dir, "tar", "-C", archive.toString(), "-cf", image.toString(), "manifest.json", "config.json",
                "layer.tar");
        return image;
    }

    /** ldd's answer, or nothing for a static program (ldd then fails). */
    private static String linkedLibraries(Path dir, Path file) throws InterruptedException {
        try {
            return HostCommand.run(dir, "ldd", file.toString());
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
