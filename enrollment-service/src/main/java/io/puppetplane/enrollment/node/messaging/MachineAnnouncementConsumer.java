package io.puppetplane.enrollment.node.messaging;

import static io.puppetplane.enrollment.node.messaging.InboxDispatcher.route;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NewNode;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeService;
import io.puppetplane.events.EventType;
import io.puppetplane.events.payload.MachineAnnounced;
import io.smallrye.common.annotation.Blocking;

/** Enrolls machines that provisioning systems announce on Topics.MACHINES. */
@ApplicationScoped
public class MachineAnnouncementConsumer {

    private static final Logger LOG = Logger.getLogger(MachineAnnouncementConsumer.class);

    private final InboxDispatcher dispatcher;
    private final NodeService nodes;

    MachineAnnouncementConsumer(InboxDispatcher dispatcher, NodeService nodes) {
        this.dispatcher = dispatcher;
        this.nodes = nodes;
    }

    @Incoming("machines-in")
    @Blocking
    public void on(String value) {
        dispatcher.applyOnce("enrollment-machines", value,
                route(EventType.MACHINE_ANNOUNCED, MachineAnnounced.class, (machine, event) -> {
                    try {
                        nodes.create(new NewNode(machine.certname(), machine.address(), machine.kind(),
                                machine.role(), null));
                    } catch (InvalidNodeRequestException | NodeConflictException e) {
                        // A bad or repeated announcement cannot be answered; it must not stop the consumer.
                        LOG.warnf("ignored announcement %s: %s", event.id(), e.getMessage());
                    }
                }));
    }
}
