package io.puppetplane.ca.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.puppetplane.ca.config.CaConfig;
import io.puppetplane.ca.repository.CrlRepository;
import io.puppetplane.ca.service.CaRequestException;
import io.puppetplane.ca.service.CertificateAuthority;
import io.puppetplane.ca.service.CertificateAuthorityKeys;
import io.puppetplane.ca.service.CrlPublisher;
import io.puppetplane.ca.service.RequesterAddress;
import io.puppetplane.outbox.DatabaseOutage;
import io.vertx.core.http.HttpServerRequest;

/** The Puppet CA API v1 as agents use it; no client certificate needed (agents have none yet). */
@Path("/puppet-ca/v1")
public class CaResource {

    private final CertificateAuthority authority;
    private final CertificateAuthorityKeys keys;
    private final CrlPublisher crl;
    private final RequesterAddress requesterAddress;

    private volatile CrlRepository.StoredCrl lastReadCrl;

    CaResource(CertificateAuthority authority, CertificateAuthorityKeys keys, CrlPublisher crl, CaConfig config) {
        this.authority = authority;
        this.keys = keys;
        this.crl = crl;
        this.requesterAddress = new RequesterAddress(config.autosign().trustedProxies().orElse(List.of()));
    }

    @GET
    @Path("/certificate/{certname}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response certificate(@PathParam("certname") String certname) {
        if ("ca".equals(certname)) {
            return Response.ok(keys.caBundlePem()).build();
        }
        return authority.certificatePem(certname).map(pem -> Response.ok(pem).build())
                .orElseThrow(() -> CaRequestException.notFound("Could not find certificate " + certname));
    }

    /** The last path segment is ignored, as Puppet Server does. 304 when the agent's copy is current. */
    @GET
    @Path("/certificate_revocation_list/{ignored}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response certificateRevocationList(@HeaderParam("If-Modified-Since") String ifModifiedSince) {
        CrlRepository.StoredCrl current = currentCrl();
        Instant lastModified = current.thisUpdate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Optional<Instant> since = httpDate(ifModifiedSince);
        String header = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(lastModified,
                ZoneOffset.UTC));
        if (since.isPresent() && !lastModified.isAfter(since.get())) {
            return Response.notModified().header("Last-Modified", header).build();
        }
        return Response.ok(current.crlPem()).header("Last-Modified", header).build();
    }

    /**
     * The current CRL; while the database is out of reach, the one this replica read last, so agents that enroll or
     * refresh keep working (a revocation needs the database, so none can be missing from it but one made through
     * another replica since, which catalog-service and fileserve-service learn from the certificates topic anyway).
     */
    private CrlRepository.StoredCrl currentCrl() {
        try {
            CrlRepository.StoredCrl current = crl.current();
            lastReadCrl = current;
            return current;
        } catch (RuntimeException e) {
            CrlRepository.StoredCrl known = lastReadCrl;
            if (known != null && DatabaseOutage.causedBy(e)) {
                return known;
            }
            throw e;
        }
    }

    /** 200 with an empty body when stored (signed or pending); 400 when refused, which agents read as "already sent". */
    @PUT
    @Path("/certificate_request/{certname}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response submit(@PathParam("certname") String certname, String body, @Context HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        authority.submit(certname, body, requesterAddress.resolve(peer, request.getHeader("X-Forwarded-For")));
        return Response.ok("").build();
    }

    private static Optional<Instant> httpDate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // an unreadable date means "send it"
        }
    }
}
