package io.puppetplane.ca.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** A fresh CA that allows automatic renewal, with two-hour renewed certificates. */
public class RenewalAllowedProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("puppetplane.ca.dir", Files.createTempDirectory("ca-renewal").toString(),
                    "puppetplane.ca.auto-renewal.allowed", "true",
                    "puppetplane.ca.auto-renewal.cert-ttl", "PT2H");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresAndKafkaTestResource.class, Map.of("database", "ca_renewal")));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
