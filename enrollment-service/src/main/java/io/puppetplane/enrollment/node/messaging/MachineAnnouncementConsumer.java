package io.puppetplane.enrollment.node.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NewNode;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeService;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.MachineAnnounced;
import io.puppetplane.outbox.InboxGuard;
import io.smallrye.common.annotation.Blocking;

/** Enrolls machines that provisioning systems announce on Topics.MACHINES. */
@ApplicationScoped
public class MachineAnnouncementConsumer {

    private static final Logger LOG = Logger.getLogger(MachineAnnouncementConsumer.class);

    private final InboxGuard inbox;
    private final NodeService nodes;

    MachineAnnouncementConsumer(InboxGuard inbox, NodeService nodes) {
        this.inbox = inbox;
        this.nodes = nodes;
    }

    @Incoming("machines-in")
    @Blocking
    public void on(String value) {
        inbox.applyOnce("enrollment-machines", value, event -> {
            if (event.eventType().orElse(null) != EventType.MACHINE_ANNOUNCED) {
                return;
            }
            try {
                MachineAnnounced machine = event.payload(MachineAnnounced.class);
                nodes.create(new NewNode(machine.certname(), machine.address(), machine.kind(), machine.role(), null));
            } catch (InvalidNodeRequestException | NodeConflictException | CloudEventCodec.MalformedEventException e) {
                // A bad or repeated announcement cannot be answered; it is logged and must not stop the consumer.
                LOG.warnf("ignored announcement %s: %s", event.id(), e.getMessage());
            }
        });
    }
}
