package io.puppetplane.lang.erb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled template files, compiled again only when a file's modification time or size changes; a file is
 * stat'ed at most once per recheck interval. Thread-safe; keep one per environment (or per process).
 */
public final class ErbTemplateCache {

    private record Entry(long modifiedMillis, long size, ErbTemplate template, long checkedAt) {
    }

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long recheckMillis;

    /** A cache that re-checks files once per second. */
    public ErbTemplateCache() {
        this(Clock.systemUTC(), Duration.ofSeconds(1));
    }

    public ErbTemplateCache(Clock clock, Duration recheckInterval) {
        this.clock = clock;
        this.recheckMillis = recheckInterval.toMillis();
    }

    /**
     * The compiled template of a file (its path is the name used in errors).
     *
     * @throws TemplateError when the file cannot be read or compiled
     */
    public ErbTemplate get(Path file) {
        long now = clock.millis();
        Entry entry = entries.get(file);
        if (entry != null && recheckMillis > 0 && now - entry.checkedAt < recheckMillis) {
            return entry.template;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            long size = attributes.size();
            if (entry != null && entry.modifiedMillis == modified && entry.size == size) {
                entries.put(file, new Entry(modified, size, entry.template, now));
                return entry.template;
            }
            ErbTemplate template = ErbTemplate.compile(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            entries.put(file, new Entry(modified, size, template, now));
            return template;
        } catch (IOException e) {
            throw new TemplateError(file.toString(), 0, "Could not read template " + file + ": " + e.getMessage());
        }
    }
}
