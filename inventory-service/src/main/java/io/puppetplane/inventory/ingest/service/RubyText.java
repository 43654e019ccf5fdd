package io.puppetplane.inventory.ingest.service;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A JSON value as Ruby's {@code to_s} prints it, which is how the terminus sends event values: nil is "", a string
 * is itself, an array or hash shows as Ruby's {@code inspect} ({@code ["a", "b"]}, {@code {"k"=>"v"}}).
 */
final class RubyText {

    private RubyText() {
    }

    static String of(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return inspect(value);
    }

    private static String inspect(JsonNode value) {
        if (value == null || value.isNull()) {
            return "nil";
        }
        if (value.isTextual()) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.textValue().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c);
                }
            }
            return out.append('"').toString();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(inspect(value.get(i)));
            }
            return out.append(']').toString();
        }
        if (value.isObject()) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.append(first ? "" : ", ").append(inspect(TextNode.valueOf(e.getKey()))).append("=>").append(inspect(e.getValue()));
                first = false;
            }
            return out.append('}').toString();
        }
        return value.asText();
    }
}
