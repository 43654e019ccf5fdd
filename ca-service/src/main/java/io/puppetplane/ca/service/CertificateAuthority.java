package io.puppetplane.ca.service;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.ca.config.CaConfig;
import io.puppetplane.ca.repository.AuditLog;
import io.puppetplane.ca.repository.CertificateRepository;
import io.puppetplane.ca.repository.CertificateRepository.StoredCertificate;
import io.puppetplane.ca.repository.CertificateRequestRepository;
import io.puppetplane.ca.repository.CertificateRequestRepository.StoredRequest;
import io.puppetplane.ca.repository.EnrollmentTokenRepository;
import io.puppetplane.events.payload.CertificateRenewed;
import io.puppetplane.events.payload.CertificateRevoked;
import io.puppetplane.events.payload.CertificateSigned;
import io.puppetplane.events.payload.CsrSubmitted;
import io.puppetplane.outbox.OutboxWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The certificate authority's operations. Each state change, its audit entry and its event are written in one
 * transaction, so they cannot disagree.
 */
@ApplicationScoped
public class CertificateAuthority {

    static final DateTimeFormatter PUPPET_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CertificateRequestRepository requests;
    private final CertificateRepository certificates;
    private final EnrollmentTokenRepository tokens;
    private final AuditLog audit;
    private final OutboxWriter outbox;
    private final CrlPublisher crl;
    private final CertificateAuthorityKeys keys;
    private final AutosignPolicy autosign;
    private final CsrValidator validator;
    private final CaConfig config;
    private final Clock clock;

    CertificateAuthority(CertificateRequestRepository requests, CertificateRepository certificates,
            EnrollmentTokenRepository tokens, AuditLog audit, OutboxWriter outbox, CrlPublisher crl,
            CertificateAuthorityKeys keys, AutosignPolicy autosign, CaConfig config, Clock clock) {
        this.requests = requests;
        this.certificates = certificates;
        this.tokens = tokens;
        this.audit = audit;
        this.outbox = outbox;
        this.crl = crl;
        this.keys = keys;
        this.autosign = autosign;
        this.config = config;
        this.clock = clock;
        this.validator = new CsrValidator(new CsrValidator.Policy(config.csrMaxBytes(), config.minRsaKeyBits(),
                config.allowSubjectAltNames(), config.allowAuthorizationExtensions()));
    }

    /**
     * An agent's CSR: validated, refused with 400 when the name already has a CSR or a certificate, stored, and
     * signed at once when autosign says so. Returns the decision.
     */
    public AutosignDecision submit(String certname, String csrPem, Optional<InetAddress> requester) {
        ValidatedCsr csr = validator.validate(certname, csrPem);
        refuseDuplicate(certname);
        Optional<String> tokenHash = csr.challengePassword().map(CertificateAuthority::sha256);
        boolean tokenValid = tokenHash.isPresent() && QuarkusTransaction.requiringNew()
                .call(() -> tokens.isUsable(tokenHash.get(), certname, clock.instant()));
        // The policy executable may take seconds; it runs outside any transaction.
        AutosignDecision decision = autosign.decide(csr, requester, tokenHash, tokenValid);
        return QuarkusTransaction.requiringNew().call(() -> store(csr, requester, decision));
    }

    private AutosignDecision store(ValidatedCsr csr, Optional<InetAddress> requester, AutosignDecision proposed) {
        refuseDuplicate(csr.certname());
        Instant now = clock.instant();
        AutosignDecision decision = proposed;
        if (decision.tokenSha256().isPresent() && !tokens.consume(decision.tokenSha256().get(), csr.certname(), now)) {
            decision = AutosignDecision.pending("the enrollment token was used or expired meanwhile");
        }
        String address = requester.map(InetAddress::getHostAddress).orElse(null);
        try {
            requests.insert(new StoredRequest(csr.certname(), csr.pem(), csr.fingerprintSha256(), address,
                    JSON.writeValueAsString(csr.extensionValues()), decision.summary(), now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        audit.record(address == null ? "agent" : "agent@" + address, "csr-submitted", csr.certname(),
                "fingerprint " + csr.fingerprintSha256() + "; autosign " + decision.summary());
        outbox.append(new CsrSubmitted(csr.certname(), csr.fingerprintSha256(), address, csr.extensionValues(),
                decision.summary(), now), csr.certname());
        if (decision.sign()) {
            signPending(csr.certname(), "autosign", "autosign: " + decision.reason(), Optional.empty());
        }
        return decision;
    }

    private void refuseDuplicate(String certname) {
        if (requests.find(certname).isPresent()) {
            throw CaRequestException.badRequest(certname + " already has a requested certificate; ignoring "
                    + "certificate request");
        }
        Optional<StoredCertificate> live = certificates.live(certname);
        if (live.isPresent()) {
            throw CaRequestException.badRequest(certname + " already has a " + live.get().state() + " certificate; "
                    + "ignoring certificate request (clean it first to enroll again)");
        }
    }

    /** Signs the pending CSR of {@code certname}. 404 when the name is unknown, 409 when nothing is pending. */
    @Transactional
    public StoredCertificate sign(String certname, String actor, Optional<Duration> ttl) {
        Certname.require(certname);
        return signPending(certname, actor, "signed by " + actor, ttl);
    }

    private StoredCertificate signPending(String certname, String actor, String reason, Optional<Duration> ttl) {
        Optional<StoredRequest> pending = requests.findForUpdate(certname);
        if (pending.isEmpty()) {
            if (certificates.live(certname).isPresent()) {
                throw CaRequestException.conflict("Cannot sign certificate for " + certname
                        + ": it has no pending certificate request");
            }
            throw CaRequestException.notFound("Could not find a certificate request for " + certname);
        }
        ValidatedCsr csr = validator.validate(certname, pending.get().csrPem());
        Instant now = clock.instant();
        BigInteger serial = certificates.nextSerial();
        // Puppet Server's rule: agents that renew themselves get the renewal lifetime from the start.
        Duration lifetime = ttl.orElse(csr.renewsItself() && config.autoRenewal().allowed()
                ? config.autoRenewal().certTtl() : config.certTtl());
        X509Certificate cert = new CertificateSigner(keys.material()).sign(certname, csr.publicKey(), serial, now,
                lifetime, csr.extraAltNames(), csr.puppetExtensions(), false);
        StoredCertificate stored = record(certname, cert, reason, now);
        requests.delete(certname);
        audit.record(actor, "certificate-signed", certname, "serial " + serial + "; " + reason);
        outbox.append(new CertificateSigned(certname, serial.toString(), stored.fingerprintSha256(),
                csr.extensionValues(), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), reason),
                certname);
        return stored;
    }

    private StoredCertificate record(String certname, X509Certificate cert, String reason, Instant now) {
        StoredCertificate stored = new StoredCertificate(cert.getSerialNumber(), certname, PemCodec.write(cert),
                PemCodec.fingerprint(cert, "SHA-256"), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                "signed", null, false, reason, now, null);
        certificates.insert(stored);
        return stored;
    }

    /** Revokes the certificate of {@code certname} and publishes a new CRL in the same transaction. */
    @Transactional
    public StoredCertificate revoke(String certname, String actor, String reason) {
        Certname.require(certname);
        crl.lockCrlWriters();
        StoredCertificate cert = certificates.liveForUpdate(certname).orElseThrow(() -> requests.find(certname)
                .<CaRequestException>map(r -> CaRequestException.conflict("Cannot revoke certificate for host "
                        + certname + " without a signed certificate"))
                .orElseGet(() -> CaRequestException.notFound("Could not find a certificate for " + certname)));
        if (cert.revoked()) {
            return cert;
        }
        Instant now = clock.instant();
        // The certificates it was renewed from are still valid in the agent's (or a thief's) hands: revoke them too.
        List<StoredCertificate> predecessors = certificates.unexpiredPredecessors(cert.serial(), now);
        certificates.markRevoked(cert.serial(), now);
        predecessors.forEach(p -> certificates.markRevoked(p.serial(), now));
        crl.regenerate(BigInteger.ONE);
        audit.record(actor, "certificate-revoked", certname, "serial " + cert.serial()
                + (predecessors.isEmpty() ? "" : " and the ones it was renewed from, "
                        + predecessors.stream().map(p -> p.serial().toString()).toList())
                + "; " + reason);
        outbox.append(new CertificateRevoked(certname, cert.serial().toString(), now, reason), certname);
        for (StoredCertificate p : predecessors) {
            outbox.append(new CertificateRevoked(certname, p.serial().toString(), now,
                    reason + " (renewed into serial " + cert.serial() + ")"), certname);
        }
        return certificates.live(certname).orElseThrow();
    }

    /**
     * Renews the certificate an agent authenticated with, as Puppet Server's {@code certificate_renewal}: a new
     * serial and the renewal lifetime, the same subject, key and extensions. The presented certificate must be the
     * name's live one or one renewed into it, and neither may be revoked; the previous one is set aside, still valid
     * until it expires (revoking the name later revokes it too). 403 otherwise.
     */
    @Transactional
    public StoredCertificate renew(X509Certificate presented, String requester) {
        String certname = PemCodec.commonName(presented);
        BigInteger presentedSerial = presented.getSerialNumber();
        String fingerprint = PemCodec.fingerprint(presented, "SHA-256");
        StoredCertificate known = certificates.bySerialForUpdate(presentedSerial)
                .filter(c -> certname.equals(c.certname()) && fingerprint.equals(c.fingerprintSha256()))
                .orElseThrow(() -> new CaRequestException(403, "Certificate present, but this CA has no record of "
                        + "serial " + presentedSerial + " for " + certname));
        if (known.revoked()) {
            throw new CaRequestException(403, "The certificate of " + certname + " (serial " + presentedSerial
                    + ") is revoked; it cannot be renewed");
        }
        StoredCertificate live = certificates.liveForUpdate(certname).orElseThrow(() -> new CaRequestException(403,
                certname + " no longer has a certificate (it was cleaned); enroll again with a new CSR"));
        if (live.revoked()) {
            throw new CaRequestException(403, "The certificate of " + certname + " is revoked; it cannot be renewed");
        }
        if (!renewedInto(known, live.serial())) {
            throw new CaRequestException(403, "The certificate of " + certname + " (serial " + presentedSerial
                    + ") was replaced by another enrollment; it cannot be renewed");
        }
        Instant now = clock.instant();
        BigInteger serial = certificates.nextSerial();
        X509Certificate cert = new CertificateSigner(keys.material()).renew(presented, serial, now,
                config.autoRenewal().certTtl());
        certificates.markRenewed(live.serial(), serial); // first: a name holds one live certificate
        StoredCertificate stored = record(certname, cert, "renewed from serial " + presentedSerial, now);
        audit.record(requester, "certificate-renewed", certname, "serial " + serial + " from serial "
                + presentedSerial + "; valid until " + PUPPET_DATE.format(cert.getNotAfter().toInstant()));
        outbox.append(new CertificateRenewed(certname, serial.toString(), presentedSerial.toString(),
                stored.fingerprintSha256(), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()),
                certname);
        return stored;
    }

    /** Whether {@code from} is the certificate {@code liveSerial} or was renewed (maybe repeatedly) into it. */
    private boolean renewedInto(StoredCertificate from, BigInteger liveSerial) {
        StoredCertificate step = from;
        for (int hops = 0; hops < 10_000; hops++) {
            if (step.serial().equals(liveSerial)) {
                return true;
            }
            if (step.renewedBy() == null) {
                return false;
            }
            Optional<StoredCertificate> next = certificates.bySerialForUpdate(step.renewedBy());
            if (next.isEmpty()) {
                return false;
            }
            step = next.get();
        }
        return false;
    }

    /** Revokes when {@code certname} holds a signed certificate; false (and no change) otherwise. */
    @Transactional
    public boolean revokeIfSigned(String certname, String actor, String reason) {
        Optional<StoredCertificate> live = certificates.live(certname);
        if (live.isEmpty() || live.get().revoked()) {
            return false;
        }
        revoke(certname, actor, reason);
        return true;
    }

    /** Revokes (when signed) and forgets a name, so it may enroll again; 404 when nothing is known about it. */
    @Transactional
    public void clean(String certname, String actor, boolean revokeFirst) {
        Certname.require(certname);
        Optional<StoredCertificate> cert = certificates.liveForUpdate(certname);
        boolean hadRequest = requests.delete(certname);
        if (cert.isEmpty() && !hadRequest) {
            throw CaRequestException.notFound("Could not find a certificate or request for " + certname);
        }
        if (cert.isPresent()) {
            if (revokeFirst && !cert.get().revoked()) {
                revoke(certname, actor, "cleaned by " + actor);
            }
            certificates.markCleaned(cert.get().serial());
        }
        audit.record(actor, "cleaned", certname, (revokeFirst ? "revoked and " : "") + "deleted certificate and request");
    }

    /** Issues a one-time enrollment token for {@code certname}; returns the token (only its hash is stored). */
    @Transactional
    public String issueEnrollmentToken(String certname, String actor, Optional<Duration> ttl) {
        Certname.require(certname);
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        Duration lifetime = ttl.orElse(config.autosign().tokenTtl());
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(30)) > 0) {
            throw CaRequestException.badRequest("ttl_seconds must be between 1 second and 30 days");
        }
        tokens.insert(sha256(token), certname, actor, now, now.plus(lifetime));
        audit.record(actor, "enrollment-token-issued", certname, "expires " + now.plus(lifetime));
        return token;
    }

    /**
     * Issues a TLS certificate with a fresh key for a service (or the operator CLI): SANs for every name and address
     * it is dialed by, and pp_cli_auth=true so it may use the admin endpoints.
     */
    @Transactional
    public IssuedKeyPair issueServiceCertificate(String name, List<String> dnsNames, List<String> ipAddresses,
            String actor) {
        return issueKeyPair(name, dnsNames, ipAddresses, true, actor);
    }

    /**
     * Issues a certificate with a fresh key, as {@code puppetserver ca generate} does: for a node that cannot make
     * its own CSR, or with {@code cliAuth} (pp_cli_auth=true) for a service or an operator of the admin API.
     */
    @Transactional
    public IssuedKeyPair issueKeyPair(String name, List<String> dnsNames, List<String> ipAddresses, boolean cliAuth,
            String actor) {
        String kind = cliAuth ? "service certificate" : "certificate";
        Certname.require(name);
        certificates.liveForUpdate(name).ifPresent(old -> {
            if (!old.revoked()) {
                revoke(name, actor, "replaced by a new " + kind);
            }
            certificates.markCleaned(old.serial());
        });
        requests.delete(name);
        KeyPair pair = CaCertificateFactory.generateKeyPair("RSA", 2048);
        List<GeneralName> sans = new ArrayList<>();
        for (String dns : dnsNames) {
            sans.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses) {
            if (!ip.matches("[0-9A-Fa-f:.]+")) {
                throw CaRequestException.badRequest("not an IP address: " + ip);
            }
            sans.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        Instant now = clock.instant();
        BigInteger serial = certificates.nextSerial();
        X509Certificate cert = new CertificateSigner(keys.material()).sign(name, pair.getPublic(), serial, now,
                config.certTtl(), sans, List.<Extension>of(), cliAuth);
        StoredCertificate stored = record(name, cert, kind + " issued by " + actor, now);
        audit.record(actor, cliAuth ? "service-certificate-issued" : "certificate-generated", name, "serial " + serial
                + "; SANs " + dnsNames + " " + ipAddresses);
        outbox.append(new CertificateSigned(name, serial.toString(), stored.fingerprintSha256(),
                cliAuth ? Map.of("pp_cli_auth", "true") : Map.of(), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), kind + " issued by " + actor), name);
        return new IssuedKeyPair(cert, pair.getPrivate());
    }

    /** A certificate with its private key. */
    public record IssuedKeyPair(X509Certificate certificate, java.security.PrivateKey privateKey) {
    }

    @Transactional
    public Optional<String> certificatePem(String certname) {
        Certname.require(certname);
        return certificates.live(certname).filter(c -> c.certPem() != null).map(StoredCertificate::certPem);
    }

    @Transactional
    public Optional<String> requestPem(String certname) {
        Certname.require(certname);
        return requests.find(certname).map(StoredRequest::csrPem);
    }

    @Transactional
    public CertificateStatus status(String certname) {
        Certname.require(certname);
        Optional<StoredCertificate> cert = certificates.live(certname);
        if (cert.isPresent()) {
            return statusOf(cert.get());
        }
        return requests.find(certname).map(this::statusOf)
                .orElseThrow(() -> CaRequestException.notFound("Resource not found."));
    }

    @Transactional
    public List<CertificateStatus> statuses(Optional<String> state) {
        List<CertificateStatus> all = new ArrayList<>();
        requests.all().forEach(r -> all.add(statusOf(r)));
        certificates.allLive().forEach(c -> all.add(statusOf(c)));
        return all.stream().filter(s -> state.isEmpty() || state.get().equals(s.state())).toList();
    }

    private CertificateStatus statusOf(StoredRequest request) {
        PKCS10CertificationRequest csr = PemCodec.readCsr(request.csrPem());
        List<String> sans = new ArrayList<>(List.of("DNS:" + request.certname()));
        ValidatedCsr validated = validator.validate(request.certname(), request.csrPem());
        sans.addAll(validated.altNameLabels());
        try {
            return status(request.certname(), "requested", sans, Map.of(), csr.getEncoded(), null, null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private CertificateStatus statusOf(StoredCertificate cert) {
        if (cert.certPem() == null) {
            return new CertificateStatus(cert.certname(), cert.state(), List.of(), List.of(), Map.of(), null, null,
                    null, null, cert.serial());
        }
        X509Certificate x509 = PemCodec.readCertificate(cert.certPem());
        List<String> sans = new ArrayList<>();
        try {
            if (x509.getSubjectAlternativeNames() != null) {
                for (List<?> san : x509.getSubjectAlternativeNames()) {
                    sans.add(((Integer) san.get(0) == 7 ? "IP:" : "DNS:") + san.get(1));
                }
            }
            return status(cert.certname(), cert.state(), sans, authorizationExtensions(x509), x509.getEncoded(),
                    cert.notBefore(), cert.notAfter(), cert.serial());
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pp_cli_auth/pp_auth_role/pp_authorization extensions by short name, as Puppet Server lists them. */
    private static Map<String, String> authorizationExtensions(X509Certificate cert) {
        Map<String, String> found = new java.util.TreeMap<>();
        java.util.Set<String> oids = new java.util.HashSet<>();
        if (cert.getNonCriticalExtensionOIDs() != null) {
            oids.addAll(cert.getNonCriticalExtensionOIDs());
        }
        if (cert.getCriticalExtensionOIDs() != null) {
            oids.addAll(cert.getCriticalExtensionOIDs());
        }
        for (String oid : oids) {
            String value = PuppetOids.isAuthorizationExtension(oid) ? PemCodec.extensionText(cert, oid) : null;
            if (value != null) {
                found.put(PuppetOids.shortName(oid), value);
            }
        }
        return found;
    }

    private static CertificateStatus status(String name, String state, List<String> sans,
            Map<String, String> authorization, byte[] der, Instant notBefore, Instant notAfter, BigInteger serial) {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        fingerprints.put("SHA1", PemCodec.fingerprint(der, "SHA-1"));
        fingerprints.put("SHA256", PemCodec.fingerprint(der, "SHA-256"));
        fingerprints.put("SHA512", PemCodec.fingerprint(der, "SHA-512"));
        fingerprints.put("default", fingerprints.get("SHA256"));
        return new CertificateStatus(name, state, sans, sans, authorization, fingerprints.get("SHA256"), fingerprints,
                notBefore == null ? null : PUPPET_DATE.format(notBefore),
                notAfter == null ? null : PUPPET_DATE.format(notAfter), serial);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
