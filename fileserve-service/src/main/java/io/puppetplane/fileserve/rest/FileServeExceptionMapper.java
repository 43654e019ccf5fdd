package io.puppetplane.fileserve.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.fileserve.service.FileServeException;

/** Puppet-style JSON errors ({@code message}, {@code issue_kind}): the agent prints the message in its run. */
public class FileServeExceptionMapper {

    @ServerExceptionMapper
    public Response map(FileServeException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(e.getMessage(), e.issueKind())).build();
    }

    /** The error body the agent understands. */
    public record ErrorBody(String message, @com.fasterxml.jackson.annotation.JsonProperty("issue_kind") String issueKind) {
    }
}
