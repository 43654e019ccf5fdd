package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the end-to-end tests operate a running local plane as its operator does: enrollment-service's API as the
 * first admin, and the {@code puppetplane-ca} CLI with the CA directory's operator certificate.
 */
final class PlaneClients {

    private static final String DASHBOARD = "http://127.0.0.1:" + LocalControlPlane.DASHBOARD_PORT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalControlPlane plane;

    PlaneClients(LocalControlPlane plane) {
        this.plane = plane;
    }

    /** GET on enrollment-service's API as {@code authorization}; must answer 200. */
    String get(String path, String authorization) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(DASHBOARD + path))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
        return r.body();
    }

    /** GET as the first admin. */
    String get(String path) throws Exception {
        return get(path, plane.operators().basicAuthorization());
    }

    /**
     * A dashboard page as the first admin's browser gets it: logged in through the login form (session cookie),
     * then GET; must answer 200.
     */
    String page(String path) throws Exception {
        HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(DASHBOARD + "/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=" + plane.operators().adminName()
                        + "&j_password=" + java.net.URLEncoder.encode(plane.operators().adminPassword(),
                                StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), "the login form takes the first admin: " + login.body());
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(DASHBOARD + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
        return r.body();
    }

    /**
     * A GET of inventory-service's PuppetDB query API on its loopback plain-HTTP port (as pypuppetdb or Puppetboard
     * on the host would ask), once it answers 200 with a non-empty answer, or the last answer after 60 s.
     */
    String awaitPuppetDb(String pathAndQuery) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + LocalControlPlane.PUPPETDB_PLAIN_PORT + pathAndQuery);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = r.body();
            if (r.statusCode() == 200 && !last.isBlank() && !last.equals("[]")) {
                return last;
            }
            Thread.sleep(300);
        }
        return last;
    }

    /** POST of a JSON body as the first admin; must answer {@code expected}. */
    void post(String path, String json, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(DASHBOARD + path))
                .header("Authorization", plane.operators().basicAuthorization())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), "POST " + path + ": " + r.body());
    }

    /** Registers a node with role nc dialing from loopback, as a provisioning pipeline does. */
    void createNode(String certname, String kind) throws Exception {
        post("/api/v1/nodes", "{\"certname\":\"" + certname + "\",\"address\":\"127.0.0.1\",\"kind\":\"" + kind
                + "\",\"role\":\"nc\"}", 201);
    }

    /**
     * How many reports of {@code certname} enrollment-service shows (from the inventory) once {@code expected}
     * arrived (or 90 s passed), counted again a second later so that a duplicate right behind them shows.
     */
    int awaitReports(String certname, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int found = reports(certname);
        while (found < expected && System.nanoTime() < deadline) {
            Thread.sleep(300);
            found = reports(certname);
        }
        if (found < expected) {
            return found;
        }
        Thread.sleep(1000);
        return reports(certname);
    }

    /**
     * The transaction ids of {@code certname}'s reports as enrollment-service shows them from the inventory
     * (duplicates kept), once every id of {@code expected} is among them or 90 s passed, read again a second later
     * so a late duplicate shows.
     */
    List<String> awaitReportIds(String certname, java.util.Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> ids = reportIds(certname);
        while (!ids.containsAll(expected) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            ids = reportIds(certname);
        }
        Thread.sleep(1000);
        return reportIds(certname);
    }

    private List<String> reportIds(String certname) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"transactionUuid\":\"([^\"]+)\"")
                .matcher(get("/api/v1/nodes/" + certname + "/inventory?reports=100"));
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * The value of a numeric fact of {@code certname} as enrollment-service shows it from the inventory once it is
     * at least {@code atLeast} or 60 s passed (0 when the node has no such fact).
     */
    int awaitFact(String certname, String fact, int atLeast) throws Exception {
        java.util.regex.Pattern value = java.util.regex.Pattern.compile("\"" + fact + "\":\"?(\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int found = 0;
        do {
            java.util.regex.Matcher m = value.matcher(get("/api/v1/nodes/" + certname + "/inventory?reports=1"));
            found = m.find() ? Integer.parseInt(m.group(1)) : 0;
            if (found >= atLeast) {
                return found;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        return found;
    }

    private int reports(String certname) throws Exception {
        return get("/api/v1/nodes/" + certname + "/inventory?reports=100").split("\"transactionUuid\":\"", -1).length
                - 1;
    }

    /** {@code puppetplane-ca ARGS} against the plane's CA; must exit 0; returns its output. */
    String ca(String... args) throws Exception {
        Path home = Path.of("../../..").toAbsolutePath().normalize();
        ProcessBuilder cli = new ProcessBuilder(home.resolve("ca-service/bin/puppetplane-ca").toString());
        cli.command().addAll(List.of(args));
        cli.redirectErrorStream(true);
        cli.environment().put("PUPPETPLANE_CA_DIR", plane.stateDir().resolve("ca").toString());
        cli.environment().put("PUPPETPLANE_CA_URL", "https://localhost:" + LocalControlPlane.CA_PORT);
        Process process = cli.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the CA CLI must finish");
        assertEquals(0, process.exitValue(), "puppetplane-ca " + String.join(" ", args) + ": " + output);
        return output;
    }
}
