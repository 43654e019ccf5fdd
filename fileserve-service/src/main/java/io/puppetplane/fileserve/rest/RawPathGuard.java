package io.puppetplane.fileserve.rest;

import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.puppetplane.fileserve.messaging.FileAccessDeniedPublisher;
import io.puppetplane.trust.ClientIdentity;
import io.puppetplane.trust.rest.ClientCertificates;
import io.vertx.core.http.HttpServerRequest;

/**
 * Looks at the raw request path before routing, because routing decodes and normalises it: a file request whose path
 * holds {@code .}/{@code ..} segments or encoded slashes, backslashes, dots or NULs is refused with 400 and recorded
 * as a denial. The agent never sends these (it percent-encodes only spaces and reserved characters in names).
 */
public class RawPathGuard {

    private static final String[] FORBIDDEN_ENCODINGS = {"%2f", "%5c", "%2e", "%00"};

    private final ClientCertificates certificates;
    private final FileAccessDeniedPublisher denials;

    RawPathGuard(ClientCertificates certificates, FileAccessDeniedPublisher denials) {
        this.certificates = certificates;
        this.denials = denials;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String rawPath = query < 0 ? uri : uri.substring(0, query);
        if (!rawPath.startsWith("/puppet/v3/file_")) {
            return Optional.empty();
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        boolean encoded = false;
        for (String forbidden : FORBIDDEN_ENCODINGS) {
            encoded |= lower.contains(forbidden);
        }
        boolean dotSegment = false;
        for (String segment : rawPath.split("/", -1)) {
            dotSegment |= segment.equals("..") || segment.equals(".");
        }
        if (!encoded && !dotSegment) {
            return Optional.empty();
        }
        String certname = certificates.identify(request).map(ClientIdentity::certname).orElse("");
        String rule = encoded ? "encoded-path-separator" : "path-traversal";
        denials.denied(certname, request.remoteAddress().hostAddress(), "", rawPath, rule);
        return Optional.of(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new FileServeExceptionMapper.ErrorBody("Bad Request: the path " + rawPath
                        + " contains dot segments or encoded separators", "BAD_REQUEST")).build());
    }
}
