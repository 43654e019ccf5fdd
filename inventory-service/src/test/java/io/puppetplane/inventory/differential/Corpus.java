package io.puppetplane.inventory.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed corpus under src/test/differential: commands/NNN-*.json (replayed in name order),
 * commands/invalid/*.json (refused submissions) and queries/*.json (arrays of queries).
 */
public final class Corpus {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request of the corpus, as the harness sends it to both servers. */
    public record Request(String file, String name, String method, String path, List<List<String>> params,
            Map<String, String> headers, byte[] body, boolean gzip, boolean waitForCompletion, boolean statusOnly,
            boolean ordered) {

        public String pathAndQuery(boolean addWait) {
            List<List<String>> p = new ArrayList<>(params);
            if (addWait && waitForCompletion) {
                p.add(List.of("secondsToWaitForCompletion", "30"));
            }
            return path + PdbHttp.query(p);
        }

        public PdbHttp.Exchange sendTo(PdbHttp server) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            byte[] b = body;
            if (b != null && b.length > 0 && gzip) {
                h.put("X-Uncompressed-Length", Integer.toString(b.length));
                h.put("Content-Encoding", "gzip");
                b = PdbHttp.gzip(b);
            } else if (b != null && b.length > 0 && path.equals("/pdb/cmd/v1")) {
                h.put("X-Uncompressed-Length", Integer.toString(b.length));
            }
            return server.send(method, pathAndQuery(true), h, b);
        }

        public String label() {
            return file + " — " + name;
        }
    }

    private final Path dir;

    public Corpus(Path differentialDir) {
        this.dir = differentialDir;
    }

    public Path dir() {
        return dir;
    }

    public List<Request> commands() {
        return commandFiles(dir.resolve("commands"));
    }

    public List<Request> refusedCommands() {
        return commandFiles(dir.resolve("commands/invalid"));
    }

    /** Every query of every queries/*.json file, in file order. */
    public List<Request> queries() {
        List<Request> out = new ArrayList<>();
        for (Path f : list(dir.resolve("queries"))) {
            JsonNode arr = read(f);
            int i = 0;
            for (JsonNode q : arr) {
                i++;
                out.add(request(f.getFileName() + "#" + i, q, "/pdb/query/v4"));
            }
        }
        return out;
    }

    private List<Request> commandFiles(Path d) {
        List<Request> out = new ArrayList<>();
        for (Path f : list(d)) {
            out.add(request(f.getFileName().toString(), read(f), "/pdb/cmd/v1"));
        }
        return out;
    }

    private static Request request(String file, JsonNode n, String defaultPath) {
        List<List<String>> params = new ArrayList<>();
        for (JsonNode p : n.path("params")) {
            params.add(List.of(p.get(0).asText(), p.get(1).asText()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        n.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        byte[] body = null;
        String method = n.path("method").asText("GET");
        try {
            if (n.has("rawBody")) {
                body = n.get("rawBody").asText().getBytes(StandardCharsets.UTF_8);
            } else if (n.has("payload")) {
                body = JSON.writeValueAsBytes(n.get("payload"));
            } else if (n.hasNonNull("body")) {
                body = JSON.writeValueAsBytes(n.get("body"));
                headers.putIfAbsent("Content-Type", "application/json");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Request(file, n.path("name").asText(file), method, n.path("path").asText(defaultPath), params,
                headers, body, n.path("gzip").asBoolean(false), n.path("wait").asBoolean(false),
                "status".equals(n.path("compare").asText()), n.path("ordered").asBoolean(false));
    }

    private static List<Path> list(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("corpus dir " + d, e);
        }
    }

    public static JsonNode read(Path f) {
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("corpus file " + f, e);
        }
    }
}
