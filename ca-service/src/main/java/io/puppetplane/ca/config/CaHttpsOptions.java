package io.puppetplane.ca.config;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * Client certificates are requested, never required: agents call the CA endpoints before they have one. Those
 * presented must chain to our CA (the trust store is the CA file), so admin endpoints can trust the peer certificate.
 */
@ApplicationScoped
public class CaHttpsOptions implements HttpServerOptionsCustomizer {

    private final Path caFile;

    CaHttpsOptions(@ConfigProperty(name = "puppetplane.tls.ca-file") Path caFile) {
        this.caFile = caFile;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setClientAuth(ClientAuth.REQUEST);
        options.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toAbsolutePath().toString()));
    }
}
