package io.puppetplane.inventory.query.rest;

import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * PuppetDB's checks of a query request's headers ({@code middleware.clj}): the client must accept JSON (else 406)
 * and a POST must send JSON (else 415), both answered in plain text.
 */
public class QueryHeaderChecks {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(HttpServerRequest request) {
        String path = request.path();
        if (path == null || !path.startsWith("/pdb/query/")) {
            return Optional.empty();
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank() && !acceptsJson(accept)) {
            return Optional.of(plain(406, "must accept application/json"));
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (request.method() == HttpMethod.POST && type != null && !type.isBlank()
                && !type.split(";")[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return Optional.of(plain(415, "content type " + type + " not supported"));
        }
        return Optional.empty();
    }

    static boolean acceptsJson(String accept) {
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")
                    || type.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type("text/plain; charset=utf-8").entity(message).build();
    }
}
