package io.puppetplane.inventory.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.inventory.testing.InventoryTestResource;
import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTTPS listener as PuppetDB's Jetty with {@code client-auth need} and a certificate allowlist: a certificate of
 * the plane's CA is required, and only listed names get past the handshake's 403.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
@QuarkusTestResource(InventoryTestResource.class)
class PuppetDbListenersTest {

    @Test
    void anAllowlistedClientCertificateIsServed() throws Exception {
        HttpResponse<String> r = get(client(InventoryTestResource.ALLOWED));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("7.12.1"), r.body());
    }

    @Test
    void aCertificateOfTheCaOutsideTheAllowlistGets403() throws Exception {
        HttpResponse<String> r = get(client("agent.example.com"));
        assertEquals(403, r.statusCode(), "a valid certificate whose name is not listed: " + r.body());
        assertTrue(r.body().contains("allowlist"), r.body());
    }

    @Test
    void noClientCertificateNoConnection() {
        TestCertificateAuthority ca = TestCertificateAuthority.loadFrom(pkiDir());
        SSLContext anonymous = TestCertificateAuthority.context(null, ca.certificate());
        assertThrows(IOException.class, () -> get(anonymous), "the handshake needs a client certificate");
    }

    private static SSLContext client(String certname) {
        TestCertificateAuthority ca = TestCertificateAuthority.loadFrom(pkiDir());
        return ca.issueClient(certname, Map.of()).clientContext();
    }

    private static Path pkiDir() {
        return Path.of(ConfigProvider.getConfig().getValue("puppetplane.test.pki-dir", String.class));
    }

    private static HttpResponse<String> get(SSLContext context) throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
        HttpClient http = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/pdb/meta/v1/version"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
