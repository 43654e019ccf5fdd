package io.puppetplane.ca.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.puppetplane.ca.service.CaRequestException;

/** A refused request becomes its status with a plain-text message, as Puppet Server answers. */
public class CaErrorMapper {

    @ServerExceptionMapper
    public Response refused(CaRequestException e) {
        return Response.status(e.status()).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
    }
}
