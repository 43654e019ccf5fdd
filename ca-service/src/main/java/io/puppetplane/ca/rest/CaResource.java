package io.puppetplane.ca.rest;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import io.puppetplane.ca.service.PemCodec;
import io.puppetplane.ca.service.RequesterAddress;
import io.puppetplane.outbox.DatabaseOutage;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Puppet CA API v1 as agents use it; no client certificate needed (agents have none yet), except to renew one.
 */
@Path("/puppet-ca/v1")
public class CaResource {

    private final CertificateAuthority authority;
    private final CertificateAuthorityKeys keys;
    private final CrlPublisher crl;
    private final RequesterAddress requesterAddress;

    private final CaConfig config;
    private final ConditionalGets conditionalGets;

    private volatile CrlRepository.StoredCrl lastReadCrl;

    CaResource(CertificateAuthority authority, CertificateAuthorityKeys keys, CrlPublisher crl, CaConfig config,
            ConditionalGets conditionalGets) {
        this.authority = authority;
        this.keys = keys;
        this.crl = crl;
        this.config = config;
        this.conditionalGets = conditionalGets;
        this.requesterAddress = new RequesterAddress(config.autosign().trustedProxies().orElse(List.of()));
    }

    /**
     * The CA bundle answers {@code If-Modified-Since} (Puppet 8 agents send it every {@code ca_refresh_interval},
     * one day by default) with 304 while the bundle is the one the agent has; an agent's own certificate is always
     * sent (no agent asks conditionally for it).
     */
    @GET
    @Path("/certificate/{certname}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response certificate(@PathParam("certname") String certname,
            @HeaderParam("If-Modified-Since") String ifModifiedSince) {
        if ("ca".equals(certname)) {
            return conditional(keys.caBundlePublishedAt(), ifModifiedSince, ConditionalGets.Resource.CA_CERTIFICATE,
                    keys::caBundlePem);
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
        return conditional(current.thisUpdate(), ifModifiedSince, ConditionalGets.Resource.CRL, current::crlPem);
    }

    /**
     * 304 when the agent's copy is at least as new as {@code changedAt}. HTTP dates have whole seconds, so the
     * change time is rounded up: a change in the same second as the agent's last download is sent again rather
     * than missed (agents date their copy by the file's mtime, written when they saved it).
     */
    private Response conditional(Instant changedAt, String ifModifiedSince, ConditionalGets.Resource resource,
            java.util.function.Supplier<String> body) {
        Instant truncated = changedAt.truncatedTo(ChronoUnit.SECONDS);
        Instant lastModified = truncated.equals(changedAt) ? truncated : truncated.plusSeconds(1);
        String header = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(lastModified,
                ZoneOffset.UTC));
        Optional<Instant> since = httpDate(ifModifiedSince);
        if (since.isPresent() && !lastModified.isAfter(since.get())) {
            conditionalGets.notModified(resource);
            return Response.notModified().header("Last-Modified", header).type(MediaType.TEXT_PLAIN).build();
        }
        conditionalGets.sent(resource, since.isPresent());
        return Response.ok(body.get()).header("Last-Modified", header).build();
    }

    /**
     * Puppet 8's automatic renewal ({@code NeedRenewedCert} in the agent's SSL state machine): POST with an empty
     * body, authenticated by the client certificate to renew; the new certificate's PEM comes back as text/plain.
     * 404 while renewal is off (the agent logs "not enabled on the server" and keeps its certificate), 400 without a
     * client certificate, 403 for one this CA will not renew. As Puppet Server answers.
     */
    @POST
    @Path("/certificate_renewal")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response renew(@Context HttpServerRequest request) {
        if (!config.autoRenewal().allowed()) {
            throw CaRequestException.notFound("Not Found: certificate renewal is not enabled on this CA "
                    + "(puppetplane.ca.auto-renewal.allowed)");
        }
        X509Certificate presented = ClientCertificates.peer(request).orElseThrow(() -> CaRequestException
                .badRequest("No valid certificate found in renewal request"));
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String requester = PemCodec.commonName(presented) + (peer == null ? "" : "@" + peer);
        return Response.ok(authority.renew(presented, requester).certPem()).build();
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
