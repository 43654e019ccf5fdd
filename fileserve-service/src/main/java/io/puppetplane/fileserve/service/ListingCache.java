package io.puppetplane.fileserve.service;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * Whole recursive file_metadatas answers, kept until something they describe changes. Every directory a listing
 * reads (and the directory holding its root) is watched with inotify before it is read; any create, delete, modify
 * or attribute change there drops the listings that read it, so the next request lists again. A change during a
 * listing discards that listing instead of caching it. Bounded by the total number of entries kept; {@code 0}
 * disables caching. Local file systems only: inotify does not see changes made by another host to a network
 * file system (disable the cache there).
 */
public final class ListingCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ListingCache.class);

    /** What makes two listings the same answer: the agent-visible root, the real root and every option. */
    public record Key(String rootPath, Path realRoot, MetadataOptions options) {
    }

    /**
     * Told by the lister, before it reads a directory, each real directory whose contents the answer depends on
     * (the directories it lists, and those holding the targets of links).
     */
    @FunctionalInterface
    public interface DirectoryObserver {
        DirectoryObserver NONE = dir -> { };

        void dependsOn(Path realDirectory);
    }

    private static final class Listing {
        final Key key;
        final Set<Path> directories = new HashSet<>();
        volatile boolean valid = true;
        volatile List<FileMetadata> entries;

        Listing(Key key) {
            this.key = key;
        }
    }

    private final int maxEntries;
    private final Map<Key, Listing> listings = new ConcurrentHashMap<>();
    // Guarded by this: which listings read a directory, and its inotify watch.
    private final Map<Path, Set<Listing>> readers = new HashMap<>();
    private final Map<Path, WatchKey> watches = new HashMap<>();
    private long entriesKept;
    private final WatchService watchService;
    private final Thread invalidator;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public ListingCache(int maxEntries) {
        this.maxEntries = maxEntries;
        WatchService service = null;
        if (maxEntries > 0) {
            try {
                service = FileSystems.getDefault().newWatchService();
            } catch (IOException | UnsupportedOperationException e) {
                LOG.warnf("no file watching here (%s): recursive listings are not cached", e.getMessage());
            }
        }
        this.watchService = service;
        if (service != null) {
            invalidator = new Thread(this::invalidateOnChanges, "fileserve-listing-invalidator");
            invalidator.setDaemon(true);
            invalidator.start();
        } else {
            invalidator = null;
        }
    }

    /** The cached listing for {@code key}, or {@code lister}'s answer (cached when nothing changed meanwhile). */
    public List<FileMetadata> listing(Key key, Function<DirectoryObserver, List<FileMetadata>> lister) {
        if (watchService == null) {
            misses.incrementAndGet();
            return lister.apply(DirectoryObserver.NONE);
        }
        Listing cached = listings.get(key);
        if (cached != null && cached.valid) {
            hits.incrementAndGet();
            return cached.entries;
        }
        misses.incrementAndGet();
        Listing pending = new Listing(key);
        watch(pending, key.realRoot().getParent() == null ? key.realRoot() : key.realRoot().getParent());
        List<FileMetadata> entries;
        try {
            entries = lister.apply(dir -> watch(pending, dir));
        } catch (RuntimeException e) {
            synchronized (this) {
                release(pending);
            }
            throw e;
        }
        keep(pending, List.copyOf(entries));
        return pending.entries;
    }

    /** Drops every listing (fileserver.conf changed: mount paths and rules may differ). */
    public synchronized void invalidateAll() {
        for (Listing listing : new ArrayList<>(listings.values())) {
            drop(listing);
        }
    }

    /** Requests answered from the cache (a metric). */
    public long hits() {
        return hits.get();
    }

    /** Requests that listed the tree, the cache being disabled or its listing missing or dropped (a metric). */
    public long misses() {
        return misses.get();
    }

    @Override
    public void close() {
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debugf("closing the watch service: %s", e.getMessage());
            }
        }
    }

    private synchronized void watch(Listing listing, Path directory) {
        if (!listing.valid) {
            return;
        }
        if (!watches.containsKey(directory)) {
            try {
                watches.put(directory, directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
            } catch (IOException | RuntimeException e) {
                // e.g. the inotify watch limit: this listing is answered but never cached
                LOG.debugf("cannot watch %s: %s", directory, e.getMessage());
                listing.valid = false;
                return;
            }
        }
        readers.computeIfAbsent(directory, d -> new HashSet<>()).add(listing);
        listing.directories.add(directory);
    }

    private synchronized void keep(Listing listing, List<FileMetadata> entries) {
        listing.entries = entries;
        if (!listing.valid || entries.size() > maxEntries) {
            release(listing);
            return;
        }
        Listing previous = listings.put(listing.key, listing);
        if (previous != null) {
            drop(previous);
        }
        entriesKept += entries.size();
        Iterator<Listing> others = listings.values().iterator();
        while (entriesKept > maxEntries && others.hasNext()) {
            Listing evicted = others.next();
            if (evicted != listing) {
                drop(evicted);
            }
        }
    }

    private void invalidateOnChanges() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                boolean overflow = key.pollEvents().stream().map(WatchEvent::kind)
                        .anyMatch(kind -> kind == StandardWatchEventKinds.OVERFLOW);
                synchronized (this) {
                    if (overflow) {
                        invalidateAll();
                    } else {
                        changed((Path) key.watchable());
                    }
                    if (!key.reset()) {
                        // the directory is gone; its readers were dropped above
                        watches.remove((Path) key.watchable(), key);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // the service is stopping
        }
    }

    private synchronized void changed(Path directory) {
        Set<Listing> affected = readers.get(directory);
        if (affected != null) {
            for (Listing listing : new ArrayList<>(affected)) {
                drop(listing);
            }
        }
    }

    /** Invalidates a listing (cached or still being listed) and stops watching what only it read. */
    private void drop(Listing listing) {
        listing.valid = false;
        if (listings.remove(listing.key, listing)) {
            entriesKept -= listing.entries.size();
        }
        release(listing);
    }

    private void release(Listing listing) {
        listing.valid = false;
        for (Path directory : listing.directories) {
            Set<Listing> rest = readers.get(directory);
            if (rest != null && rest.remove(listing) && rest.isEmpty()) {
                readers.remove(directory);
                WatchKey key = watches.remove(directory);
                if (key != null) {
                    key.cancel();
                }
            }
        }
        listing.directories.clear();
    }
}
