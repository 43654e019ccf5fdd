package io.puppetplane.catalog.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import org.jboss.logging.Logger;

import io.puppetplane.catalog.config.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The CA's certificate revocation list from {@code puppetplane.catalog.crl-file}, re-read when the file changes, so
 * a revocation takes effect without a restart. Without the setting nothing is considered revoked.
 */
@ApplicationScoped
public class RevocationList {

    private static final Logger LOG = Logger.getLogger(RevocationList.class);

    @Inject
    CatalogConfig config;

    private volatile FileTime loadedModified;
    private volatile List<X509CRL> crls = List.of();

    public boolean isRevoked(X509Certificate cert) {
        List<X509CRL> current = current();
        for (X509CRL crl : current) {
            if (crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal()) && crl.isRevoked(cert)) {
                return true;
            }
        }
        return false;
    }

    private List<X509CRL> current() {
        if (config.crlFile().isEmpty()) {
            return List.of();
        }
        Path file = config.crlFile().get();
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(loadedModified)) {
                synchronized (this) {
                    if (!modified.equals(loadedModified)) {
                        crls = read(file);
                        loadedModified = modified;
                    }
                }
            }
        } catch (IOException | CertificateException | java.security.cert.CRLException e) {
            // keep the last good list: a CRL being rewritten must not let revoked agents in or lock everyone out
            LOG.warnf("cannot read CRL %s, keeping the previous one: %s", file, e.getMessage());
        }
        return crls;
    }

    private static List<X509CRL> read(Path file)
            throws IOException, CertificateException, java.security.cert.CRLException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends CRL> all = CertificateFactory.getInstance("X.509").generateCRLs(in);
            return all.stream().filter(X509CRL.class::isInstance).map(X509CRL.class::cast).toList();
        }
    }
}
