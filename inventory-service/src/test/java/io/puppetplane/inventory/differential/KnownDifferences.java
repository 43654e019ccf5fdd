package io.puppetplane.inventory.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Differences from the reference that are deliberate or explained (known-differences.json): each entry names the
 * corpus request ({@code file#n} or the command file), a text the difference contains, and why.
 */
final class KnownDifferences {

    private record Entry(String request, String contains, String reason) {
    }

    private final List<Entry> entries;

    private KnownDifferences(List<Entry> entries) {
        this.entries = entries;
    }

    static KnownDifferences read(Path file) {
        List<Entry> entries = new ArrayList<>();
        if (Files.exists(file)) {
            for (JsonNode e : Corpus.read(file)) {
                entries.add(new Entry(e.path("request").asText(), e.path("contains").asText(""),
                        e.path("reason").asText()));
            }
        }
        return new KnownDifferences(entries);
    }

    /** Why {@code difference} (a line of the report, starting with the request's label) is expected, if it is. */
    Optional<String> reason(String difference) {
        return entries.stream()
                .filter(e -> difference.startsWith(e.request() + " ") && difference.contains(e.contains()))
                .map(Entry::reason).findFirst();
    }
}
