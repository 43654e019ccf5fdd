package io.puppetplane.inventory.tls;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.puppetplane.inventory.config.InventoryConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * PuppetDB's two listeners. HTTPS requires a client certificate of the plane's CA ({@code puppetplane.tls.ca-file},
 * Jetty's {@code client-auth need}), checked against the CA's CRL when {@code puppetplane.tls.crl-file} is set, in
 * the handshake. Plain HTTP has no authentication, so it listens on loopback only
 * ({@code puppetplane.inventory.plain-http-host}), as PuppetDB's {@code host = localhost}.
 */
@ApplicationScoped
public class PuppetDbListeners implements HttpServerOptionsCustomizer {

    private final Optional<Path> caFile;
    private final Optional<Path> crlFile;
    private final InventoryConfig config;

    PuppetDbListeners(@ConfigProperty(name = "puppetplane.tls.ca-file") Optional<Path> caFile,
            @ConfigProperty(name = "puppetplane.tls.crl-file") Optional<Path> crlFile, InventoryConfig config) {
        this.caFile = caFile;
        this.crlFile = crlFile;
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHost(config.plainHttpHost());
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        caFile.ifPresent(file -> {
            options.setClientAuth(ClientAuth.REQUIRED);
            options.setTrustOptions(new PemTrustOptions().addCertPath(file.toAbsolutePath().toString()));
            crlFile.ifPresent(crl -> options.addCrlPath(crl.toAbsolutePath().toString()));
        });
    }
}
