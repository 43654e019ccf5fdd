package io.puppetplane.enrollment.dashboard.rest;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.puppetplane.enrollment.operator.config.OperatorConfig;
import io.puppetplane.enrollment.operator.service.FormTokens;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Cross-site request forgery, refused for every request that changes something: a browser's {@code Origin} must be
 * this service's own (or one of {@code allowed-origins}); and a form posted to the dashboard (the pages a session
 * cookie opens) must carry the {@link FormTokens} token of its operator. The API under /api/ takes HTTP Basic only,
 * which no other site can add to a request, and clients that are not browsers send no Origin (curl's {@code -d}
 * posts a form, which the API accepts like any body).
 */
public class CsrfGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final FormTokens tokens;
    private final SecurityIdentity identity;
    private final List<String> allowedOrigins;

    CsrfGuard(FormTokens tokens, SecurityIdentity identity, OperatorConfig config) {
        this.tokens = tokens;
        this.identity = identity;
        this.allowedOrigins = config.allowedOrigins().orElse(List.of());
    }

    @ServerRequestFilter
    @WithFormRead
    public Response refuseForgedRequests(ResteasyReactiveContainerRequestContext context, HttpServerRequest request) {
        if (SAFE.contains(context.getMethod())) {
            return null;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request.getHeader("Host")) && !allowedOrigins.contains(origin)) {
            return refuse("cross-site request from " + origin + " refused");
        }
        MediaType type = context.getMediaType();
        boolean form = type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
        if (form && !identity.isAnonymous() && !request.path().startsWith("/api/")) {
            // @WithFormRead has read the form before this filter runs
            Object token = ((ResteasyReactiveRequestContext) context.getServerRequestContext())
                    .getFormParameter(FormTokens.FIELD, true, false);
            if (!tokens.valid(identity.getPrincipal().getName(), token == null ? null : token.toString())) {
                return refuse("this form has no valid CSRF token (the page may be older than "
                        + FormTokens.MAX_AGE.toHours() + " hours, or from another site): reload the page and try again");
            }
        }
        return null;
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refuse(String message) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
