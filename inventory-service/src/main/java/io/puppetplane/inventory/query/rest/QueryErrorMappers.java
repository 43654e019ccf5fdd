package io.puppetplane.inventory.query.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.inventory.query.ast.QueryException;
import io.puppetplane.inventory.query.service.QueryUnavailableException;

/** Query errors as PuppetDB answers them: 400 text/plain with the message; 503 when the database is away. */
public class QueryErrorMappers {

    @ServerExceptionMapper
    public Response badQuery(QueryException e) {
        return Response.status(400).type("text/plain; charset=utf-8").entity(e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response unavailable(QueryUnavailableException e) {
        return Response.status(503).type("text/plain; charset=utf-8").entity(e.getMessage()).build();
    }
}
