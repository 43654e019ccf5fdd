package io.puppetplane.trust.rest;

import java.lang.reflect.Method;
import java.util.Optional;

import jakarta.enterprise.event.Event;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.puppetplane.trust.ClientCertificateRejected;
import io.puppetplane.trust.ClientIdentity;
import io.puppetplane.trust.RevocationRegistry;
import io.puppetplane.trust.service.CrlLoader;
import io.vertx.core.http.HttpServerRequest;

/**
 * Guards the resources marked {@link RequiresClientCertificate}: no certificate or a revoked one is a 403 whose JSON
 * {@code message} the agent prints ("Error 403 on SERVER: …"). Until the first CRL is loaded (when one is configured)
 * the answer is 503 with Retry-After, which the agent waits out, rather than trusting certificates blindly.
 * The caller's {@link ClientIdentity} is left in the request property {@link ClientCertificates#IDENTITY_PROPERTY}.
 */
public class ClientCertificateFilter {

    private static final Logger LOG = Logger.getLogger(ClientCertificateFilter.class);

    private final ClientCertificates certificates;
    private final RevocationRegistry revocations;
    private final CrlLoader crlLoader;
    private final Event<ClientCertificateRejected> rejections;

    ClientCertificateFilter(ClientCertificates certificates, RevocationRegistry revocations, CrlLoader crlLoader,
            Event<ClientCertificateRejected> rejections) {
        this.certificates = certificates;
        this.revocations = revocations;
        this.crlLoader = crlLoader;
        this.rejections = rejections;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext context, ResourceInfo resource,
            HttpServerRequest request) {
        if (!guarded(resource)) {
            return Optional.empty();
        }
        if (crlLoader.configured() && revocations.crlLoadedAt().isEmpty()) {
            return Optional.of(error(503, "Service Unavailable: the certificate revocation list is not loaded yet",
                    "REVOCATION_LIST_UNAVAILABLE").header("Retry-After", "5").build());
        }
        Optional<ClientIdentity> identity = certificates.identify(request);
        if (identity.isEmpty()) {
            LOG.infof("refused %s %s from %s: no client certificate", request.method(), request.path(),
                    request.remoteAddress());
            rejections.fire(new ClientCertificateRejected(Optional.empty(), Optional.empty(),
                    peerAddress(request), request.path(), ClientCertificateRejected.NO_CLIENT_CERTIFICATE));
            return Optional.of(error(403, "Forbidden: " + request.path()
                    + " requires a client certificate issued by the Puppet CA", "CLIENT_CERTIFICATE_REQUIRED").build());
        }
        ClientIdentity caller = identity.get();
        if (revocations.isRevoked(caller)) {
            LOG.infof("refused %s %s from %s: certificate of %s (serial %s) is revoked", request.method(),
                    request.path(), request.remoteAddress(), caller.certname(), caller.serial());
            rejections.fire(new ClientCertificateRejected(Optional.of(caller.certname()), Optional.of(caller.serial()),
                    peerAddress(request), request.path(), ClientCertificateRejected.CERTIFICATE_REVOKED));
            return Optional.of(error(403, "Forbidden: the certificate of " + caller.certname() + " (serial "
                    + caller.serial() + ") has been revoked", "CERTIFICATE_REVOKED").build());
        }
        context.setProperty(ClientCertificates.IDENTITY_PROPERTY, caller);
        return Optional.empty();
    }

    private static String peerAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    private static boolean guarded(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        return (method != null && method.isAnnotationPresent(RequiresClientCertificate.class))
                || (type != null && type.isAnnotationPresent(RequiresClientCertificate.class));
    }

    /** A Puppet-style JSON error body: the agent reads {@code message} from any JSON error. */
    static Response.ResponseBuilder error(int status, String message, String issueKind) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"message\":" + json(message) + ",\"issue_kind\":" + json(issueKind) + "}");
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
