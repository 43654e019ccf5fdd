package io.puppetplane.ca.rest;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.ca.repository.CertificateRepository;
import io.puppetplane.ca.service.CaRequestException;
import io.puppetplane.ca.service.PemCodec;
import io.puppetplane.ca.service.PuppetOids;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who is calling: the TLS client certificate (already verified against our CA during the handshake). Admin
 * endpoints need pp_cli_auth=true, like Puppet Server's default auth.conf, and a certificate that is not revoked.
 */
@ApplicationScoped
public class ClientCertificates {

    private final CertificateRepository certificates;

    ClientCertificates(CertificateRepository certificates) {
        this.certificates = certificates;
    }

    /** The CN of an authorised operator or service; 403 for anyone else. */
    public String requireCliAuth(HttpServerRequest request) {
        X509Certificate cert = peer(request).orElseThrow(() -> new CaRequestException(403,
                "Forbidden: this endpoint needs a client certificate with pp_cli_auth=true"));
        String cn = commonName(cert);
        if (!"true".equals(PemCodec.extensionText(cert, PuppetOids.PP_CLI_AUTH))) {
            throw new CaRequestException(403, "Forbidden: the certificate of " + cn + " lacks pp_cli_auth=true");
        }
        boolean revoked = QuarkusTransaction.requiringNew().call(() -> certificates.live(cn)
                .map(c -> c.revoked() || !c.serial().equals(cert.getSerialNumber())).orElse(true));
        if (revoked) {
            throw new CaRequestException(403, "Forbidden: the certificate of " + cn + " is revoked or replaced");
        }
        return cn;
    }

    /**
     * The certificate a client presented, already checked during the handshake to chain to our CA; empty when it
     * presented none.
     */
    public static Optional<X509Certificate> peer(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static String commonName(X509Certificate cert) {
        return PemCodec.commonName(cert);
    }
}
