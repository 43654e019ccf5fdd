package io.puppetplane.trust.rest;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

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
     * extensions costs more than a small compile, so it is done once per TLS session (the peer certificate of a
     * session never changes) and kept in the session, which keep-alive connections and resumptions share.
     */
    public Optional<ClientIdentity> identify(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session != null && session.getValue(IDENTITY_PROPERTY) instanceof ClientIdentity known) {
            return Optional.of(known);
        }
        Optional<ClientIdentity> identity = peerCertificate(request).map(ClientIdentity::of);
        if (session != null) {
            identity.ifPresent(i -> session.putValue(IDENTITY_PROPERTY, i));
        }
        return identity;
    }
}
