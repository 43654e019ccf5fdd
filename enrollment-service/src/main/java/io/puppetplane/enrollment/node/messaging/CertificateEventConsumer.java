package io.puppetplane.enrollment.node.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.CertificateSigned;
import io.puppetplane.events.payload.CsrSubmitted;
import io.puppetplane.outbox.InboxGuard;
import io.smallrye.common.annotation.Blocking;

/** Records certificate requests and signatures from ca-service; the reconciler acts on them. */
@ApplicationScoped
public class CertificateEventConsumer {

    private static final Logger LOG = Logger.getLogger(CertificateEventConsumer.class);

    private final InboxGuard inbox;
    private final ObservationRepository observations;

    CertificateEventConsumer(InboxGuard inbox, ObservationRepository observations) {
        this.inbox = inbox;
        this.observations = observations;
    }

    @Incoming("certificates-in")
    @Blocking
    public void on(String value) {
        try {
            inbox.applyOnce("enrollment-certificates", value, event -> {
                EventType type = event.eventType().orElse(null);
                if (type == EventType.CSR_SUBMITTED) {
                    CsrSubmitted csr = event.payload(CsrSubmitted.class);
                    if (csr.certname() == null) {
                        return;
                    }
                    observations.recordCsr(csr.certname(),
                            csr.submittedAt() == null ? event.time().toInstant() : csr.submittedAt(), csr.fingerprintSha256(),
                            csr.requesterAddress(), csr.autosignDecision());
                } else if (type == EventType.CERTIFICATE_SIGNED) {
                    CertificateSigned signed = event.payload(CertificateSigned.class);
                    if (signed.certname() == null) {
                        return;
                    }
                    observations.recordSigned(signed.certname(), event.time().toInstant(), signed.serialNumber());
                }
                // revocations and unknown types change nothing here
            });
        } catch (CloudEventCodec.MalformedEventException e) {
            // A payload that does not fit its type is skipped, so one bad record cannot stop the consumer.
            LOG.warnf("skipped an unreadable event: %s", e.getMessage());
        }
    }
}
