package io.puppetplane.inventory.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.puppetplane.inventory.config.InventoryConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * PuppetDB's {@code certificate-allowlist}: over HTTPS only the listed certificate names get in (403 otherwise);
 * plain-HTTP requests, which only loopback can make, always pass. The file is read at start, one name a line.
 */
@ApplicationScoped
public class CertificateAllowlist {

    private static final Logger LOG = Logger.getLogger(CertificateAllowlist.class);

    private final Optional<Set<String>> allowed;

    CertificateAllowlist(InventoryConfig config) {
        this.allowed = config.certificateAllowlist().map(file -> {
            try {
                return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the certificate allowlist " + file, e);
            }
        });
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(HttpServerRequest request) {
        if (allowed.isEmpty() || !request.isSSL()) {
            return Optional.empty();
        }
        String cn = commonName(request).orElse(null);
        if (cn != null && allowed.get().contains(cn)) {
            return Optional.empty();
        }
        LOG.warnf("%s rejected by the certificate allowlist", cn);
        return Optional.of(Response.status(403).type("text/plain; charset=utf-8")
                .entity("The client certificate name " + cn + " doesn't appear in the certificate allowlist. Is your"
                        + " master's (or other PuppetDB client's) certname listed in PuppetDB's certificate-allowlist"
                        + " file?").build());
    }

    private static Optional<String> commonName(HttpServerRequest request) {
        try {
            Certificate[] chain = request.sslSession() == null ? null : request.sslSession().getPeerCertificates();
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Optional.empty();
            }
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return Optional.empty();
        }
    }
}
