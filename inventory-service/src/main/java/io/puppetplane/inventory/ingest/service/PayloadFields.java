package io.puppetplane.inventory.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.puppetplane.inventory.wire.WireTime;

/** Typed reads of a command payload's fields; a missing or mistyped required field makes the command invalid. */
final class PayloadFields {

    private final JsonNode node;
    private final String what;

    PayloadFields(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new InvalidCommandException(what + " must be a JSON object");
        }
        this.node = node;
        this.what = what;
    }

    JsonNode node() {
        return node;
    }

    String requiredText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new InvalidCommandException(what + " has no string '" + field + "'");
        }
        return value.asText();
    }

    /** The payload's certname: a non-empty string (other scalars are not coerced into a node's name). */
    String certname() {
        JsonNode value = node.get("certname");
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidCommandException(what + " has no string 'certname'");
        }
        return value.textValue();
    }

    String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw new InvalidCommandException(what + ": '" + field + "' must be a string");
        }
        return value.asText();
    }

    Instant requiredTime(String field) {
        return WireTime.parse(requiredText(field)).orElseThrow(() -> new InvalidCommandException(
                what + ": '" + field + "' is not a timestamp: " + node.get(field).asText()));
    }

    Instant optionalTime(String field) {
        String text = optionalText(field);
        if (text == null) {
            return null;
        }
        return WireTime.parse(text).orElseThrow(() -> new InvalidCommandException(
                what + ": '" + field + "' is not a timestamp: " + text));
    }

    Boolean optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidCommandException(what + ": '" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    Integer optionalInteger(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidCommandException(what + ": '" + field + "' must be an integer");
        }
        return value.intValue();
    }

    JsonNode requiredObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new InvalidCommandException(what + " has no object '" + field + "'");
        }
        return value;
    }

    JsonNode requiredArray(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new InvalidCommandException(what + " has no array '" + field + "'");
        }
        return value;
    }

    /** An array of strings, or null when absent. */
    List<String> optionalStrings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidCommandException(what + ": '" + field + "' must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new InvalidCommandException(what + ": '" + field + "' must be an array of strings");
            }
            strings.add(element.textValue());
        }
        return strings;
    }
}
