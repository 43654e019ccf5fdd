package io.puppetplane.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tuning of the outbox relay and of the retention of bookkeeping rows. */
@ConfigMapping(prefix = "puppetplane.outbox")
public interface OutboxConfig {

    /**
     * How often the relay looks for events whose post-commit wake-up was lost (a restart, a Kafka outage), as a
     * scheduler interval such as {@code 2s}.
     */
    @WithDefault("2s")
    String pollInterval();

    /** Most events relayed in one transaction. */
    @WithDefault("100")
    int batchSize();

    /** How long the relay waits for Kafka to acknowledge one event before leaving it for the next attempt. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** Published outbox rows are deleted after this long. */
    @WithDefault("P7D")
    Duration publishedRetention();

    /** Inbox ids are forgotten after this long; keep it above the Kafka topics' retention. */
    @WithDefault("P30D")
    Duration inboxRetention();
}
