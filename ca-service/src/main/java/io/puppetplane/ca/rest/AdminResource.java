package io.puppetplane.ca.rest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.ca.repository.CrlRepository;
import io.puppetplane.ca.service.CaRequestException;
import io.puppetplane.ca.service.CertificateAuthority;
import io.puppetplane.ca.service.CertificateAuthorityKeys;
import io.puppetplane.ca.service.CertificateStatus;
import io.puppetplane.ca.service.CrlPublisher;
import io.puppetplane.ca.service.PemCodec;
import io.vertx.core.http.HttpServerRequest;

/**
 * The operator endpoints of Puppet Server's CA API ({@code puppetserver ca} uses them) plus ours for enrollment
 * tokens and service certificates. All need a client certificate with pp_cli_auth=true, except /expirations.
 */
@Path("/puppet-ca/v1")
public class AdminResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CertificateAuthority authority;
    private final ClientCertificates clients;
    private final CertificateAuthorityKeys keys;
    private final CrlPublisher crl;

    AdminResource(CertificateAuthority authority, ClientCertificates clients, CertificateAuthorityKeys keys,
            CrlPublisher crl) {
        this.authority = authority;
        this.clients = clients;
        this.keys = keys;
        this.crl = crl;
    }

    @GET
    @Path("/certificate_status/{certname}")
    @Produces(MediaType.APPLICATION_JSON)
    public CertificateStatus status(@PathParam("certname") String certname, @Context HttpServerRequest request) {
        clients.requireCliAuth(request);
        return authority.status(certname);
    }

    @GET
    @Path("/certificate_statuses/{ignored}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<CertificateStatus> statuses(@QueryParam("state") String state, @Context HttpServerRequest request) {
        clients.requireCliAuth(request);
        if (state != null && !List.of("requested", "signed", "revoked").contains(state)) {
            throw CaRequestException.badRequest("state must be requested, signed or revoked");
        }
        return authority.statuses(Optional.ofNullable(state));
    }

    /** {@code {"desired_state":"signed"|"revoked", "cert_ttl": seconds}} → 204. */
    @PUT
    @Path("/certificate_status/{certname}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response changeState(@PathParam("certname") String certname, String body,
            @Context HttpServerRequest request) {
        String actor = clients.requireCliAuth(request);
        JsonNode json = parse(body);
        String desired = json.path("desired_state").asText("");
        switch (desired) {
            case "signed" -> {
                Optional<Duration> ttl = json.has("cert_ttl")
                        ? Optional.of(Duration.ofSeconds(json.get("cert_ttl").asLong()))
                        : Optional.empty();
                if (ttl.isPresent() && (ttl.get().isNegative() || ttl.get().isZero())) {
                    throw CaRequestException.badRequest("cert_ttl must be a positive number of seconds");
                }
                authority.sign(certname, actor, ttl);
            }
            case "revoked" -> authority.revoke(certname, actor, "revoked by " + actor);
            default -> throw CaRequestException.badRequest("State " + desired + " invalid; Must specify desired state "
                    + "of 'signed' or 'revoked' for host " + certname + ".");
        }
        return Response.noContent().build();
    }

    /** Deletes the certificate and the CSR without revoking, as Puppet Server does. */
    @DELETE
    @Path("/certificate_status/{certname}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response delete(@PathParam("certname") String certname, @Context HttpServerRequest request) {
        authority.clean(certname, clients.requireCliAuth(request), false);
        return Response.noContent().build();
    }

    @GET
    @Path("/certificate_request/{certname}")
    @Produces(MediaType.TEXT_PLAIN)
    public Response request(@PathParam("certname") String certname, @Context HttpServerRequest request) {
        clients.requireCliAuth(request);
        return authority.requestPem(certname).map(pem -> Response.ok(pem).build())
                .orElseThrow(() -> CaRequestException.notFound("Could not find certificate_request " + certname));
    }

    /** {@code {"certnames":["a","b"]}}: revokes and forgets each name. */
    @PUT
    @Path("/clean")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response clean(String body, @Context HttpServerRequest request) {
        String actor = clients.requireCliAuth(request);
        JsonNode names = parse(body).path("certnames");
        if (!names.isArray() || names.isEmpty()) {
            throw CaRequestException.badRequest("Body must be {\"certnames\":[...]} with at least one name");
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode name : names) {
            authority.clean(name.asText(), actor, true);
            out.append("Cleaned ").append(name.asText()).append('\n');
        }
        return Response.ok(out.toString()).build();
    }

    /** Our addition: a one-time token for {@code certname}, presented by the agent as challengePassword. */
    @POST
    @Path("/enrollment_token/{certname}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enrollmentToken(@PathParam("certname") String certname, String body,
            @Context HttpServerRequest request) {
        String actor = clients.requireCliAuth(request);
        JsonNode json = parse(body == null || body.isBlank() ? "{}" : body);
        Optional<Duration> ttl = json.has("ttl_seconds") ? Optional.of(Duration.ofSeconds(json.get("ttl_seconds")
                .asLong())) : Optional.empty();
        String token = authority.issueEnrollmentToken(certname, actor, ttl);
        return Response.status(201).entity(Map.of("certname", certname, "token", token)).build();
    }

    /**
     * Our addition: a certificate and a fresh key, {@code {"dns":[..],"ip":[..],"ca_client":true|false}}. With
     * {@code ca_client} (the default, for services) it carries pp_cli_auth=true; without it, it is a node's
     * certificate as {@code puppetserver ca generate} makes one.
     */
    @POST
    @Path("/service_certificate/{name}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response serviceCertificate(@PathParam("name") String name, String body,
            @Context HttpServerRequest request) {
        String actor = clients.requireCliAuth(request);
        JsonNode json = parse(body == null || body.isBlank() ? "{}" : body);
        JsonNode caClient = json.path("ca_client");
        if (!caClient.isMissingNode() && !caClient.isBoolean()) {
            throw CaRequestException.badRequest("ca_client must be true or false");
        }
        CertificateAuthority.IssuedKeyPair issued = authority.issueKeyPair(name, texts(json.path("dns")),
                texts(json.path("ip")), caClient.asBoolean(true), actor);
        return Response.status(201).entity(Map.of("cert", PemCodec.write(issued.certificate()),
                "key", PemCodec.write(issued.privateKey()), "ca", keys.caBundlePem())).build();
    }

    @GET
    @Path("/expirations")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Map<String, String>> expirations() {
        var ca = keys.material().certificate();
        String subject = ca.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        CrlRepository.StoredCrl current = crl.current();
        return Map.of("ca-certs", Map.of(subject, format(ca.getNotAfter().toInstant())),
                "crls", Map.of(subject, format(current.nextUpdate())));
    }

    private static String format(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static List<String> texts(JsonNode array) {
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw CaRequestException.badRequest("dns and ip must be arrays of strings");
        }
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw CaRequestException.badRequest("The body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CaRequestException.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
