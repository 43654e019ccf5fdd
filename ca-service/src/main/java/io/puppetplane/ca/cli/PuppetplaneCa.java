package io.puppetplane.ca.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.ca.service.CaDirectory;
import io.puppetplane.ca.service.PuppetServerCaDirectory;

/**
 * The operator CLI. Every command except {@code import} talks to the running CA over HTTPS, authenticated by the
 * operator certificate the CA writes at bootstrap into {@code $PUPPETPLANE_CA_DIR/admin/} (pp_cli_auth=true); so
 * only who can read the CA directory can operate the CA. {@code import} works on the directory before first start.
 *
 * <pre>
 * puppetplane-ca list [--state requested|signed|revoked]
 * puppetplane-ca sign NAME | revoke NAME | clean NAME
 * puppetplane-ca token NAME [--ttl SECONDS]
 * puppetplane-ca issue-service-cert NAME [--dns NAME]... [--ip ADDRESS]... --out DIR
 * puppetplane-ca generate NAME [--dns NAME]... [--ip ADDRESS]... [--ca-client] --out DIR
 * puppetplane-ca import PUPPETSERVER_CA_DIR
 * </pre>
 * Options (or environment): {@code --ca-dir} ({@code PUPPETPLANE_CA_DIR}, default {@code ca}),
 * {@code --url} ({@code PUPPETPLANE_CA_URL}, default {@code https://localhost:8141}).
 */
public final class PuppetplaneCa {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;

    public PuppetplaneCa(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new PuppetplaneCa(System.out, System.err).run(args));
    }

    /** Runs one command; returns the process exit code (0 ok, 1 refused by the CA, 2 usage or I/O error). */
    public int run(String... args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("puppetplane-ca: " + e.getMessage());
            err.println("usage: puppetplane-ca list|sign|revoke|clean|token|issue-service-cert|generate|import ... "
                    + "(see ca-service/README.md)");
            return 2;
        }
        try {
            return execute(options);
        } catch (ConnectException e) {
            err.println("puppetplane-ca: cannot reach the CA at " + options.url + " (is ca-service running?)");
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("puppetplane-ca: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private int execute(Options o) throws IOException, InterruptedException {
        CaDirectory dir = new CaDirectory(o.caDir);
        if (o.command.equals("import")) {
            if (dir.hasCa()) {
                err.println("puppetplane-ca: " + dir.root() + " already holds a CA; import only into a new CA "
                        + "directory, before ca-service first starts");
                return 1;
            }
            new PuppetServerCaDirectory(Path.of(o.name)).copyInto(dir);
            out.println("Imported " + o.name + " into " + dir.root()
                    + "; ca-service loads its certificates into the database at its next start");
            return 0;
        }
        Path admin = dir.adminDir();
        if (!Files.isRegularFile(admin.resolve("cert.pem"))) {
            err.println("puppetplane-ca: no operator certificate in " + admin + "; start ca-service once so it "
                    + "bootstraps the CA, and check PUPPETPLANE_CA_DIR");
            return 2;
        }
        CaApiClient client = new CaApiClient(URI.create(o.url), admin.resolve("cert.pem"), admin.resolve("key.pem"),
                admin.resolve("ca.pem"));
        String name = o.name == null ? null : URLEncoder.encode(o.name, StandardCharsets.UTF_8);
        CaApiClient.Reply reply = switch (o.command) {
            case "list" -> client.get("/puppet-ca/v1/certificate_statuses/any"
                    + (o.state == null ? "" : "?state=" + URLEncoder.encode(o.state, StandardCharsets.UTF_8)));
            case "sign" -> client.put("/puppet-ca/v1/certificate_status/" + name, "{\"desired_state\":\"signed\"}");
            case "revoke" -> client.put("/puppet-ca/v1/certificate_status/" + name,
                    "{\"desired_state\":\"revoked\"}");
            case "clean" -> client.put("/puppet-ca/v1/clean",
                    JSON.createObjectNode().set("certnames", JSON.createArrayNode().add(o.name)).toString());
            case "token" -> client.post("/puppet-ca/v1/enrollment_token/" + name,
                    o.ttl == null ? "{}" : "{\"ttl_seconds\":" + Long.parseLong(o.ttl) + "}");
            case "issue-service-cert", "generate" -> {
                ObjectNode body = JSON.createObjectNode();
                o.dns.forEach(body.putArray("dns")::add);
                o.ips.forEach(body.putArray("ip")::add);
                body.put("ca_client", o.command.equals("issue-service-cert") || o.caClient);
                yield client.post("/puppet-ca/v1/service_certificate/" + name, body.toString());
            }
            default -> throw new IllegalArgumentException("unknown command " + o.command);
        };
        if (reply.status() >= 300) {
            err.println("puppetplane-ca: the CA answered " + reply.status() + ": " + reply.body().trim());
            return 1;
        }
        switch (o.command) {
            case "list" -> printList(JSON.readTree(reply.body()));
            case "token" -> out.println(JSON.readTree(reply.body()).path("token").asText());
            case "issue-service-cert", "generate" -> {
                JsonNode issued = JSON.readTree(reply.body());
                Files.createDirectories(o.out);
                CaDirectory.write(o.out.resolve("cert.pem"), issued.path("cert").asText());
                CaDirectory.write(o.out.resolve("ca.pem"), issued.path("ca").asText());
                writeKey(o.out.resolve("key.pem"), issued.path("key").asText());
                out.println("Wrote cert.pem, key.pem and ca.pem for " + o.name + " into " + o.out);
            }
            default -> out.println(o.command.substring(0, 1).toUpperCase() + o.command.substring(1)
                    + (o.command.endsWith("n") ? "ed " : "d ") + o.name);
        }
        return 0;
    }

    private static void writeKey(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private void printList(JsonNode statuses) {
        for (JsonNode s : statuses) {
            out.printf("%-10s %-40s %s%n", s.path("state").asText(), s.path("name").asText(),
                    s.path("fingerprint").asText());
        }
    }

    /** Parsed command line. */
    private static final class Options {
        String command;
        String name;
        String state;
        String ttl;
        Path out;
        boolean caClient;
        Path caDir = Path.of(env("PUPPETPLANE_CA_DIR", "ca"));
        String url = env("PUPPETPLANE_CA_URL", "https://localhost:8141");
        final List<String> dns = new ArrayList<>();
        final List<String> ips = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--ca-dir" -> o.caDir = Path.of(value(args, ++i, a));
                    case "--url" -> o.url = value(args, ++i, a);
                    case "--state" -> o.state = value(args, ++i, a);
                    case "--ttl" -> o.ttl = value(args, ++i, a);
                    case "--dns" -> o.dns.add(value(args, ++i, a));
                    case "--ip" -> o.ips.add(value(args, ++i, a));
                    case "--out" -> o.out = Path.of(value(args, ++i, a));
                    case "--ca-client" -> o.caClient = true;
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        } else if (o.command == null) {
                            o.command = a;
                        } else if (o.name == null) {
                            o.name = a;
                        } else {
                            throw new IllegalArgumentException("unexpected argument " + a);
                        }
                    }
                }
            }
            if (o.command == null) {
                throw new IllegalArgumentException("a command is required");
            }
            if (!List.of("list", "sign", "revoke", "clean", "token", "issue-service-cert", "generate", "import")
                    .contains(o.command)) {
                throw new IllegalArgumentException("unknown command " + o.command);
            }
            if (!o.command.equals("list") && o.name == null) {
                throw new IllegalArgumentException(o.command + " needs a name");
            }
            if ((o.command.equals("issue-service-cert") || o.command.equals("generate")) && o.out == null) {
                throw new IllegalArgumentException(o.command + " needs --out DIR");
            }
            if (o.ttl != null && !o.ttl.matches("[0-9]+")) {
                throw new IllegalArgumentException("--ttl takes seconds");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }
}
