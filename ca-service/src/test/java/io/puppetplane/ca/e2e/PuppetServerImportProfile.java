package io.puppetplane.ca.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** A CA that starts by importing a Puppet Server CA directory, with its own database. */
public class PuppetServerImportProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path root = Files.createTempDirectory("ca-import");
            Path puppetserver = PuppetServerCaFixture.create(root);
            return Map.of("puppetplane.ca.dir", root.resolve("ca").toString(),
                    "puppetplane.ca.import-from", puppetserver.toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not build the Puppet Server CA fixture: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresAndKafkaTestResource.class, Map.of("database", "ca_import")));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
