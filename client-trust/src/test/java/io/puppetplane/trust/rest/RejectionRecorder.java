package io.puppetplane.trust.rest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.puppetplane.trust.ClientCertificateRejected;

/** Keeps the rejection events the filter fires, as a service's observer would see them. */
@ApplicationScoped
public class RejectionRecorder {

    private final List<ClientCertificateRejected> seen = new CopyOnWriteArrayList<>();

    List<ClientCertificateRejected> seen() {
        return List.copyOf(seen);
    }

    void on(@Observes ClientCertificateRejected rejected) {
        seen.add(rejected);
    }
}
