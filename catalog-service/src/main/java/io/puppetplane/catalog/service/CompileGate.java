package io.puppetplane.catalog.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.puppetplane.catalog.config.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bounds compiles: at most {@code max-concurrent} run, at most {@code queue-limit} wait, and nobody waits longer
 * than {@code queue-timeout}. Everything beyond is answered 503 with Retry-After, which the agent honours by
 * retrying later, instead of letting requests pile up until they time out.
 */
@ApplicationScoped
public class CompileGate {

    private final CatalogConfig.Compile config;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final Timer compileTime;
    private final Counter rejected;

    @Inject
    public CompileGate(CatalogConfig config, MeterRegistry registry) {
        this.config = config.compile();
        this.slots = new Semaphore(this.config.maxConcurrent(), true);
        registry.gauge("catalog.compile.queue.depth", waiting);
        registry.gauge("catalog.compile.running", running);
        this.compileTime = Timer.builder("catalog.compile.time")
            .description("time to compile one catalog, queueing excluded")
            .publishPercentileHistogram()
            .register(registry);
        this.rejected = registry.counter("catalog.compile.rejected");
    }

    /** Runs {@code compile} when a slot is free; throws a 503 {@link PuppetApiException} when overloaded. */
    public <T> T run(Supplier<T> compile) {
        if (waiting.incrementAndGet() > config.queueLimit()) {
            waiting.decrementAndGet();
            throw overloaded("too many catalog requests are waiting");
        }
        boolean acquired;
        try {
            acquired = slots.tryAcquire(config.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        } finally {
            waiting.decrementAndGet();
        }
        if (!acquired) {
            throw overloaded("no compile slot became free in " + config.queueTimeout().toSeconds() + "s");
        }
        running.incrementAndGet();
        try {
            return compileTime.record(compile);
        } finally {
            running.decrementAndGet();
            slots.release();
        }
    }

    private PuppetApiException overloaded(String why) {
        rejected.increment();
        return PuppetApiException.overloaded(why, config.retryAfterSeconds());
    }
}
