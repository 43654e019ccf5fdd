package io.puppetplane.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

class ChartTest {

    private static final Path CHART = Path.of("puppetplane").toAbsolutePath();

    @Test
    void chartPassesHelmLint() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), "helm lint --strict must pass: " + result.getMessages());
    }

    @Test
    void rendersEveryServiceWithProbesOnItsManagementPort() {
        List<Map<String, Object>> deployments = render(Map.of()).stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).toList();

        assertEquals(List.of("ca-service", "catalog-service", "enrollment-service", "fileserve-service",
                "inventory-service"),
                deployments.stream().map(ChartTest::name).sorted().toList(), "one Deployment per service");
        for (Map<String, Object> d : deployments) {
            Map<String, Object> container = containers(d).get(0);
            assertEquals("management", at(container, "readinessProbe", "httpGet", "port"),
                    name(d) + " must probe readiness on the management port");
            assertEquals("/q/health/ready", at(container, "readinessProbe", "httpGet", "path"), name(d));
        }
    }

    @Test
    void catalogRunsThreeReplicasWhoseCertificatesCoverEveryAgentFacingName() {
        Map<String, Object> catalog = render(Map.of("serverNames[0]", "puppet", "serverNames[1]", "puppet.cloud.example"))
                .stream().filter(d -> "Deployment".equals(d.get("kind")) && "catalog-service".equals(name(d)))
                .findFirst().orElseThrow();

        assertEquals(3, at(catalog, "spec", "replicas"), "three stateless catalog replicas by default");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> init = (List<Map<String, Object>>) at(catalog, "spec", "template", "spec", "initContainers");
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) init.get(0).get("command");
        String args = String.join(" ", command);
        assertTrue(args.contains("--dns puppet ") && args.contains("--dns puppet.cloud.example"),
                "the server certificate must name every dialed name: " + args);
    }

    @Test
    void catalogReplicasRunWithTheJvmOptionsTheBenchmarkMeasured() throws java.io.IOException {
        Map<String, Object> catalog = render(Map.of()).stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && "catalog-service".equals(name(d)))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> env = (List<Map<String, Object>>) containers(catalog).get(0).get("env");
        Map<Object, Object> byName = new java.util.HashMap<>();
        env.forEach(e -> byName.put(e.get("name"), e.get("value")));
        String measured = String.join(" ", java.nio.file.Files.readAllLines(Path.of("../catalog-service/jvm.options"))
                .stream().filter(line -> !line.strip().startsWith("#")).map(String::strip).toList());
        assertEquals(measured, byName.get("JAVA_OPTS_APPEND"),
                "a replica runs with catalog-service/jvm.options, the options the load generator measured");
        assertEquals("2", byName.get("MALLOC_ARENA_MAX"), "glibc arenas bounded, as measured");
    }

    @Test
    void catalogReplicasKeepTheirEventSpoolOnAPodVolumeThatOutlivesACrashedContainer() {
        Map<String, Object> catalog = render(Map.of()).stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && "catalog-service".equals(name(d)))
                .findFirst().orElseThrow();
        Map<String, Object> container = containers(catalog).get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
        String spoolDir = env.stream().filter(e -> "PUPPETPLANE_CATALOG_SPOOL_DIR".equals(e.get("name")))
                .map(e -> (String) e.get("value")).findFirst().orElse(null);
        assertEquals("/spool", spoolDir, "the spool is not left in the container's own /tmp, lost on a restart");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) container.get("volumeMounts");
        String volume = mounts.stream().filter(m -> spoolDir.equals(m.get("mountPath"))).map(m -> (String) m.get("name"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at " + spoolDir));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) at(catalog, "spec", "template", "spec", "volumes");
        Map<String, Object> spool = volumes.stream().filter(v -> volume.equals(v.get("name"))).findFirst().orElseThrow();
        assertTrue(spool.containsKey("emptyDir"), "a pod volume, kept across container restarts: " + spool);
        assertTrue((Integer) at(catalog, "spec", "template", "spec", "terminationGracePeriodSeconds") >= 15 + 32,
                "the grace period covers the request drain (shutdown delay 2 s + timeout 30 s) and the 15 s spool drain");
    }

    @Test
    void enrollmentTakesTheFirstAdminAndTheSessionKeyFromASecret() {
        Map<String, Object> enrollment = render(Map.of("enrollment.operatorSecret", "ops")).stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && "enrollment-service".equals(name(d)))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> env = (List<Map<String, Object>>) containers(enrollment).get(0).get("env");
        Map<Object, Object> secretKeys = new java.util.HashMap<>();
        env.stream().filter(e -> e.get("valueFrom") != null).forEach(e -> secretKeys.put(e.get("name"),
                at(e, "valueFrom", "secretKeyRef", "name") + "/" + at(e, "valueFrom", "secretKeyRef", "key")));
        assertEquals("ops/bootstrap-admin-password",
                secretKeys.get("PUPPETPLANE_ENROLLMENT_OPERATORS_BOOTSTRAP_ADMIN_PASSWORD"),
                "the first admin's password comes from the operators' Secret, never from values");
        assertEquals("ops/session-encryption-key", secretKeys.get("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"),
                "every replica shares the session key from the Secret");
    }

    @Test
    void catalogCollectsExportedResourcesFromTheInventoryWhichOwnsItsDatabase() {
        List<Map<String, Object>> objects = render(Map.of("inventory.port", "8081"));
        Map<String, Object> catalog = objects.stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && "catalog-service".equals(name(d)))
                .findFirst().orElseThrow();
        Map<String, Object> inventory = objects.stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && "inventory-service".equals(name(d)))
                .findFirst().orElseThrow();
        assertEquals("https://inventory-service:8081", env(catalog).get("PUPPETPLANE_CATALOG_PUPPETDB_URL"),
                "storeconfigs on: the catalog replicas ask the inventory's PuppetDB API over HTTPS");
        assertTrue(String.valueOf(env(inventory).get("QUARKUS_DATASOURCE_JDBC_URL")).endsWith("/inventory"),
                "the inventory keeps its data in a database of its own: " + env(inventory));
        assertEquals("8081", env(inventory).get("QUARKUS_HTTP_SSL_PORT"), "PuppetDB's HTTPS port");
        assertTrue(objects.stream().anyMatch(d -> "Service".equals(d.get("kind")) && "inventory-service".equals(name(d))),
                "a Service gives the replicas one name");
    }

    @Test
    void enrollmentReadsFactsAndRunsFromTheInventoryWithItsOwnCertificate() {
        Map<String, Object> enrollment = render(Map.of("inventory.port", "18081",
                "enrollment.inventoryTimeout", "PT3S")).stream()
                .filter(d -> "Deployment".equals(d.get("kind")) && "enrollment-service".equals(name(d)))
                .findFirst().orElseThrow();
        Map<Object, Object> env = env(enrollment);
        assertEquals("https://inventory-service:18081", env.get("PUPPETPLANE_ENROLLMENT_INVENTORY_URL"),
                "the dashboard asks the inventory's PuppetDB API over HTTPS, at the inventory's port");
        assertEquals("PT3S", env.get("PUPPETPLANE_ENROLLMENT_INVENTORY_TIMEOUT"));
        assertEquals("/tls/cert.pem", env.get("PUPPETPLANE_TLS_CERT_FILE"),
                "with the certificate its init container got from the CA");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> env(Map<String, Object> deployment) {
        Map<Object, Object> values = new java.util.HashMap<>();
        ((List<Map<String, Object>>) containers(deployment).get(0).get("env")).stream()
                .filter(e -> e.get("value") != null).forEach(e -> values.put(e.get("name"), e.get("value")));
        return values;
    }

    @Test
    void everyRenderedObjectConformsToTheKubernetes133Api() {
        List<Map<String, String>> variants = List.of(Map.of(),
                Map.of("image.registry", "registry.example.com", "ca.autosignCidrs[0]", "10.0.0.0/16",
                        "catalog.replicas", "5", "catalog.serviceType", "ClusterIP"));
        for (Map<String, String> values : variants) {
            List<Map<String, Object>> docs = render(values);
            assertFalse(docs.isEmpty(), "the chart renders objects");
            List<String> problems = docs.stream().flatMap(d -> KubernetesSchema.problems(d).stream()).toList();
            assertEquals(List.of(), problems, "with values " + values + " every object is valid Kubernetes 1.33");
        }
    }

    @Test
    void schemaCheckFindsAMisplacedFieldAndAWrongType() {
        Map<String, Object> deployment = render(Map.of()).stream().filter(d -> "Deployment".equals(d.get("kind")))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        spec.put("replica", 2); // a typo, as a mis-indented template makes
        assertTrue(KubernetesSchema.problems(deployment).stream().anyMatch(p -> p.contains("replica")),
                "an unknown field is found: " + KubernetesSchema.problems(deployment));
        spec.remove("replica");
        containers(deployment).get(0).put("imagePullPolcy", "Always");
        assertTrue(KubernetesSchema.problems(deployment).stream()
                .anyMatch(p -> p.contains(".spec.template.spec.containers[0]") && p.contains("imagePullPolcy")),
                "a typo deep in a container is found where it stands: " + KubernetesSchema.problems(deployment));
        containers(deployment).get(0).remove("imagePullPolcy");
        assertEquals(List.of(), KubernetesSchema.problems(deployment), "mended, it conforms again");
        spec.put("replicas", "three");
        assertFalse(KubernetesSchema.problems(deployment).isEmpty(), "a string where an integer belongs is found");
    }

    private static List<Map<String, Object>> render(Map<String, String> values) {
        var template = new Helm(CHART).template().withName("plane").withNamespace("cloud");
        values.forEach(template::set);
        String manifest = template.call();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(manifest)) {
            if (doc instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                docs.add(typed);
            }
        }
        return docs;
    }

    private static String name(Map<String, Object> doc) {
        return (String) at(doc, "metadata", "name");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return (List<Map<String, Object>>) at(deployment, "spec", "template", "spec", "containers");
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> doc, String... path) {
        Object current = doc;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                throw new AssertionError("no " + String.join(".", path) + " in " + doc.keySet().stream()
                        .collect(Collectors.joining(",")));
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }
}
