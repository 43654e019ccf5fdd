package io.puppetplane.catalog.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.catalog.service.CodeSnapshots;
import io.puppetplane.catalog.service.EnvironmentSnapshot;
import io.puppetplane.catalog.trust.AgentAuthenticator;
import io.vertx.core.http.HttpServerRequest;
import io.puppetplane.trust.rest.RequiresClientCertificate;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /puppet/v3/environments}: the deployed environments with their settings and live code_id. */
@RequiresClientCertificate
@Path("/puppet/v3/environments")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentsResource {

    @Inject
    AgentAuthenticator authenticator;

    @Inject
    CodeSnapshots code;

    @Inject
    CatalogConfig config;

    @GET
    public Map<String, Object> environments(@Context HttpServerRequest http) {
        authenticator.authenticate(http, "/puppet/v3/environments");
        Map<String, Object> environments = new LinkedHashMap<>();
        for (String name : code.environments()) {
            code.current(name).ifPresent(snapshot -> environments.put(name, Map.of("settings", settings(snapshot))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("search_paths", List.of(config.codedir().resolve("environments").toAbsolutePath().toUri().toString(),
            "data:text/plain,internal"));
        body.put("environments", environments);
        return body;
    }

    private static Map<String, Object> settings(EnvironmentSnapshot snapshot) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("modulepath", snapshot.modulePath().stream().map(p -> snapshot.publicPath(p).toString()).toList());
        settings.put("manifest", snapshot.sourceDir().resolve("manifests").toString());
        settings.put("environment_timeout", 0);
        settings.put("config_version", "");
        settings.put("code_id", snapshot.codeId());
        return settings;
    }
}
