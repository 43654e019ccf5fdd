package io.puppetplane.fileserve.service;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Content checksums by file identity: an entry is reused only while the file's inode, size, modification and change
 * times are all unchanged, so edited mount contents are re-hashed on the next request without any reload step.
 * Bounded crudely: when full it starts over (cheap to refill, never wrong).
 */
final class ChecksumCache {

    record Key(Path realPath, String type) {
    }

    record Stamp(long inode, long size, long mtimeNanos, long ctimeNanos) {
    }

    private record Entry(Stamp stamp, String value) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    ChecksumCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    String get(Key key, Stamp stamp, Supplier<String> compute) {
        Entry cached = entries.get(key);
        if (cached != null && cached.stamp().equals(stamp)) {
            return cached.value();
        }
        String value = compute.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(stamp, value));
        return value;
    }
}
