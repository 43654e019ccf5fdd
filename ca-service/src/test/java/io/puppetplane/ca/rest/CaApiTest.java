package io.puppetplane.ca.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.ca.cli.CaApiClient;
import io.puppetplane.ca.e2e.AnonymousCaClient;
import io.puppetplane.ca.e2e.CaTestSupport;
import io.puppetplane.ca.e2e.TestCsrs;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.Topics;
import io.puppetplane.events.payload.NodeStateChanged;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The CA API over real HTTPS, PostgreSQL and Kafka: refusals, admin authorisation, tokens, decommission. */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class CaApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void malformedCsrIsRefusedWith400AndNothingIsStored() throws Exception {
        AnonymousCaClient agent = new AnonymousCaClient();
        HttpResponse<String> reply = agent.putCsr("garbage.example.com", "-----BEGIN CERTIFICATE REQUEST-----\nnope\n");
        assertEquals(400, reply.statusCode(), "malformed CSR: " + reply.body());
        assertEquals(404, status("garbage.example.com"), "nothing stored for a malformed CSR");
    }

    @Test
    void csrWhoseCommonNameDiffersFromTheUrlIsRefused() throws Exception {
        HttpResponse<String> reply = new AnonymousCaClient().putCsr("url.example.com",
                TestCsrs.csr("other.example.com", null, null));
        assertEquals(400, reply.statusCode(), "CN mismatch: " + reply.body());
        assertTrue(reply.body().contains("does not match"), "message says why: " + reply.body());
        assertEquals(404, status("url.example.com"), "nothing stored for a mismatched CSR");
    }

    @Test
    void oversizedCsrAndInvalidNamesAreRefused() throws Exception {
        AnonymousCaClient agent = new AnonymousCaClient();
        HttpResponse<String> big = agent.putCsr("big.example.com", "A".repeat(70_000));
        assertEquals(400, big.statusCode(), "oversized CSR: " + big.body());
        HttpResponse<String> upper = agent.putCsr("Upper.example.com", TestCsrs.csr("Upper.example.com", null, null));
        assertEquals(400, upper.statusCode(), "upper-case certname: " + upper.body());
    }

    @Test
    void secondCsrForAPendingNameIsRefusedWith400() throws Exception {
        AnonymousCaClient agent = new AnonymousCaClient();
        String name = "dup-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        assertEquals(200, agent.putCsr(name, TestCsrs.csr(name, null, null)).statusCode(), "first CSR accepted");
        HttpResponse<String> second = agent.putCsr(name, TestCsrs.csr(name, null, null));
        assertEquals(400, second.statusCode(), "second CSR refused: " + second.body());
        assertTrue(second.body().contains("already has a requested certificate"), second.body());
        HttpResponse<String> cert = agent.send("GET", "/puppet-ca/v1/certificate/" + name, null);
        assertEquals(404, cert.statusCode(), "pending certificate is 404 for the agent");
    }

    @Test
    void adminEndpointsRefuseCallersWithoutPpCliAuth() throws Exception {
        HttpResponse<String> reply = new AnonymousCaClient().send("GET", "/puppet-ca/v1/certificate_statuses/any",
                null);
        assertEquals(403, reply.statusCode(), "no client certificate, no admin API: " + reply.body());
    }

    @Test
    void adminRefusesBadStatesAndUnknownNames() throws Exception {
        CaApiClient admin = CaTestSupport.admin();
        assertEquals(404, admin.put("/puppet-ca/v1/certificate_status/unknown.example.com",
                "{\"desired_state\":\"signed\"}").status(), "unknown name");
        CaApiClient.Reply bad = admin.put("/puppet-ca/v1/certificate_status/unknown.example.com",
                "{\"desired_state\":\"frozen\"}");
        assertEquals(400, bad.status(), "bad state: " + bad.body());
        assertEquals(400, admin.put("/puppet-ca/v1/certificate_status/x.example.com", "{not json").status(),
                "malformed JSON");
    }

    @Test
    void crlAnswers304WhenTheAgentCopyIsCurrent() throws Exception {
        String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(
                Instant.now().plusSeconds(3600), ZoneOffset.UTC));
        HttpResponse<String> reply = new AnonymousCaClient().send("GET",
                "/puppet-ca/v1/certificate_revocation_list/ca", null, "If-Modified-Since", future);
        assertEquals(304, reply.statusCode(), "not modified since a later date");
    }

    @Test
    void caCertificateAnswers304UntilTheBundleChanges() throws Exception {
        AnonymousCaClient agent = new AnonymousCaClient();
        HttpResponse<String> first = agent.send("GET", "/puppet-ca/v1/certificate/ca", null);
        assertEquals(200, first.statusCode(), "unconditional GET sends the bundle");
        String lastModified = first.headers().firstValue("Last-Modified").orElse("");
        assertTrue(!lastModified.isEmpty(), "the bundle carries Last-Modified");

        HttpResponse<String> same = agent.send("GET", "/puppet-ca/v1/certificate/ca", null,
                "If-Modified-Since", lastModified);
        assertEquals(304, same.statusCode(), "a copy as new as Last-Modified is current");
        assertEquals("", same.body(), "304 has no body");

        String older = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.parse(lastModified,
                DateTimeFormatter.RFC_1123_DATE_TIME).minusSeconds(1));
        HttpResponse<String> stale = agent.send("GET", "/puppet-ca/v1/certificate/ca", null,
                "If-Modified-Since", older);
        assertEquals(200, stale.statusCode(), "a copy older than the bundle gets it");
        assertEquals(first.body(), stale.body(), "the same bundle");
        HttpResponse<String> garbled = agent.send("GET", "/puppet-ca/v1/certificate/ca", null,
                "If-Modified-Since", "yesterday");
        assertEquals(200, garbled.statusCode(), "an unreadable date means send it, as Puppet Server does");
    }

    @Test
    void renewalIsNotFoundWhileItIsNotAllowed() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("no-renewal");
        assertEquals(0, CaTestSupport.cli("generate", "norenew.example.com", "--out", out.toString()).exitCode());
        CaApiClient node = new CaApiClient(java.net.URI.create(CaTestSupport.url()), out.resolve("cert.pem"),
                out.resolve("key.pem"), out.resolve("ca.pem"));
        CaApiClient.Reply reply = node.post("/puppet-ca/v1/certificate_renewal", "");
        assertEquals(404, reply.status(), "off by default, 404 as Puppet Server answers (the agent logs "
                + "\"not enabled\" and keeps its certificate): " + reply.body());
    }

    @Test
    void enrollmentTokenSignsOnceAndOnlyForItsName() throws Exception {
        String name = "token-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        CaTestSupport.CliRun issued = CaTestSupport.cli("token", name, "--ttl", "600");
        assertEquals(0, issued.exitCode(), "token issued: " + issued);
        String token = issued.out().trim();
        AnonymousCaClient agent = new AnonymousCaClient();

        String other = "other-" + name;
        assertEquals(200, agent.putCsr(other, TestCsrs.csr(other, token, null)).statusCode(), "stored");
        assertEquals(404, agent.send("GET", "/puppet-ca/v1/certificate/" + other, null).statusCode(),
                "a token for another name does not sign");

        assertEquals(200, agent.putCsr(name, TestCsrs.csr(name, token, "web")).statusCode(), "stored");
        assertEquals(200, agent.send("GET", "/puppet-ca/v1/certificate/" + name, null).statusCode(),
                "the token signed the CSR at once");

        assertEquals(0, CaTestSupport.cli("clean", name).exitCode(), "cleaned so the name may enroll again");
        assertEquals(200, agent.putCsr(name, TestCsrs.csr(name, token, null)).statusCode(), "stored again");
        assertEquals(404, agent.send("GET", "/puppet-ca/v1/certificate/" + name, null).statusCode(),
                "a consumed token does not sign twice");
    }

    @Test
    void decommissionedNodeLosesItsCertificateOnce() throws Exception {
        String name = "decom-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        AnonymousCaClient agent = new AnonymousCaClient();
        assertEquals(200, agent.putCsr(name, TestCsrs.csr(name, null, null)).statusCode(), "stored");
        assertEquals(0, CaTestSupport.cli("sign", name).exitCode(), "signed");

        String event = new CloudEventCodec("enrollment-service", java.time.Clock.systemUTC())
                .encode(new NodeStateChanged(name, "active", "decommissioned", "retired", Instant.now()), name)
                .cloudEventJson();
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.NODES, name, event)).get();
            producer.send(new ProducerRecord<>(Topics.NODES, name, event)).get(); // redelivery
        }
        Instant deadline = Instant.now().plusSeconds(60);
        String state = "";
        while (Instant.now().isBefore(deadline) && !"revoked".equals(state)) {
            Thread.sleep(500);
            state = JSON.readTree(CaTestSupport.admin().get("/puppet-ca/v1/certificate_status/" + name).body())
                    .path("state").asText();
        }
        assertEquals("revoked", state, "the decommission event revoked " + name);
    }

    @Test
    void issueServiceCertWritesAKeyPairThatMayUseTheAdminApi() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("svc-cert");
        CaTestSupport.CliRun run = CaTestSupport.cli("issue-service-cert", "catalog-service", "--dns", "localhost",
                "--dns", "puppet.example.com", "--ip", "127.0.0.1", "--out", out.toString());
        assertEquals(0, run.exitCode(), "issued: " + run);
        java.security.cert.X509Certificate cert = io.puppetplane.ca.service.PemCodec.readCertificate(
                java.nio.file.Files.readString(out.resolve("cert.pem")));
        String sans = String.valueOf(cert.getSubjectAlternativeNames());
        assertTrue(sans.contains("puppet.example.com") && sans.contains("127.0.0.1"), "SANs: " + sans);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(out.resolve("key.pem"))), "key readable by owner only");
        CaApiClient service = new CaApiClient(java.net.URI.create(CaTestSupport.url()), out.resolve("cert.pem"),
                out.resolve("key.pem"), out.resolve("ca.pem"));
        assertEquals(200, service.get("/puppet-ca/v1/certificate_statuses/any").status(),
                "a service certificate carries pp_cli_auth and may call the admin API");
        com.fasterxml.jackson.databind.JsonNode status = JSON.readTree(CaTestSupport.admin()
                .get("/puppet-ca/v1/certificate_status/catalog-service").body());
        assertEquals("true", status.path("authorization_extensions").path("pp_cli_auth").asText(),
                "the status lists the certificate's authorization extensions, as Puppet Server's does: " + status);
    }

    @Test
    void generateIssuesANodeCertificateThatMayNotUseTheAdminApi() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("gen-cert");
        CaTestSupport.CliRun run = CaTestSupport.cli("generate", "gen1.example.com", "--dns", "gen1",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), "generated: " + run);
        java.security.cert.X509Certificate cert = io.puppetplane.ca.service.PemCodec.readCertificate(
                java.nio.file.Files.readString(out.resolve("cert.pem")));
        assertTrue(String.valueOf(cert.getSubjectAlternativeNames()).contains("gen1"), "SANs as asked");
        assertEquals(null, io.puppetplane.ca.service.PemCodec.extensionText(cert,
                io.puppetplane.ca.service.PuppetOids.PP_CLI_AUTH), "a node's certificate has no pp_cli_auth");
        CaApiClient node = new CaApiClient(java.net.URI.create(CaTestSupport.url()), out.resolve("cert.pem"),
                out.resolve("key.pem"), out.resolve("ca.pem"));
        assertEquals(403, node.get("/puppet-ca/v1/certificate_statuses/any").status(),
                "a generated node certificate may not call the admin API");
        assertEquals("signed", JSON.readTree(CaTestSupport.admin().get("/puppet-ca/v1/certificate_status/"
                + "gen1.example.com").body()).path("state").asText(), "the CA lists it as signed");

        CaTestSupport.CliRun client = CaTestSupport.cli("generate", "gen-op.example.com", "--ca-client",
                "--out", out.resolve("op").toString());
        assertEquals(0, client.exitCode(), "generated with --ca-client: " + client);
        CaApiClient operator = new CaApiClient(java.net.URI.create(CaTestSupport.url()),
                out.resolve("op/cert.pem"), out.resolve("op/key.pem"), out.resolve("op/ca.pem"));
        assertEquals(200, operator.get("/puppet-ca/v1/certificate_statuses/any").status(),
                "--ca-client gives pp_cli_auth, as puppetserver ca generate --ca-client does");
        assertEquals(2, CaTestSupport.cli("generate", "gen2.example.com").exitCode(), "generate needs --out");
    }

    private static int status(String name) throws Exception {
        return CaTestSupport.admin().get("/puppet-ca/v1/certificate_status/" + name).status();
    }
}
