package io.puppetplane.ca.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Every CA response carries X-Puppet-Version, which agents parse as a Gem::Version. */
@Provider
public class PuppetVersionHeader implements ContainerResponseFilter {

    static final String VERSION = "7.23.0";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Puppet-Version", VERSION);
    }
}
