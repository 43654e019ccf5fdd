package io.puppetplane.lang.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.puppetplane.lang.catalog.EnvironmentClassListing.EnvironmentClasses;
import io.puppetplane.lang.catalog.EnvironmentClassListing.FileClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class listing equals what Ruby Puppet's class information service (behind puppetserver's
 * environment_classes) answers for the same files: src/test/resources/classlisting/expected.json, made by regen.rb.
 */
class EnvironmentClassListingTest {

    private static final Path BASE = Path.of("src/test/resources/classlisting");
    private static final Path ENV = BASE.resolve("environments/production").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsEveryFileLikeRubyPuppetsClassInformationService() throws IOException {
        EnvironmentClasses listing = new EnvironmentClassListing(ENV, false).list();
        JsonNode ours = JSON.readTree(listing.toJson());
        assertEquals("production", ours.get("name").asText(), "environment name");
        JsonNode expected = JSON.readTree(BASE.resolve("expected.json").toFile());
        List<String> paths = new ArrayList<>();
        for (JsonNode file : ours.get("files")) {
            String rel = ENV.relativize(Path.of(file.get("path").asText())).toString();
            paths.add(rel);
            ObjectNode body = file.deepCopy();
            body.remove("path");
            if (body.has("error")) {
                body.put("error", body.get("error").asText().replace(ENV + "/", ""));
            }
            assertEquals(expected.get(rel), body, "classes of " + rel);
        }
        List<String> expectedPaths = new ArrayList<>();
        for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
            expectedPaths.add(it.next());
        }
        assertEquals(expectedPaths, paths, "site manifests first, then module manifests in order");
    }

    @Test
    void reparsesOnlyChangedFiles(@TempDir Path tmp) throws IOException {
        Path env = tmp.resolve("environments/production");
        Path manifest = env.resolve("modules/m/manifests/init.pp");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "class m (Integer $a = 1) { }\n");
        EnvironmentClassListing listing = new EnvironmentClassListing(env, false);
        FileClasses first = listing.list().files().get(0);
        assertSame(first, listing.list().files().get(0), "an unchanged file is served from the cache");
        Files.writeString(manifest, "class m (String $renamed = 'longer now') { }\n");
        FileClasses second = listing.list().files().get(0);
        assertNotSame(first, second, "a changed file is parsed again");
        assertEquals("renamed", second.classes().get(0).params().get(0).name(), "the new parameter is listed");
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn(@TempDir Path tmp) throws IOException {
        Path env = tmp.resolve("environments/production");
        Path manifest = env.resolve("manifests/site.pp");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "class broken {\n  notify { 'x' => }\n}\n");
        FileClasses file = new EnvironmentClassListing(env, false).list().files().get(0);
        assertEquals("Syntax error at '=>' (file: " + manifest.toAbsolutePath() + ", line: 2, column: 16)",
            file.error().orElseThrow(), "error worded and located as Ruby Puppet's");
        assertTrue(file.classes().isEmpty(), "no classes for an unparseable file");
        Files.writeString(manifest, "class broken {\n  notify { 'x':\n");
        assertEquals("Syntax error at end of input (file: " + manifest.toAbsolutePath() + ")",
            new EnvironmentClassListing(env, false).list().files().get(0).error().orElseThrow(),
            "no position at the end of the input, as in Ruby Puppet");
    }
}
