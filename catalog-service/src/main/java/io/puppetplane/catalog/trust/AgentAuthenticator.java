package io.puppetplane.catalog.trust;

import io.puppetplane.catalog.service.PuppetApiException;
import io.puppetplane.trust.ClientIdentity;
import io.puppetplane.trust.rest.ClientCertificates;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The agent behind a request, from its TLS client certificate. client-trust's filter has already refused requests
 * without a certificate or with a revoked one (resources are marked {@code @RequiresClientCertificate}); this adds
 * puppetserver's auth.conf rule that a node may only ask for its own node, catalog, facts and report.
 */
@ApplicationScoped
public class AgentAuthenticator {

    @Inject
    ClientCertificates certificates;

    /** The caller's identity; 403 without a client certificate. */
    public ClientIdentity authenticate(HttpServerRequest request, String path) {
        return certificates.identify(request)
            .orElseThrow(() -> PuppetApiException.forbidden("access to " + path + " needs a client certificate"));
    }

    /** Same as {@link #authenticate}, and the certname in the URL must be the certificate's. */
    public ClientIdentity authenticateAs(HttpServerRequest request, String path, String urlCertname) {
        ClientIdentity identity = authenticate(request, path);
        if (!identity.certname().equals(urlCertname)) {
            throw PuppetApiException.forbidden("access to " + path + " is allowed only for " + urlCertname
                + ", not for the certificate of " + identity.certname());
        }
        return identity;
    }
}
