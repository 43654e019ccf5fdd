package io.puppetplane.enrollment.operator.service;

import java.time.Clock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.puppetplane.enrollment.node.service.InvalidNodeRequestException;
import io.puppetplane.enrollment.node.service.NodeConflictException;
import io.puppetplane.enrollment.node.service.NodeNotFoundException;
import io.puppetplane.enrollment.operator.repository.OperatorActionRepository;
import io.puppetplane.events.payload.OperatorActionRecorded;
import io.puppetplane.outbox.OutboxWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The audit trail of operator actions. A change to this service's data and its audit entry (row and
 * OperatorActionRecorded event) commit in one transaction; a refused request is recorded on its own, after the
 * refusal rolled the change back. Actions on other services (the CA) are recorded once their answer is known.
 */
@ApplicationScoped
public class OperatorAudit {

    public static final String DONE = "done";
    public static final String REFUSED = "refused";

    private static final Logger LOG = Logger.getLogger(OperatorAudit.class);

    private final OperatorActionRepository actions;
    private final OutboxWriter outbox;
    private final CurrentOperator operator;
    private final Clock clock;

    OperatorAudit(OperatorActionRepository actions, OutboxWriter outbox, CurrentOperator operator, Clock clock) {
        this.actions = actions;
        this.outbox = outbox;
        this.operator = operator;
        this.clock = clock;
    }

    /** Runs {@code change} in a new transaction that also records it; records a refusal when it is refused. */
    public <T> T perform(String action, String target, Supplier<T> change) {
        return perform(action, target, change, null);
    }

    /** As above, with what was asked in {@code detail} (never a secret). */
    public <T> T perform(String action, String target, Supplier<T> change, String detail) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                T result = change.get();
                write(action, target, DONE, detail);
                return result;
            });
        } catch (InvalidNodeRequestException | NodeNotFoundException | NodeConflictException
                | OperatorRequestException e) {
            record(action, target, REFUSED, detail == null ? e.getMessage() : detail + ": " + e.getMessage());
            throw e;
        }
    }

    /** Records an action whose effect lies elsewhere (its outcome is already known), in a transaction of its own. */
    public void record(String action, String target, String outcome, String detail) {
        QuarkusTransaction.requiringNew().run(() -> write(action, target, outcome, detail));
    }

    private void write(String action, String target, String outcome, String detail) {
        OperatorActionRecorded entry = new OperatorActionRecorded(operator.name(), operator.role(), action, target,
                outcome, detail, operator.clientAddress(), clock.instant());
        actions.insert(entry);
        outbox.append(entry, target == null ? entry.actor() : target);
        LOG.infof("operator %s (%s) %s %s: %s%s", entry.actor(), entry.actorRole(), action,
                target == null ? "" : target, outcome, detail == null ? "" : " (" + detail + ")");
    }
}
