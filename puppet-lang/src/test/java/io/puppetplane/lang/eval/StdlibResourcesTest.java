package io.puppetplane.lang.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.EnvironmentCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stdlib's catalog functions. The expected resources were recorded from Ruby Puppet 7.23 with
 * puppetlabs-stdlib 8.5.0 (Debian's /usr/share/puppet/modules/stdlib) for the same manifest.
 */
class StdlibResourcesTest {

    static final String SITE = """
        package { 'git': ensure => installed }
        ensure_packages(['git', 'curl'])
        ensure_packages({ 'vim' => { 'ensure' => 'latest' } }, { 'provider' => 'apt' })
        ensure_resource('user', ['dan', 'alex'], { 'ensure' => 'present' })
        ensure_resource('user', 'dan', { 'ensure' => 'present' })
        notify { "dwp ${defined_with_params(User['dan'], { 'ensure' => 'present' })} ${defined_with_params(User['dan'], { 'ensure' => 'absent' })}": }
        """;

    private static Path env(Path tmp, String site, boolean withStdlib) throws IOException {
        Path env = tmp.resolve("environments/production");
        Files.createDirectories(env.resolve("manifests"));
        Files.writeString(env.resolve("manifests/site.pp"), site);
        if (withStdlib) {
            Files.createDirectories(env.resolve("modules/stdlib/lib/puppet/functions"));
        }
        return env;
    }

    @Test
    void ensureFunctionsDeclareMissingResourcesOnlyAsRubyPuppetDoes(@TempDir Path tmp) throws IOException {
        String json = new EnvironmentCompiler(env(tmp, SITE, true), EnvironmentCompiler.Options.defaults())
            .compile(CompileRequest.of("node1.example.com", Map.of())).toJson();
        JsonNode resources = new ObjectMapper().readTree(json).get("resources");
        List<String> got = new ArrayList<>();
        for (int i = 3; i < resources.size(); i++) {
            JsonNode r = resources.get(i);
            got.add(r.get("type").asText() + "[" + r.get("title").asText() + "] line " + r.get("line")
                + " " + r.path("parameters"));
        }
        assertEquals(List.of(
            "Package[git] line 1 {\"ensure\":\"installed\"}",
            "Package[curl] line 2 {\"ensure\":\"installed\"}",
            "Package[vim] line 3 {\"ensure\":\"latest\",\"provider\":\"apt\"}",
            "User[dan] line 4 {\"ensure\":\"present\"}",
            "User[alex] line 4 {\"ensure\":\"present\"}",
            "Notify[dwp true false] line 6 "), got, "resources as Ruby Puppet made them");
        assertEquals(List.of("type", "title", "tags", "file", "line", "kind", "exported", "parameters"),
            fieldNames(resources.get(4)), "key order of a resource made by a 3.x function");
    }

    @Test
    void withoutStdlibOnTheModulepathTheyAreUnknown(@TempDir Path tmp) throws IOException {
        CompileError e = assertThrows(CompileError.class, () -> new EnvironmentCompiler(
            env(tmp, "ensure_packages(['git'])\n", false), EnvironmentCompiler.Options.defaults())
            .compile(CompileRequest.of("n1", Map.of())));
        assertEquals("Unknown function: 'ensure_packages'.", e.getMessage(), "message");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
