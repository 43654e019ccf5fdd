package io.puppetplane.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An image tar unpacked layer by layer into a directory and run there under chroot, as a container runtime would
 * run it (same entrypoint, environment, user and working directory from the image's config), without one: there is
 * no container runtime on these machines. The first start mounts /proc for the JVM and makes a few device nodes;
 * {@link #close()} unmounts before anything may delete the directory.
 */
final class ImageRootfs implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path rootfs;
    private final JsonNode config;
    private final List<String> repoTags = new ArrayList<>();
    private boolean procMounted;

    private ImageRootfs(Path rootfs, JsonNode config) {
        this.rootfs = rootfs;
        this.config = config;
    }

    /** Unpacks {@code image} (a {@code docker save} tar, as Jib writes it) into {@code dir}, emptied first. */
    static ImageRootfs unpack(Path image, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        removeLeftovers(dir);
        Path archive = Files.createDirectories(dir.resolve("archive"));
        HostCommand.run(dir, "tar", "-C", archive.toString(), "-xf", image.toAbsolutePath().toString());
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        for (JsonNode layer : manifest.path("Layers")) {
            // tar detects gzip itself; layers hold no whiteouts (Jib adds, never removes)
            HostCommand.run(dir, "tar", "--same-owner", "--warning=no-unknown-keyword", "-C", rootfs.toString(), "-xf",
                    archive.resolve(layer.asText()).toString());
        }
        ImageRootfs unpacked = new ImageRootfs(rootfs, JSON.readTree(archive.resolve(manifest.path("Config")
                .asText()).toFile()).path("config"));
        manifest.path("RepoTags").forEach(t -> unpacked.repoTags.add(t.asText()));
        return unpacked;
    }

    /** What a runtime gives every container: /proc and the basic device nodes. */
    private void prepareToRun() throws IOException, InterruptedException {
        if (procMounted) {
            return;
        }
        Path dev = Files.createDirectories(rootfs.resolve("dev"));
        for (Map.Entry<String, String> node : Map.of("null", "3", "zero", "5", "random", "8", "urandom", "9")
                .entrySet()) {
            if (!Files.exists(dev.resolve(node.getKey()))) {
                HostCommand.run(rootfs, "mknod", "-m", "666", dev.resolve(node.getKey()).toString(), "c", "1",
                        node.getValue());
            }
        }
        // a runtime names the container's host in /etc/hosts (without it InetAddress.getLocalHost() fails)
        String hostname = HostCommand.run(rootfs, "hostname").trim();
        Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 " + hostname + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(rootfs.resolve("proc"));
        HostCommand.run(rootfs, "mount", "-t", "proc", "proc", rootfs.resolve("proc").toString());
        procMounted = true;
    }

    /** What an interrupted earlier run left in {@code dir}: its /proc mount first, so nothing walks into it. */
    private static void removeLeftovers(Path dir) throws IOException, InterruptedException {
        Path proc = dir.resolve("rootfs/proc");
        if (Files.isDirectory(proc) && HostCommand.run(dir, "cat", "/proc/self/mounts").contains(" " + proc + " ")) {
            HostCommand.run(dir, "umount", "-l", proc.toString());
        }
        HostCommand.run(dir, "rm", "-rf", dir.resolve("rootfs").toString(), dir.resolve("archive").toString());
    }

    Path root() {
        return rootfs;
    }

    List<String> repoTags() {
        return repoTags;
    }

    JsonNode config() {
        return config;
    }

    /** A directory inside the image that the image's user may write, as a volume would be. */
    Path writableDirectory(String path) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(rootfs.resolve(path.substring(1)));
        HostCommand.run(rootfs, "chown", "-R", config.path("User").asText("0"), dir.toString());
        return dir;
    }

    /** Starts the image's entrypoint (or {@code command} instead) with the image's environment plus {@code env}. */
    Process start(Map<String, String> env, Path log, String... command) throws IOException, InterruptedException {
        prepareToRun();
        List<String> argv = new ArrayList<>(List.of("chroot", "--userspec=" + config.path("User").asText("0") + ":0",
                rootfs.toString(), "/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh",
                config.path("WorkingDir").asText("/")));
        if (command.length > 0) {
            argv.addAll(List.of(command));
        } else {
            config.path("Entrypoint").forEach(e -> argv.add(e.asText()));
            config.path("Cmd").forEach(e -> argv.add(e.asText()));
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        for (JsonNode pair : config.path("Env")) {
            String[] kv = pair.asText().split("=", 2);
            builder.environment().put(kv[0], kv[1]);
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (procMounted) {
            HostCommand.run(rootfs, "umount", "-l", rootfs.resolve("proc").toString());
            procMounted = false;
        }
    }
}
