package io.puppetplane.enrollment.node.messaging;

import static io.puppetplane.enrollment.node.messaging.InboxDispatcher.route;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.puppetplane.enrollment.node.repository.ObservationRepository;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.CertificateSigned;
import io.puppetplane.events.payload.CsrSubmitted;
import io.smallrye.common.annotation.Blocking;

/** Records certificate requests and signatures from ca-service (the reconciler acts on them); revocations change nothing. */
@ApplicationScoped
public class CertificateEventConsumer {

    private final InboxDispatcher dispatcher;
    private final ObservationRepository observations;

    CertificateEventConsumer(InboxDispatcher dispatcher, ObservationRepository observations) {
        this.dispatcher = dispatcher;
        this.observations = observations;
    }

    @Incoming("certificates-in")
    @Blocking
    public void on(String value) {
        dispatcher.applyOnce("enrollment-certificates", value,
                route(EventType.CSR_SUBMITTED, CsrSubmitted.class, (csr, event) -> {
                    if (csr.certname() != null) {
                        observations.recordCsr(csr.certname(),
                                csr.submittedAt() == null ? event.time().toInstant() : csr.submittedAt(),
                                csr.fingerprintSha256(), csr.requesterAddress(), csr.autosignDecision());
                    }
                }),
                route(EventType.CERTIFICATE_SIGNED, CertificateSigned.class, (signed, event) -> {
                    if (signed.certname() != null) {
                        observations.recordSigned(signed.certname(), event.time().toInstant(), signed.serialNumber());
                    }
                }));
    }
}
