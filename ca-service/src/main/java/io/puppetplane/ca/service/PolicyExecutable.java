package io.puppetplane.ca.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/** Runs an autosign policy executable: {@code <exe> <certname>}, CSR PEM on stdin, exit 0 means sign. */
public final class PolicyExecutable {

    private static final Logger LOG = Logger.getLogger(PolicyExecutable.class);
    private static final int OUTPUT_LIMIT = 4096;

    /** What the executable said. */
    public record Verdict(boolean sign, String reason) {
    }

    private PolicyExecutable() {
    }

    public static Verdict run(Path executable, String certname, String csrPem, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), certname).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Verdict(false, "policy executable " + executable + " could not start: " + e.getMessage());
        }
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(csrPem.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the executable may exit without reading its input; its exit code still decides
            }
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> drain(process.getInputStream(), output), "autosign-policy-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Verdict(false, "policy executable " + executable + " ran longer than " + timeout
                        + " and was stopped");
            }
            reader.join(1000);
            int exit = process.exitValue();
            if (exit != 0) {
                LOG.warnf("Autosign policy %s refused %s (exit %d): %s", executable, certname, exit, output);
                return new Verdict(false, "policy executable " + executable + " exited " + exit);
            }
            LOG.debugf("Autosign policy %s approved %s: %s", executable, certname, output);
            return new Verdict(true, "policy executable " + executable + " exited 0");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Verdict(false, "policy executable interrupted");
        }
    }

    private static void drain(InputStream in, StringBuilder sink) {
        try (in) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (sink) {
                    if (sink.length() < OUTPUT_LIMIT) {
                        sink.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException ignored) {
            // the process was stopped; what was read is enough for the log
        }
    }
}
