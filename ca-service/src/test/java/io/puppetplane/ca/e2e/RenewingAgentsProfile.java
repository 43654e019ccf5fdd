package io.puppetplane.ca.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** A fresh CA that autosigns loopback and lets agents renew, with two-hour certificates for those that do. */
public class RenewingAgentsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("puppetplane.ca.dir", Files.createTempDirectory("ca-renewing-agents").toString(),
                    "puppetplane.ca.autosign.cidrs", "127.0.0.0/8",
                    "puppetplane.ca.auto-renewal.allowed", "true",
                    "puppetplane.ca.auto-renewal.cert-ttl", "PT2H");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresAndKafkaTestResource.class,
                Map.of("database", "ca_renewing_agents")));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
