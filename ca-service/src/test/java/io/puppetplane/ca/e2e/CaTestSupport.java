package io.puppetplane.ca.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.microprofile.config.ConfigProvider;

import io.puppetplane.ca.cli.CaApiClient;
import io.puppetplane.ca.cli.PuppetplaneCa;

/** The running test CA: its HTTPS port, its directory, the operator CLI and an admin API client. */
public final class CaTestSupport {

    /** Exit code and output of one CLI command. */
    public record CliRun(int exitCode, String out, String err) {
    }

    private CaTestSupport() {
    }

    public static int httpsPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }

    public static Path caDir() {
        return ConfigProvider.getConfig().getValue("puppetplane.ca.dir", Path.class);
    }

    public static String url() {
        return "https://localhost:" + httpsPort();
    }

    public static CliRun cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--ca-dir";
        all[args.length + 1] = caDir().toString();
        all[args.length + 2] = "--url";
        all[args.length + 3] = url();
        int code = new PuppetplaneCa(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static CaApiClient admin() throws IOException {
        Path admin = caDir().resolve("admin");
        return new CaApiClient(URI.create(url()), admin.resolve("cert.pem"), admin.resolve("key.pem"),
                admin.resolve("ca.pem"));
    }
}
