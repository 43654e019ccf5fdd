package io.puppetplane.ca.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.puppetplane.ca.service.CaRequestException;
import io.puppetplane.ca.service.CertificateAuthority;
import io.puppetplane.ca.service.Certname;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.NodeStateChanged;
import io.puppetplane.outbox.InboxGuard;
import io.smallrye.common.annotation.Blocking;

/** Revokes the certificate of a node that enrollment-service decommissioned; once per event id. */
@ApplicationScoped
public class NodeDecommissionConsumer {

    static final String CONSUMER = "ca-service.decommission";
    private static final Logger LOG = Logger.getLogger(NodeDecommissionConsumer.class);

    private final InboxGuard inbox;
    private final CertificateAuthority authority;

    NodeDecommissionConsumer(InboxGuard inbox, CertificateAuthority authority) {
        this.inbox = inbox;
        this.authority = authority;
    }

    @Incoming("nodes")
    @Blocking
    public void on(String value) {
        inbox.applyOnce(CONSUMER, value, event -> {
            if (!EventType.NODE_STATE_CHANGED.type().equals(event.type())) {
                return;
            }
            NodeStateChanged change = event.payload(NodeStateChanged.class);
            if (!"decommissioned".equals(change.toState())) {
                return;
            }
            try {
                Certname.require(change.certname());
            } catch (CaRequestException e) {
                LOG.warnf("Skipped a decommission event: %s", e.getMessage());
                return;
            }
            if (!authority.revokeIfSigned(change.certname(), "enrollment-service",
                    "decommissioned: " + change.reason())) {
                // Never signed, already revoked or cleaned: the node is gone either way.
                LOG.infof("Decommission of %s found no signed certificate to revoke", change.certname());
            }
        });
    }
}
