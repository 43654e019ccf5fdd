package io.puppetplane.catalog.trust;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

import io.puppetplane.catalog.service.PuppetApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Identifies the agent behind a request from its TLS client certificate (the TLS layer has already checked that our
 * CA issued it) and refuses revoked certificates. The one place to swap for the shared client-trust library.
 */
@ApplicationScoped
public class AgentAuthenticator {

    @Inject
    RevocationList revocations;

    /** The caller's identity; 403 without a client certificate or with a revoked one. */
    public AgentIdentity authenticate(HttpServerRequest request, String path) {
        X509Certificate cert = clientCertificate(request)
            .orElseThrow(() -> PuppetApiException.forbidden("access to " + path + " needs a client certificate"));
        String certname = commonName(cert.getSubjectX500Principal());
        if (revocations.isRevoked(cert)) {
            throw PuppetApiException.forbidden("the certificate of " + certname + " is revoked");
        }
        return new AgentIdentity(certname, PuppetExtensions.of(cert));
    }

    /** Same as {@link #authenticate}, and the certname in the URL must be the certificate's (puppetserver's auth.conf). */
    public AgentIdentity authenticateAs(HttpServerRequest request, String path, String urlCertname) {
        AgentIdentity identity = authenticate(request, path);
        if (!identity.certname().equals(urlCertname)) {
            throw PuppetApiException.forbidden("access to " + path + " is allowed only for " + urlCertname
                + ", not for the certificate of " + identity.certname());
        }
        return identity;
    }

    private static java.util.Optional<X509Certificate> clientCertificate(HttpServerRequest request) {
        if (!request.isSSL()) {
            return java.util.Optional.empty();
        }
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate cert)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(cert);
        } catch (SSLPeerUnverifiedException e) {
            return java.util.Optional.empty();
        }
    }

    static String commonName(X500Principal subject) {
        for (String part : subject.getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3).replace("\\", "");
            }
        }
        return subject.getName();
    }
}
