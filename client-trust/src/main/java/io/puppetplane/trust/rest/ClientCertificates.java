package io.puppetplane.trust.rest;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.trust.ClientIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The TLS peer certificate of a request. The handshake has already verified it against {@code puppetplane.tls.ca-file}
 * (see {@link ClientTrustHttpsOptions}); revocation is {@link ClientCertificateFilter}'s job.
 */
@ApplicationScoped
public class ClientCertificates {

    /** The request property under which {@link ClientCertificateFilter} leaves the caller's identity. */
    public static final String IDENTITY_PROPERTY = ClientIdentity.class.getName();
    private static final int MAX_REMEMBERED = 10_000;

    /** X509Certificate equality is by DER encoding, so a reconnecting agent finds its entry. */
    private final Map<X509Certificate, ClientIdentity> identities = new ConcurrentHashMap<>();

    /** The client's leaf certificate, if it presented one. */
    public Optional<X509Certificate> peerCertificate(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? Optional.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /**
     * The caller's identity from its certificate, if it presented one (revocation not checked here). Decoding the
     * extensions costs more than a small compile, and a certificate's identity never changes, so it is remembered per
     * certificate (bounded; cleared when full, as the fleet's agents simply decode once more).
     */
    public Optional<ClientIdentity> identify(HttpServerRequest request) {
        return peerCertificate(request).map(this::identityOf);
    }

    private ClientIdentity identityOf(X509Certificate certificate) {
        ClientIdentity known = identities.get(certificate);
        if (known != null) {
            return known;
        }
        if (identities.size() >= MAX_REMEMBERED) {
            identities.clear();
        }
        ClientIdentity identity = ClientIdentity.of(certificate);
        identities.put(certificate, identity);
        return identity;
    }
}
