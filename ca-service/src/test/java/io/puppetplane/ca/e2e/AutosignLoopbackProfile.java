package io.puppetplane.ca.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** A fresh CA directory and database that autosign every CSR from loopback. */
public class AutosignLoopbackProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("puppetplane.ca.dir", Files.createTempDirectory("ca-autosign").toString(),
                    "puppetplane.ca.autosign.cidrs", "127.0.0.0/8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresAndKafkaTestResource.class, Map.of("database", "ca_autosign")));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
