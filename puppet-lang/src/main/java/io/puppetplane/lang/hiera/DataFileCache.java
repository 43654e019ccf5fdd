package io.puppetplane.lang.hiera;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.puppetplane.lang.functions.PsychYaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parsed YAML and JSON files, kept until the file's modification time or size changes. A file is stat'ed again
 * only when its last check is older than the recheck interval, so a warm lookup touches no file system at all.
 * Parsed values follow the puppet-lang value model and must not be modified.
 */
final class DataFileCache {

    /** The format of a data file. */
    enum Format { YAML, JSON }

    private record Entry(long modifiedMillis, long size, Object data, long checkedAt) {
    }

    private record Listing(List<Path> files, long checkedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long recheckMillis;

    DataFileCache(Clock clock, Duration recheck) {
        this.clock = clock;
        this.recheckMillis = recheck.toMillis();
    }

    private boolean fresh(long checkedAt, long now) {
        return recheckMillis > 0 && now - checkedAt < recheckMillis;
    }

    /** The files a glob matches, listed again only after the recheck interval. */
    List<Path> glob(String pattern, java.util.function.Supplier<List<Path>> expand) {
        long now = clock.millis();
        Listing listing = listings.get(pattern);
        if (listing != null && fresh(listing.checkedAt(), now)) {
            return listing.files();
        }
        List<Path> files = expand.get();
        listings.put(pattern, new Listing(files, now));
        return files;
    }

    /**
     * The parsed content of a file (null for an empty YAML file), or {@link #MISSING} when it does not exist.
     *
     * @throws LookupError when the file cannot be read or parsed
     */
    Object load(Path path, Format format) {
        long now = clock.millis();
        Entry entry = entries.get(path);
        if (entry != null && fresh(entry.checkedAt, now)) {
            return entry.data;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            entries.put(path, new Entry(-1, -1, MISSING, now));
            return MISSING;
        } catch (IOException e) {
            throw new LookupError("Unable to read " + path + ": " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            entries.put(path, new Entry(-1, -1, MISSING, now));
            return MISSING;
        }
        long modified = attributes.lastModifiedTime().toMillis();
        long size = attributes.size();
        if (entry != null && entry.modifiedMillis == modified && entry.size == size) {
            entries.put(path, new Entry(modified, size, entry.data, now));
            return entry.data;
        }
        Object data = parse(path, format);
        entries.put(path, new Entry(modified, size, data, now));
        return data;
    }

    /** Marks a file that does not exist. */
    static final Object MISSING = new Object();

    private static Object parse(Path path, Format format) {
        String content;
        try {
            content = Files.readString(path);
        } catch (IOException e) {
            throw new LookupError("Unable to read " + path + ": " + e.getMessage(), e);
        }
        if (format == Format.JSON) {
            try {
                return normalize(JSON.readValue(content, Object.class), path);
            } catch (IOException e) {
                throw new LookupError("Unable to parse " + firstLine(e.getMessage()), e);
            }
        }
        try {
            return normalize(PsychYaml.load(content), path);
        } catch (YAMLException e) {
            throw new LookupError("Unable to parse (" + path + "): " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Converts parser output to the value model: Long integers, LinkedHashMap hashes, ArrayList arrays. */
    private static Object normalize(Object value, Path path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            throw new LookupError("Unable to parse (" + path + "): integer " + big + " is out of range");
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(normalize(element, path));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(normalize(e.getKey(), path), normalize(e.getValue(), path));
            }
            return out;
        }
        // Psych's safe_load refuses dates, times, sets and binaries the same way.
        throw new LookupError("Unable to parse (" + path + "): Tried to load unspecified class: "
                + value.getClass().getSimpleName());
    }
}
