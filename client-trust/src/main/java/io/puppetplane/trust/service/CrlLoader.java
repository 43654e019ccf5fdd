package io.puppetplane.trust.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.puppetplane.trust.RevocationRegistry;
import io.puppetplane.trust.config.TrustConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the CA's CRL into the {@link RevocationRegistry}: from {@code puppetplane.trust.crl-file} and/or
 * {@code puppetplane.trust.crl-url}, retried until the first load succeeds (the CA may start after us), then
 * refreshed periodically. A CRL counts only if it is signed by a certificate of {@code puppetplane.tls.ca-file}.
 */
@ApplicationScoped
public class CrlLoader {

    private static final Logger LOG = Logger.getLogger(CrlLoader.class);

    private final TrustConfig config;
    private final RevocationRegistry registry;
    private final Optional<Path> caFile;
    private ScheduledExecutorService executor;
    private volatile String lastFailure = "";

    CrlLoader(TrustConfig config, RevocationRegistry registry,
            @ConfigProperty(name = "puppetplane.tls.ca-file") Optional<Path> caFile) {
        this.config = config;
        this.registry = registry;
        this.caFile = caFile;
    }

    /** Whether a CRL source is configured, so that requests must wait for the first load. */
    public boolean configured() {
        return config.crlUrl().isPresent() || config.crlFile().isPresent();
    }

    /** Why the last attempt failed, for readiness output; empty after a success. */
    public String lastFailure() {
        return lastFailure;
    }

    void start(@Observes StartupEvent event) {
        if (!configured()) {
            LOG.info("no CRL source configured (puppetplane.trust.crl-url / crl-file); only revocation events count");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "client-trust-crl");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::loadAndReschedule);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void loadAndReschedule() {
        boolean loaded = loadOnce();
        long delay = (loaded ? config.crlRefreshInterval() : config.crlRetryInterval()).toMillis();
        if (!executor.isShutdown()) {
            executor.schedule(this::loadAndReschedule, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** One attempt at every configured source; true when at least one CRL was applied. */
    public boolean loadOnce() {
        boolean loaded = false;
        List<String> failures = new ArrayList<>();
        if (config.crlFile().isPresent()) {
            Path file = config.crlFile().get();
            try {
                loaded |= apply(Files.readAllBytes(file), file.toString());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                failures.add(file + ": " + e.getMessage());
            }
        }
        if (config.crlUrl().isPresent()) {
            URI url = config.crlUrl().get();
            try {
                loaded |= apply(fetch(url), url.toString());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                failures.add(url + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        lastFailure = String.join("; ", failures);
        if (!failures.isEmpty()) {
            LOG.warnf("could not load the CRL (%s)%s", lastFailure, loaded ? "" : "; retrying");
        }
        return loaded;
    }

    private boolean apply(byte[] pem, String origin) throws GeneralSecurityException, IOException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Collection<? extends java.security.cert.CRL> crls = factory.generateCRLs(new ByteArrayInputStream(pem));
        if (crls.isEmpty()) {
            throw new IOException("no CRL in the answer");
        }
        for (java.security.cert.CRL crl : crls) {
            X509CRL x509 = (X509CRL) crl;
            verify(x509);
            int added = registry.applyCrl(x509);
            LOG.infof("CRL from %s applied: %d new revocations, %d known", origin, added, registry.size());
        }
        return true;
    }

    private void verify(X509CRL crl) throws GeneralSecurityException, IOException {
        if (caFile.isEmpty()) {
            return;
        }
        for (X509Certificate ca : caCertificates()) {
            if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                crl.verify(ca.getPublicKey());
                return;
            }
        }
        throw new GeneralSecurityException("the CRL of " + crl.getIssuerX500Principal()
                + " is not from a CA in " + caFile.get());
    }

    private List<X509Certificate> caCertificates() throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(caFile.get())) {
            List<X509Certificate> cas = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.add((X509Certificate) c);
            }
            return cas;
        }
    }

    private byte[] fetch(URI url) throws IOException, InterruptedException, GeneralSecurityException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if ("https".equalsIgnoreCase(url.getScheme()) && caFile.isPresent()) {
            builder.sslContext(trusting(caCertificates()));
        }
        HttpResponse<byte[]> response = builder.build().send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static SSLContext trusting(List<X509Certificate> cas) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
