package io.puppetplane.catalog.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.catalog.messaging.AgentEvents;
import io.puppetplane.trust.ClientIdentity;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.lang.CompileError;
import io.puppetplane.lang.CompileRequest;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Compiles a node's catalog in a few named steps: choose the environment (an operator's classification wins), add
 * the classification like an external node classifier, compile under the {@link CompileGate}, point sources of
 * fileserve-owned mounts at fileserve-service, and inline file metadata for a static catalog.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    @Inject
    CodeSnapshots code;

    @Inject
    NodeClassifications classifications;

    @Inject
    CompileGate gate;

    @Inject
    FileMounts mounts;

    @Inject
    FileChecksums checksums;

    @Inject
    CatalogConfig config;

    @Inject
    AgentEvents events;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** What the agent asked for, beyond its identity. */
    public record CatalogRequest(String environment, Map<String, Object> facts, boolean staticCatalog,
                                 String checksumTypes, String transactionUuid, String jobId) {
    }

    /**
     * The environment the server wants this node in: the operator's choice, else what the agent asked for. Until
     * every classification is read the answer could be wrong, so the agent is told to come back (503, Retry-After).
     */
    public String environmentFor(String certname, String requested) {
        if (!classifications.loaded()) {
            throw PuppetApiException.overloaded("node classifications are still being loaded",
                config.compile().retryAfterSeconds());
        }
        return classifications.of(certname).map(NodeClassified::environment).filter(e -> !e.isBlank())
            .orElse(requested);
    }

    public EnvironmentSnapshot snapshot(String environment) {
        return code.current(environment)
            .orElseThrow(() -> new PuppetApiException(404, "RUNTIME_ERROR",
                "Not Found: Could not find environment '" + environment + "'"));
    }

    public String compile(ClientIdentity agent, CatalogRequest request) {
        String environment = environmentFor(agent.certname(), request.environment());
        if (!environment.equals(request.environment())) {
            // the agent switches to the server's environment, syncs plugins again and asks once more
            return emptyCatalog(agent.certname(), environment);
        }
        EnvironmentSnapshot snapshot = snapshot(environment);
        Optional<NodeClassified> classification = classifications.of(agent.certname());
        CompileRequest compileRequest = new CompileRequest(agent.certname(),
            factsWithRole(agent.certname(), request.facts(), classification), agent.trustedFacts(),
            serverFacts(environment), classesOf(classification), snapshot.codeId());
        Catalog catalog = gate.run(() -> compileOrExplain(snapshot, compileRequest));
        routeFileserveSources(catalog);
        // what the agent applies, sources as routed, is what the inventory keeps
        events.catalogCompiled(catalog, request.transactionUuid(), request.jobId());
        Map<String, Object> metadata = request.staticCatalog()
            ? inlineMetadata(snapshot, catalog, FileChecksums.negotiate(request.checksumTypes()))
            : Map.of();
        return render(snapshot, catalog, metadata);
    }

    private Catalog compileOrExplain(EnvironmentSnapshot snapshot, CompileRequest request) {
        try {
            return snapshot.compiler().compile(request);
        } catch (CompileError e) {
            String where = snapshot.publicPaths(e.file()) + ":" + e.line() + ":" + e.column();
            throw new PuppetApiException(422, "COMPILE_ERROR", "Compilation of the catalog for "
                + request.certname() + " failed: " + where + ": " + snapshot.publicPaths(e.getMessage()));
        }
    }

    /**
     * The operator's role is the {@code role} fact when the node reports none (no /etc/role), so {@code $role},
     * {@code $facts['role']} and Hiera's {@code %{facts.role}} agree. A role the node reports itself wins.
     */
    private static Map<String, Object> factsWithRole(String certname, Map<String, Object> facts,
                                                     Optional<NodeClassified> classification) {
        String role = classification.map(NodeClassified::role).filter(r -> !r.isBlank()).orElse(null);
        if (role == null) {
            return facts;
        }
        Object own = facts.get("role");
        if (own != null) {
            if (!own.equals(role)) {
                LOG.warnf("node %s reports role %s but is classified as %s; its own fact wins", certname, own, role);
            }
            return facts;
        }
        Map<String, Object> withRole = new LinkedHashMap<>(facts);
        withRole.put("role", role);
        return withRole;
    }

    private static Map<String, Map<String, Object>> classesOf(Optional<NodeClassified> classification) {
        return classification.map(NodeClassified::classes).filter(Objects::nonNull).orElse(Map.of());
    }

    private static Map<String, Object> serverFacts(String environment) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("environment", environment);
        return facts;
    }

    /** {@code puppet:///eucakeys/x} becomes {@code puppet://fileserve:8142/eucakeys/x}: the manifest stays as it is. */
    private void routeFileserveSources(Catalog catalog) {
        List<String> fileserveMounts = config.fileserve().mounts();
        if (fileserveMounts.isEmpty()) {
            return;
        }
        for (CatalogResource resource : catalog.resources()) {
            Object source = resource.parameters().get("source");
            if (source instanceof String s) {
                resource.parameters().put("source", routed(s, fileserveMounts));
            } else if (source instanceof List<?> list) {
                List<Object> routed = new ArrayList<>(list.size());
                for (Object o : list) {
                    routed.add(o instanceof String s ? routed(s, fileserveMounts) : o);
                }
                resource.parameters().put("source", routed);
            }
        }
    }

    private String routed(String source, List<String> fileserveMounts) {
        if (!source.startsWith("puppet:///")) {
            return source;
        }
        String rest = source.substring("puppet:///".length());
        int slash = rest.indexOf('/');
        String mount = slash < 0 ? rest : rest.substring(0, slash);
        return fileserveMounts.contains(mount) ? "puppet://" + config.fileserve().server() + "/" + rest : source;
    }

    /**
     * Metadata for files sourced from {@code puppet:///modules/...}, with a content_uri relative to the environment,
     * so the agent skips file_metadata calls and fetches content by code_id. Recursive copies stay dynamic.
     */
    private Map<String, Object> inlineMetadata(EnvironmentSnapshot snapshot, Catalog catalog, String agentType) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (CatalogResource resource : catalog.resources()) {
            if (!resource.type().equals("File")) {
                continue;
            }
            Map<String, Object> params = resource.parameters();
            Object source = params.get("source");
            String first = source instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0))
                : source instanceof String s ? s : null;
            if (first == null || !first.startsWith("puppet:///modules/") || "absent".equals(params.get("ensure"))
                || isRecursive(params.get("recurse"))) {
                continue;
            }
            String path = first.substring("puppet:///modules/".length());
            Optional<Path> file = mounts.find(snapshot, "modules", path);
            if (file.isEmpty() || !Files.isRegularFile(file.get())) {
                continue;
            }
            String type = params.get("checksum") instanceof String c && FileChecksums.supported(c).isPresent()
                ? c : agentType;
            try {
                Map<String, Object> entry = mounts.metadata(snapshot, "modules", path,
                    new FileMounts.Query(String.valueOf(params.getOrDefault("links", "manage")), type, false, 0,
                        List.of(), 0)).orElseThrow();
                entry.put("content_uri", "puppet:///" + snapshot.dir().relativize(file.get()));
                entry.put("source", first);
                metadata.put(resource.title(), entry);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return metadata;
    }

    private static boolean isRecursive(Object recurse) {
        return recurse != null && !"false".equals(String.valueOf(recurse));
    }

    private String render(EnvironmentSnapshot snapshot, Catalog catalog, Map<String, Object> metadata) {
        String body = snapshot.publicPaths(catalog.toAgentJson());
        if (metadata.isEmpty()) {
            return body;
        }
        try {
            // Catalog.toJson ends with the closing brace of the top-level object
            return body.substring(0, body.lastIndexOf('}')) + ",\"metadata\":" + json.writeValueAsString(metadata)
                + ",\"recursive_metadata\":{}}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata maps are plain JSON", e);
        }
    }

    private String emptyCatalog(String certname, String environment) {
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("tags", List.of());
        catalog.put("name", certname);
        catalog.put("version", clock.instant().getEpochSecond());
        catalog.put("code_id", null);
        catalog.put("catalog_uuid", UUID.randomUUID().toString());
        catalog.put("catalog_format", 2);
        catalog.put("environment", environment);
        catalog.put("resources", List.of());
        catalog.put("edges", List.of());
        catalog.put("classes", List.of());
        try {
            return json.writeValueAsString(catalog);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain JSON", e);
        }
    }
}
