package io.puppetplane.catalog.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.events.OutgoingEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Outgoing events wait here, one file each, until Kafka has them. Writing a small file is all an agent request
 * waits for, so a slow or absent Kafka never holds an agent up, and events written before a restart are sent after
 * it. Bounded by {@code spool.max-events}. File names sort in write order: {@code <millis>-<seq>-<id>.event}.
 */
@ApplicationScoped
public class EventSpool {

    static final String SUFFIX = ".event";

    @Inject
    CatalogConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final Object wakeUp = new Object();

    /** A spooled event read back: where it goes and the record to send. */
    public record Spooled(Path file, String topic, String key, String value) {
    }

    @PostConstruct
    void open() {
        try {
            Files.createDirectories(dir());
            try (Stream<Path> files = Files.list(dir())) {
                size.set((int) files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).count());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the event spool " + dir(), e);
        }
        registry.gauge("catalog.events.spooled", size);
    }

    private Path dir() {
        return config.spool().dir();
    }

    /**
     * Keeps the event until it is published. {@code durable} forces it to disk first (reports: nothing may be lost);
     * facts skip that, as the next run sends them again.
     *
     * @return false when the spool is full
     */
    public boolean offer(OutgoingEvent event, boolean durable) {
        if (size.incrementAndGet() > config.spool().maxEvents()) {
            size.decrementAndGet();
            return false;
        }
        String name = zeroPadded(clock.millis(), 13) + "-" + zeroPadded(sequence.incrementAndGet() % 1_000_000_000L, 9)
            + "-" + event.id() + SUFFIX;
        Path tmp = dir().resolve("." + name + ".tmp");
        byte[] content = (event.topic() + "\n" + event.key() + "\n" + event.cloudEventJson())
            .getBytes(StandardCharsets.UTF_8);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                if (durable) {
                    channel.force(true);
                }
            }
            Files.move(tmp, dir().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            size.decrementAndGet();
            throw new UncheckedIOException("cannot spool event " + event.id(), e);
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        return true;
    }

    /** String.format would do, at a cost every agent request pays. */
    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The oldest waiting events, at most {@code limit}. */
    public List<Spooled> oldest(int limit) {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                .sorted().limit(limit).map(EventSpool::read).filter(s -> s != null).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Spooled read(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int first = content.indexOf('\n');
            int second = content.indexOf('\n', first + 1);
            return new Spooled(file, content.substring(0, first), content.substring(first + 1, second),
                content.substring(second + 1));
        } catch (IOException e) {
            return null;
        }
    }

    /** Kafka has the event: forget it. */
    public void sent(Spooled event) {
        try {
            if (Files.deleteIfExists(event.file())) {
                size.decrementAndGet();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return size.get();
    }

    /** Waits until something is offered or the timeout passes. */
    void awaitOffer(long millis) throws InterruptedException {
        synchronized (wakeUp) {
            if (size.get() == 0) {
                wakeUp.wait(millis);
            }
        }
    }
}
