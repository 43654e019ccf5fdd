package io.puppetplane.inventory.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.inventory.differential.PdbHttp;

/** JSON bodies of exchanges, checked for status first so a failure shows what came back. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode ok(PdbHttp.Exchange e) {
        assertEquals(200, e.status(), () -> "status of a query that should succeed; body: " + e.body());
        return parse(e.body());
    }

    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException ex) {
            throw new UncheckedIOException("not JSON: " + body, ex);
        }
    }

    /** The text of {@code field} of every element, in order. */
    public static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText(null)));
        return out;
    }
}
