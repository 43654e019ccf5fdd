package io.puppetplane.ca.service;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.puppetplane.ca.config.CaConfig;
import io.puppetplane.ca.repository.CertificateRepository;
import io.puppetplane.ca.repository.CrlRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the CRL current: regenerated in the transaction of every revocation, re-signed on a schedule before it gets
 * old. Only one writer at a time, through {@link CrlRepository#lockForWriting()}.
 */
@ApplicationScoped
public class CrlPublisher {

    private static final Logger LOG = Logger.getLogger(CrlPublisher.class);

    private final CrlRepository crls;
    private final CertificateRepository certificates;
    private final CertificateAuthorityKeys keys;
    private final CaConfig config;
    private final Clock clock;

    CrlPublisher(CrlRepository crls, CertificateRepository certificates, CertificateAuthorityKeys keys,
            CaConfig config, Clock clock) {
        this.crls = crls;
        this.certificates = certificates;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    /** Signs a new CRL from every revoked serial; the caller's transaction must hold the writer lock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CrlRepository.StoredCrl regenerate(BigInteger minimumNumber) {
        crls.lockForWriting();
        BigInteger number = crls.current().map(c -> c.crlNumber().add(BigInteger.ONE)).orElse(BigInteger.ONE)
                .max(minimumNumber);
        Instant now = clock.instant();
        Instant nextUpdate = now.plus(config.crl().nextUpdate());
        List<CrlSigner.RevokedEntry> revoked = certificates.revoked().stream()
                .map(c -> new CrlSigner.RevokedEntry(c.serial(), c.revokedAt())).toList();
        String pem = PemCodec.write(CrlSigner.sign(keys.material(), revoked, number, now, nextUpdate));
        CrlRepository.StoredCrl crl = new CrlRepository.StoredCrl(number, pem, now, nextUpdate);
        crls.save(crl);
        return crl;
    }

    /** Makes the caller's transaction the only CRL writer until it ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockCrlWriters() {
        crls.lockForWriting();
    }

    @Transactional
    public CrlRepository.StoredCrl current() {
        return crls.current().orElseGet(() -> regenerate(BigInteger.ONE));
    }

    @Scheduled(every = "${puppetplane.ca.crl.check-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void resignWhenOld() {
        crls.lockForWriting();
        Instant threshold = clock.instant().minus(config.crl().resignAfter());
        if (crls.current().map(c -> c.thisUpdate().isBefore(threshold)).orElse(true)) {
            CrlRepository.StoredCrl crl = regenerate(BigInteger.ONE);
            LOG.infof("Re-signed the CRL (number %s, next update %s)", crl.crlNumber(), crl.nextUpdate());
        }
    }
}
