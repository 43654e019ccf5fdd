package io.puppetplane.fileserve.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.OutgoingEvent;
import io.puppetplane.events.Topics;
import io.puppetplane.events.payload.FileAccessDenied;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.fileserve.testing.FileserveMountsResource;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.puppetplane.trust.testing.TestCertificateAuthority;
import io.puppetplane.trust.testing.TestPkiResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresAndKafkaTestResource.class)
@QuarkusTestResource(TestPkiResource.class)
@QuarkusTestResource(FileserveMountsResource.class)
class FileServingResourceTest {

    private static final String PP_ROLE = "1.3.6.1.4.1.34380.1.1.13";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/puppet/v3", tls = true)
    URI api;
    @ConfigProperty(name = "puppetplane.test.pki-dir")
    Path pkiDir;
    @ConfigProperty(name = "puppetplane.test.mounts-dir")
    Path mounts;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TestCertificateAuthority ca;

    @BeforeEach
    void loadCa() {
        ca = TestCertificateAuthority.loadFrom(pkiDir);
    }

    @Test
    void allowedNodeGetsMetadataWhoseChecksumMatchesTheContent() throws Exception {
        SSLContext node = client("nc1.example.com", Map.of());

        HttpResponse<byte[]> metadata = get("/file_metadata/eucakeys/cloud-cert.pem?environment=production"
                + "&links=manage&checksum_type=sha256&source_permissions=ignore", node);
        HttpResponse<byte[]> content = get("/file_content/eucakeys/cloud-cert.pem?environment=production", node);

        assertEquals(200, metadata.statusCode(), text(metadata));
        assertTrue(metadata.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "the agent needs a JSON content type (it strips ;charset)");
        JsonNode meta = JSON.readTree(metadata.body());
        assertEquals(mounts.resolve("keys/cloud-cert.pem").toString(), meta.get("path").asText(), "absolute path");
        assertTrue(meta.get("relative_path").isNull(), "relative_path is null for one file");
        assertEquals("file", meta.get("type").asText(), "type");
        assertEquals(420, meta.get("mode").asInt(), "0644 under source_permissions=ignore");
        assertEquals(200, content.statusCode(), text(content));
        assertArrayEquals(FileserveMountsResource.CLOUD_CERT.getBytes(), content.body(), "exact bytes");
        assertEquals("{sha256}" + sha256(content.body()), meta.get("checksum").get("value").asText(),
                "metadata checksum is of the bytes served");
    }

    @Test
    void recursiveMetadataListsTheMountRootFirst() throws Exception {
        HttpResponse<byte[]> response = get("/file_metadatas/eucakeys?recurse=true&ignore=node-*&links=manage"
                + "&checksum_type=md5&environment=production", client("nc1.example.com", Map.of()));

        assertEquals(200, response.statusCode(), text(response));
        JsonNode all = JSON.readTree(response.body());
        assertEquals(".", all.get(0).get("relative_path").asText(), "root first");
        assertEquals("directory", all.get(0).get("type").asText(), "root is the directory");
        List<String> relative = new java.util.ArrayList<>();
        all.forEach(m -> relative.add(m.get("relative_path").asText()));
        assertEquals(List.of(".", "cloud-cert.pem", "sub", "sub/extra.txt"), relative,
                "ignore skips node-*, and the link leaving the mount is not listed");
    }

    @Test
    void cachedRecursiveListingSeesAChangedFileAndStillChecksAccessPerRequest() throws Exception {
        SSLContext node = client("nc1.example.com", Map.of());
        String listing = "/file_metadatas/eucakeys/sub?recurse=true&links=manage&checksum_type=sha256&environment=production";
        Path extra = mounts.resolve("keys/sub/extra.txt");
        byte[] original = Files.readAllBytes(extra);
        try {
            assertEquals(200, get(listing, node).statusCode(), "first listing (cached)");
            assertEquals(403, get(listing, client(FileserveMountsResource.OUTSIDER, Map.of())).statusCode(),
                    "a cached listing is still refused to a denied node");

            Files.writeString(extra, "changed after the listing was cached\n");

            byte[] served = get("/file_content/eucakeys/sub/extra.txt?environment=production", node).body();
            String expected = "{sha256}" + sha256(served);
            String seen = "";
            for (int i = 0; i < 200 && !seen.equals(expected); i++) {
                seen = checksumOf(JSON.readTree(get(listing, node).body()), "extra.txt");
                Thread.sleep(i == 0 ? 0 : 50);
            }
            assertEquals(expected, seen, "the listing's checksum matches the bytes now served");
        } finally {
            Files.write(extra, original);
        }
    }

    private static String checksumOf(JsonNode listing, String relative) {
        for (JsonNode entry : listing) {
            if (relative.equals(entry.get("relative_path").asText())) {
                return entry.get("checksum").get("value").asText();
            }
        }
        return "";
    }

    @Test
    void deniedCertnameGetsA403AndTheDenialIsPublished() throws Exception {
        HttpResponse<byte[]> response = get("/file_content/eucakeys/cloud-cert.pem?environment=production",
                client(FileserveMountsResource.OUTSIDER, Map.of()));

        assertEquals(403, response.statusCode(), text(response));
        String message = JSON.readTree(response.body()).get("message").asText();
        assertTrue(message.contains("deny " + FileserveMountsResource.OUTSIDER), message);
        // the listing test is refused to the same certname under the same rule: match the path as well
        FileAccessDenied event = awaitDenial(FileserveMountsResource.OUTSIDER, "deny ", "/cloud-cert.pem");
        assertEquals("eucakeys", event.mount(), "mount in the event");
        assertEquals("/cloud-cert.pem", event.path(), "path in the event");
        assertEquals("127.0.0.1", event.clientAddress(), "socket peer in the event");
    }

    @Test
    void nodeOutsideTheAllowedCidrGetsA403() throws Exception {
        HttpResponse<byte[]> response = get("/file_metadata/faraway/cloud-cert.pem?environment=production",
                client("nc1.example.com", Map.of()));

        assertEquals(403, response.statusCode(), text(response));
        assertTrue(text(response).contains("no allow rule matches"), text(response));
    }

    @Test
    void traversalAttemptsAreRefused() throws Exception {
        SSLContext node = client("nc1.example.com", Map.of());
        for (String attempt : new String[] {"/file_content/eucakeys/../../secret.txt",
            "/file_content/eucakeys/sub/../../secret.txt", "/file_content/eucakeys/..%2F..%2Fsecret.txt",
            "/file_content/eucakeys/%2e%2e/secret.txt", "/file_metadata/eucakeys/sub%2F..%2F..%2Fsecret.txt",
            "/file_content/eucakeys/escape", "/file_metadata/eucakeys/escape?links=follow"}) {
            HttpResponse<byte[]> response = get(attempt, node);
            int status = response.statusCode();
            assertTrue(status == 400 || status == 403 || status == 404, attempt + " gave " + status);
            assertTrue(!text(response).contains("outside the mount\n"), attempt + " leaked the file");
        }
        awaitDenial("nc1.example.com", "symlink-outside-mount");
        awaitDenial("nc1.example.com", "encoded-path-separator");
    }

    @Test
    void perNodePathAndExtensionRule() throws Exception {
        Files.createDirectories(mounts.resolve("nodes/nc2.example.com"));
        Files.writeString(mounts.resolve("nodes/nc2.example.com/id"), "nc2 only\n");

        HttpResponse<byte[]> mine = get("/file_content/bynode/id", client("nc2.example.com", Map.of(PP_ROLE, "nc")));
        HttpResponse<byte[]> other = get("/file_content/bynode/id", client("nc3.example.com", Map.of(PP_ROLE, "nc")));
        HttpResponse<byte[]> notNc = get("/file_content/bynode/id", client("nc2.example.com", Map.of(PP_ROLE, "web")));

        assertEquals("nc2 only\n", text(mine), "%H expands to the caller's certname");
        assertEquals(404, other.statusCode(), "another node's directory does not exist");
        assertEquals(403, notNc.statusCode(), "pp_role=web is not allowed");
    }

    @Test
    void roleFromEnrollmentGrantsAccess() throws Exception {
        Files.createDirectories(mounts.resolve("nodes/cc1.example.com"));
        Files.writeString(mounts.resolve("nodes/cc1.example.com/id"), "cc1\n");
        SSLContext cc1 = client("cc1.example.com", Map.of());
        assertEquals(403, get("/file_content/bynode/id", cc1).statusCode(), "no role yet");

        publish(Topics.CLASSIFICATION, "cc1.example.com",
                new NodeClassified("cc1.example.com", "cc", Map.of(), "production", List.of()));

        assertEquals(200, awaitStatus(() -> get("/file_content/bynode/id", cc1), 200), "role cc now allowed");
    }

    @Test
    void reloadsFileserverConfWithoutRestart() throws Exception {
        SSLContext node = client("nc1.example.com", Map.of());
        Path conf = mounts.resolve("fileserver.conf");
        assertEquals(404, get("/file_metadata/later/cloud-cert.pem", node).statusCode(), "unknown mount");
        try {
            Files.writeString(conf, FileserveMountsResource.conf(mounts) + "\n[later]\n  path " + mounts + "/keys\n"
                    + "  allow nc1.example.com\n");
            assertEquals(200, awaitStatus(() -> get("/file_metadata/later/cloud-cert.pem", node), 200),
                    "the new mount is served without a restart");
            Files.writeString(conf, "[broken\n");
            Thread.sleep(1000);
            assertEquals(200, get("/file_metadata/later/cloud-cert.pem", node).statusCode(),
                    "a broken file keeps the last good version");
        } finally {
            Files.writeString(conf, FileserveMountsResource.conf(mounts));
        }
    }

    @Test
    void largeFileIsServedCompletely() throws Exception {
        byte[] chunk = new byte[1 << 20];
        new java.util.Random(7).nextBytes(chunk);
        Path big = mounts.resolve("keys/big.bin");
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 32; i++) {
                out.write(chunk);
            }
        }
        try {
            SSLContext node = client("nc1.example.com", Map.of());
            HttpResponse<byte[]> meta = get("/file_metadata/eucakeys/big.bin", node);
            HttpResponse<byte[]> content = get("/file_content/eucakeys/big.bin", node);

            assertEquals(32L << 20, content.body().length, "all 32 MiB");
            assertEquals("{sha256}" + sha256(content.body()),
                    JSON.readTree(meta.body()).get("checksum").get("value").asText(), "checksum matches");
        } finally {
            Files.delete(big);
        }
    }

    @Test
    void revokedCertificateIsRefusedAndRecorded() throws Exception {
        SSLContext revoked = TestCertificateAuthority.readIssued(pkiDir, "revoked-in-crl", ca.certificate())
                .clientContext();

        HttpResponse<byte[]> response = get("/file_content/eucakeys/cloud-cert.pem", revoked);

        assertEquals(403, response.statusCode(), text(response));
        assertTrue(text(response).contains("revoked"), text(response));
        awaitDenial(TestPkiResource.REVOKED_IN_CRL, "certificate-revoked");
    }

    private SSLContext client(String certname, Map<String, String> extensions) {
        return ca.issueClient(certname, extensions).clientContext();
    }

    private HttpResponse<byte[]> get(String path, SSLContext context) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(30)).build();
        return client.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, text/pson").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private interface Call {
        HttpResponse<byte[]> run() throws Exception;
    }

    private static int awaitStatus(Call call, int wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = call.run().statusCode();
        while (status != wanted && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = call.run().statusCode();
        }
        return status;
    }

    private void publish(String topic, String key, Object payload) throws Exception {
        OutgoingEvent event = new CloudEventCodec("enrollment-service", Clock.systemUTC()).encode(payload, key);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, event.key(), event.cloudEventJson())).get();
        }
    }

    /** Reads the file-access topic from the start until a denial of {@code certname} by a rule starting so. */
    private FileAccessDenied awaitDenial(String certname, String rulePrefix) {
        return awaitDenial(certname, rulePrefix, null);
    }

    /** As above, of {@code path} alone when it is not null. */
    private FileAccessDenied awaitDenial(String certname, String rulePrefix, String path) {
        CloudEventCodec codec = new CloudEventCodec("test", Clock.systemUTC());
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            List<TopicPartition> partitions = List.of();
            while (Instant.now().isBefore(deadline)) {
                if (partitions.isEmpty()) {
                    partitions = consumer.partitionsFor(Topics.FILE_ACCESS, Duration.ofSeconds(5)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    FileAccessDenied denied = codec.decode(record.value()).payload(FileAccessDenied.class);
                    if (certname.equals(denied.certname()) && denied.rule().startsWith(rulePrefix)
                            && (path == null || path.equals(denied.path()))) {
                        return denied;
                    }
                }
            }
        }
        throw new AssertionError("no FileAccessDenied for " + certname + (path == null ? "" : " of " + path) + " by "
                + rulePrefix + "* within 30 s");
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
