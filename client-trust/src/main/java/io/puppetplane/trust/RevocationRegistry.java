package io.puppetplane.trust;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The serial numbers of our CA's revoked certificates, as this replica knows them: the CA's CRL loaded at start (and
 * refreshed) plus every certificate-revoked event since. Revocation is permanent, so both sources only ever add.
 */
@ApplicationScoped
public class RevocationRegistry {

    private static final Logger LOG = Logger.getLogger(RevocationRegistry.class);

    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> crlLoadedAt = new AtomicReference<>();

    public boolean isRevoked(BigInteger serial) {
        return revoked.contains(serial);
    }

    public boolean isRevoked(ClientIdentity identity) {
        return isRevoked(identity.serial());
    }

    /** Records one revocation; returns true when it was new to this replica. */
    public boolean revoke(BigInteger serial, String certname, String reason) {
        boolean added = revoked.add(serial);
        if (added) {
            LOG.infof("certificate of %s (serial %s) is revoked: %s", certname, serial, reason);
        }
        return added;
    }

    /** Adds every entry of a CRL whose signature the caller has already verified. */
    public int applyCrl(X509CRL crl) {
        int added = 0;
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        if (entries != null) {
            for (X509CRLEntry entry : entries) {
                if (revoked.add(entry.getSerialNumber())) {
                    added++;
                }
            }
        }
        crlLoadedAt.set(Instant.now());
        return added;
    }

    /** When a CRL was last applied; empty until the first one. */
    public Optional<Instant> crlLoadedAt() {
        return Optional.ofNullable(crlLoadedAt.get());
    }

    public int size() {
        return revoked.size();
    }
}
