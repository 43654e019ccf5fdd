package io.puppetplane.inventory.wire;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON with every object's keys sorted, as PuppetDB serialises values for hashing and for comparing resource
 * parameters, so equal data gives equal text whatever order it arrived in.
 */
public final class SortedJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // with the mapper as codec, so that scalar nodes can be written as trees
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private SortedJson() {
    }

    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String write(Object value) {
        return write(MAPPER.valueToTree(value));
    }

    /** Hex SHA-1 of the sorted JSON of {@code node}: PuppetDB's identity hash of facts, catalogs, reports. */
    public static String sha1(JsonNode node) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(write(node).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                names.add(it.next());
            }
            names.sort(null);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name));
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            // scalars straight to the generator, as their serializers would write them: writeTree would look up a
            // serializer through the mapper for every value (a fifth of a catalog's hashing)
            g.writeString(node.textValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isInt()) {
            g.writeNumber(node.intValue());
        } else if (node.isLong()) {
            g.writeNumber(node.longValue());
        } else if (node.isDouble()) {
            g.writeNumber(node.doubleValue());
        } else {
            g.writeTree(node);
        }
    }
}
