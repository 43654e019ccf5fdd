package io.puppetplane.trust.rest;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * Asks HTTPS clients for a certificate (client auth "request", so endpoints that need none keep working) and verifies
 * any presented certificate against {@code puppetplane.tls.ca-file} during the handshake. Nothing happens without
 * that key. The server's own certificate stays Quarkus' {@code quarkus.http.ssl.certificate.files/key-files}.
 */
@ApplicationScoped
public class ClientTrustHttpsOptions implements HttpServerOptionsCustomizer {

    private final Optional<Path> caFile;

    ClientTrustHttpsOptions(@ConfigProperty(name = "puppetplane.tls.ca-file") Optional<Path> caFile) {
        this.caFile = caFile;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        caFile.ifPresent(file -> {
            options.setClientAuth(ClientAuth.REQUEST);
            options.setTrustOptions(new PemTrustOptions().addCertPath(file.toAbsolutePath().toString()));
        });
    }
}
