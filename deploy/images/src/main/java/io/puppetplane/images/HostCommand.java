package io.puppetplane.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A program of the build machine (tar, mount, chroot…), run to its end. */
final class HostCommand {

    private HostCommand() {
    }

    /** Runs {@code command} in {@code dir}; returns its output, or fails with it (after 5 minutes at most). */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }
}
