package io.puppetplane.trust;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import io.puppetplane.trust.rest.ClientCertificates;
import io.puppetplane.trust.rest.RequiresClientCertificate;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Endpoints for the tests: one guarded by the client-certificate check, one open. */
@Path("/test")
public class GuardedTestResource {

    @GET
    @Path("/guarded")
    @RequiresClientCertificate
    public String guarded(@Context ContainerRequestContext context) {
        ClientIdentity caller = (ClientIdentity) context.getProperty(ClientCertificates.IDENTITY_PROPERTY);
        return caller.certname() + " " + caller.extension("pp_role").orElse("-");
    }

    @GET
    @Path("/open")
    public String open() {
        return "open";
    }
}
