package io.puppetplane.outbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;

/**
 * Wakes the relay after each commit that appended events. Events appended while the application starts (a CA's
 * bootstrap) are left to the relay's poll: the relay needs the Kafka emitter, which is connected only once messaging
 * has started, and creating it earlier failed with an error in every first start's log.
 */
@ApplicationScoped
class OutboxWakeUps {

    private final Instance<OutboxRelay> relay;
    private volatile boolean started;

    OutboxWakeUps(Instance<OutboxRelay> relay) {
        this.relay = relay;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        started = true;
    }

    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        if (started) {
            relay.get().wake();
        }
    }
}
