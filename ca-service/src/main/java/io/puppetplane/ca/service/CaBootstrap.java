package io.puppetplane.ca.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.puppetplane.ca.config.CaConfig;
import io.puppetplane.ca.repository.AuditLog;
import io.puppetplane.ca.repository.CaBundleRepository;
import io.puppetplane.ca.repository.CertificateRepository;
import io.puppetplane.ca.repository.CertificateRepository.StoredCertificate;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Brings the CA up before the HTTPS port opens (Quarkus opens it after StartupEvent observers): creates a new CA or
 * imports a Puppet Server CA directory, loads the keys, ingests imported certificates, makes sure a CRL exists, and
 * issues the CA's own HTTPS certificate and the operator CLI's certificate when their files are missing. Replicas
 * starting together serialise on an advisory lock.
 */
@ApplicationScoped
public class CaBootstrap {

    /** CN of the CA's own HTTPS certificate. */
    public static final String SERVER_CERTNAME = "ca-service";
    /** CN of the operator CLI's client certificate. */
    public static final String ADMIN_CERTNAME = "puppetplane-ca-admin";

    private static final Logger LOG = Logger.getLogger(CaBootstrap.class);

    private final CaConfig config;
    private final CertificateAuthorityKeys keys;
    private final CertificateRepository certificates;
    private final CaBundleRepository caBundles;
    private final CertificateAuthority authority;
    private final CrlPublisher crl;
    private final AuditLog audit;
    private final Clock clock;
    private final Path tlsCertFile;
    private final Path tlsKeyFile;

    CaBootstrap(CaConfig config, CertificateAuthorityKeys keys, CertificateRepository certificates,
            CaBundleRepository caBundles,
            CertificateAuthority authority, CrlPublisher crl, AuditLog audit, Clock clock,
            @ConfigProperty(name = "puppetplane.tls.cert-file") Path tlsCertFile,
            @ConfigProperty(name = "puppetplane.tls.key-file") Path tlsKeyFile) {
        this.config = config;
        this.keys = keys;
        this.certificates = certificates;
        this.caBundles = caBundles;
        this.authority = authority;
        this.crl = crl;
        this.audit = audit;
        this.clock = clock;
        this.tlsCertFile = tlsCertFile;
        this.tlsKeyFile = tlsKeyFile;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::bootstrap);
    }

    void bootstrap() {
        certificates.lockBootstrap();
        CaDirectory dir = new CaDirectory(config.dir());
        BigInteger minimumCrlNumber = BigInteger.ONE;
        if (!dir.hasCa()) {
            if (config.importFrom().isPresent()) {
                new PuppetServerCaDirectory(config.importFrom().get()).copyInto(dir);
                LOG.infof("Imported the Puppet Server CA from %s into %s", config.importFrom().get(), dir.root());
            } else {
                dir.save(CaCertificateFactory.create(config.name(), config.keyType(), config.keySize(),
                        config.caTtl(), clock.instant()));
                audit.record("ca-service", "ca-created", null, "new " + config.keyType() + " " + config.keySize()
                        + " CA 'Puppet CA: " + config.name() + "' in " + dir.root());
                LOG.infof("Created a new CA in %s", dir.root());
            }
        }
        try {
            String bundle = Files.readString(dir.caCertFile());
            keys.use(dir.load(), bundle, caBundles.publish(CertificateAuthority.sha256(bundle), clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(dir.importedDir()) && !Files.exists(dir.importedDir().resolve(".ingested"))) {
            minimumCrlNumber = ingest(dir);
        }
        if (minimumCrlNumber.compareTo(BigInteger.ONE) > 0) {
            crl.regenerate(minimumCrlNumber);
        } else {
            crl.current(); // signs the first CRL of a new CA
        }
        if (!Files.isRegularFile(tlsCertFile) || !Files.isRegularFile(tlsKeyFile)) {
            List<String> dns = new ArrayList<>(List.of("localhost"));
            List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
            for (String name : config.serverNames()) {
                (name.matches("[0-9.]+|.*:.*") ? ips : dns).add(name.trim());
            }
            writeServiceCertificate(SERVER_CERTNAME, dedupe(dns), dedupe(ips), tlsCertFile, tlsKeyFile);
        }
        Path admin = dir.adminDir();
        if (!Files.isRegularFile(admin.resolve("cert.pem")) || !Files.isRegularFile(admin.resolve("key.pem"))) {
            writeServiceCertificate(ADMIN_CERTNAME, List.of(), List.of(), admin.resolve("cert.pem"),
                    admin.resolve("key.pem"));
        }
        CaDirectory.write(admin.resolve("ca.pem"), keys.caBundlePem());
    }

    private void writeServiceCertificate(String name, List<String> dns, List<String> ips, Path certFile,
            Path keyFile) {
        CertificateAuthority.IssuedKeyPair issued = authority.issueServiceCertificate(name, dns, ips, "ca-service");
        CaDirectory.writePrivate(keyFile, PemCodec.write(issued.privateKey()));
        CaDirectory.write(certFile, PemCodec.write(issued.certificate()));
        LOG.infof("Issued the certificate of %s into %s", name, certFile);
    }

    /** Puts the imported CA's certificates and revocations into the database; returns the next CRL number. */
    private BigInteger ingest(CaDirectory dir) {
        PuppetServerCaDirectory.Contents contents = new PuppetServerCaDirectory(dir.importedDir()).read();
        Map<BigInteger, java.time.Instant> revokedAt = contents.revoked().stream().collect(
                Collectors.toMap(PuppetServerCaDirectory.Revocation::serial,
                        PuppetServerCaDirectory.Revocation::revokedAt, (a, b) -> a));
        // A name re-issued after a clean appears more than once: only its newest certificate stays live.
        Set<String> liveNames = new HashSet<>();
        List<PuppetServerCaDirectory.IssuedCertificate> newestFirst = contents.issued().stream()
                .sorted(Comparator.comparing(PuppetServerCaDirectory.IssuedCertificate::serial).reversed()).toList();
        java.time.Instant now = clock.instant();
        for (PuppetServerCaDirectory.IssuedCertificate issued : newestFirst) {
            boolean live = liveNames.add(issued.certname());
            java.time.Instant revoked = revokedAt.remove(issued.serial());
            X509Certificate cert = issued.certificate().orElse(null);
            certificates.insert(new StoredCertificate(issued.serial(), issued.certname(),
                    cert == null ? null : PemCodec.write(cert),
                    cert == null ? null : PemCodec.fingerprint(cert, "SHA-256"),
                    cert == null ? null : cert.getNotBefore().toInstant(),
                    cert == null ? null : cert.getNotAfter().toInstant(), revoked == null ? "signed" : "revoked",
                    revoked, !live || cert == null, "imported from Puppet Server", now, null));
        }
        for (Map.Entry<BigInteger, java.time.Instant> orphan : revokedAt.entrySet()) {
            certificates.insert(new StoredCertificate(orphan.getKey(), "unknown-serial-" + orphan.getKey(), null,
                    null, null, null, "revoked", orphan.getValue(), true, "imported from Puppet Server CRL", now, null));
        }
        certificates.advanceSerialTo(contents.nextSerial());
        audit.record("ca-service", "ca-imported", null, contents.issued().size() + " certificates and "
                + contents.revoked().size() + " revocations imported; next serial " + contents.nextSerial());
        CaDirectory.write(dir.importedDir().resolve(".ingested"), now.toString());
        return contents.nextCrlNumber();
    }

    private static List<String> dedupe(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
