package io.puppetplane.events;

import java.util.Arrays;
import java.util.Optional;

import io.puppetplane.events.payload.CatalogCompiled;
import io.puppetplane.events.payload.CertificateRenewed;
import io.puppetplane.events.payload.CertificateRevoked;
import io.puppetplane.events.payload.CertificateSigned;
import io.puppetplane.events.payload.CodeDeployed;
import io.puppetplane.events.payload.CsrSubmitted;
import io.puppetplane.events.payload.FactsReceived;
import io.puppetplane.events.payload.FileAccessDenied;
import io.puppetplane.events.payload.MachineAnnounced;
import io.puppetplane.events.payload.NodeClassified;
import io.puppetplane.events.payload.NodeStateChanged;
import io.puppetplane.events.payload.OperatorActionRecorded;
import io.puppetplane.events.payload.ReportReceived;

/**
 * Every event the services exchange: its CloudEvents type (versioned by suffix), its topic and its payload class.
 * A new incompatible payload gets a new type with the next version; consumers ignore types they do not know.
 */
public enum EventType {
    CSR_SUBMITTED("io.puppetplane.ca.csr-submitted.v1", Topics.CERTIFICATES, CsrSubmitted.class),
    CERTIFICATE_SIGNED("io.puppetplane.ca.certificate-signed.v1", Topics.CERTIFICATES, CertificateSigned.class),
    CERTIFICATE_REVOKED("io.puppetplane.ca.certificate-revoked.v1", Topics.CERTIFICATES, CertificateRevoked.class),
    CERTIFICATE_RENEWED("io.puppetplane.ca.certificate-renewed.v1", Topics.CERTIFICATES, CertificateRenewed.class),
    NODE_STATE_CHANGED("io.puppetplane.enrollment.node-state-changed.v1", Topics.NODES, NodeStateChanged.class),
    NODE_CLASSIFIED("io.puppetplane.enrollment.node-classified.v1", Topics.CLASSIFICATION, NodeClassified.class),
    FACTS_RECEIVED("io.puppetplane.catalog.facts-received.v1", Topics.FACTS, FactsReceived.class),
    REPORT_RECEIVED("io.puppetplane.catalog.report-received.v1", Topics.REPORTS, ReportReceived.class),
    CATALOG_COMPILED("io.puppetplane.catalog.catalog-compiled.v1", Topics.CATALOGS, CatalogCompiled.class),
    MACHINE_ANNOUNCED("io.puppetplane.provisioning.machine-announced.v1", Topics.MACHINES, MachineAnnounced.class),
    FILE_ACCESS_DENIED("io.puppetplane.fileserve.file-access-denied.v1", Topics.FILE_ACCESS, FileAccessDenied.class),
    CODE_DEPLOYED("io.puppetplane.catalog.code-deployed.v1", Topics.CODE, CodeDeployed.class),
    OPERATOR_ACTION_RECORDED("io.puppetplane.enrollment.operator-action-recorded.v1", Topics.AUDIT,
            OperatorActionRecorded.class);

    private final String type;
    private final String topic;
    private final Class<?> payloadClass;

    EventType(String type, String topic, Class<?> payloadClass) {
        this.type = type;
        this.topic = topic;
        this.payloadClass = payloadClass;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payloadClass() {
        return payloadClass;
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType forPayload(Class<?> payloadClass) {
        return Arrays.stream(values()).filter(t -> t.payloadClass.equals(payloadClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type carries " + payloadClass.getName()));
    }
}
