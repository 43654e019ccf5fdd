package io.puppetplane.trust.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.payload.CertificateRevoked;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.trust.ClientCertificateRejected;
import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.puppetplane.trust.testing.TestCertificateAuthority.IssuedCertificate;
import io.puppetplane.trust.testing.TestPkiResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresAndKafkaTestResource.class)
@QuarkusTestResource(TestPkiResource.class)
class ClientCertificateFilterTest {

    private static final String PP_ROLE = "1.3.6.1.4.1.34380.1.1.13";

    @TestHTTPResource(value = "/test", tls = true)
    URI base;
    @ConfigProperty(name = "puppetplane.test.pki-dir")
    Path pkiDir;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @jakarta.inject.Inject
    RejectionRecorder rejections;

    @Test
    void acceptsAnUnrevokedCertificateOfOurCaAndExposesItsIdentity() throws Exception {
        IssuedCertificate node = ca().issueClient("nc1.example.com", Map.of(PP_ROLE, "nc"));

        HttpResponse<String> response = get("/guarded", node.clientContext());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("nc1.example.com nc", response.body(), "certname and pp_role come from the certificate");
    }

    @Test
    void refusesAGuardedRequestWithoutClientCertificate() throws Exception {
        HttpResponse<String> response = get("/guarded", TestCertificateAuthority.context(null, ca().certificate()));

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("requires a client certificate"), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""),
                "the agent parses JSON error bodies for their message");
    }

    @Test
    void openEndpointNeedsNoCertificate() throws Exception {
        HttpResponse<String> response = get("/open", TestCertificateAuthority.context(null, ca().certificate()));

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void refusesACertificateTheCrlRevokes() throws Exception {
        SSLContext context = loadIssued("revoked-in-crl").clientContext();

        HttpResponse<String> response = get("/guarded", context);

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains(TestPkiResource.REVOKED_IN_CRL + " (serial")
                && response.body().contains("revoked"), response.body());
        assertTrue(rejections.seen().stream().anyMatch(r -> r.certname().orElse("").equals(TestPkiResource.REVOKED_IN_CRL)
                && r.reason().equals(ClientCertificateRejected.CERTIFICATE_REVOKED) && r.path().equals("/test/guarded")),
                "services observe the rejection: " + rejections.seen());
    }

    @Test
    void revokedEventMakesTheNextRequestFail() throws Exception {
        IssuedCertificate node = ca().issueClient("soon-revoked.example.com", Map.of());
        SSLContext context = node.clientContext();
        assertEquals(200, get("/guarded", context).statusCode(), "valid before the revocation");

        publishRevocation("soon-revoked.example.com", node.serial());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> response = get("/guarded", context);
        while (response.statusCode() == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            response = get("/guarded", context);
        }
        assertEquals(403, response.statusCode(), "the revocation event must reach this replica: " + response.body());
        assertTrue(response.body().contains("soon-revoked.example.com"), response.body());
    }

    private void publishRevocation(String certname, BigInteger serial) throws Exception {
        CloudEventCodec codec = new CloudEventCodec("ca-service", Clock.systemUTC());
        OutgoingEvent event = codec.encode(new CertificateRevoked(certname, serial.toString(), Instant.now(),
                "test"), certname);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), event.cloudEventJson())).get();
        }
    }

    private TestCertificateAuthority ca() {
        return TestCertificateAuthority.loadFrom(pkiDir);
    }

    private IssuedCertificate loadIssued(String name) {
        return TestCertificateAuthority.readIssued(pkiDir, name, ca().certificate());
    }

    private HttpResponse<String> get(String path, SSLContext context) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(30)).build();
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
