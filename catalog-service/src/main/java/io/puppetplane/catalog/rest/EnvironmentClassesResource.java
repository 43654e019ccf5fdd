package io.puppetplane.catalog.rest;

import io.puppetplane.catalog.service.CatalogService;
import io.puppetplane.catalog.service.EnvironmentSnapshot;
import io.puppetplane.catalog.service.PuppetApiException;
import io.puppetplane.catalog.trust.AgentAuthenticator;
import io.puppetplane.trust.ClientIdentity;
import io.puppetplane.trust.rest.RequiresClientCertificate;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /puppet/v3/environment_classes?environment=E}: every class of an environment with its parameters, for
 * operator tooling and classifiers (agents never call it). Like puppetserver, agents are refused; callers need a
 * certificate with {@code pp_cli_auth}. The answer depends only on the code, so the code_id is its ETag.
 */
@RequiresClientCertificate
@Path("/puppet/v3/environment_classes")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentClassesResource {

    /** pp_cli_auth has no short name in Puppet's OID table, so certificates carry it by OID. */
    static final String PP_CLI_AUTH = "1.3.6.1.4.1.34380.1.3.39";

    @Inject
    AgentAuthenticator authenticator;

    @Inject
    CatalogService catalogs;

    @GET
    public Response classes(@QueryParam("environment") String environment,
                            @HeaderParam("If-None-Match") String ifNoneMatch, @Context HttpServerRequest http) {
        ClientIdentity caller = authenticator.authenticate(http, "/puppet/v3/environment_classes");
        if (!"true".equals(caller.extension(PP_CLI_AUTH).orElse(null))) {
            throw PuppetApiException.forbidden("access to /puppet/v3/environment_classes needs a certificate with"
                + " pp_cli_auth, not the one of " + caller.certname());
        }
        if (environment == null || environment.isEmpty()) {
            throw PuppetApiException.badRequest("An environment parameter must be specified");
        }
        EnvironmentSnapshot snapshot = catalogs.snapshot(environment);
        String etag = "\"" + snapshot.codeId() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().tag(snapshot.codeId()).build();
        }
        String body = snapshot.publicPaths(snapshot.compiler().listClasses().toJson());
        return Response.ok(body).tag(snapshot.codeId()).build();
    }
}
