package io.puppetplane.inventory.query.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.inventory.query.ast.PqlParser;
import io.puppetplane.inventory.query.ast.QueryException;
import io.puppetplane.inventory.query.engine.QueryCompiler;
import io.puppetplane.inventory.query.engine.QueryCompiler.Order;
import io.puppetplane.inventory.query.engine.QueryCompiler.Paging;

/**
 * The parameters of a query request, from the URL (GET) or a JSON body (POST), checked as PuppetDB checks them
 * ({@code http/query.clj}): unknown parameters, non-JSON queries and bad paging values are 400s.
 */
public record QueryRequest(JsonNode query, Paging paging, boolean includeTotal, Map<String, String> options) {

    private static final Set<String> TYPICAL = Set.of("query", "limit", "offset", "order_by", "include_total",
            "pretty", "explain", "origin", "optimize_drop_unused_joins", "include_facts_expiration",
            "include_package_inventory");
    private static final Set<String> EVENTS = Set.of("distinct_resources", "distinct_start_time",
            "distinct_end_time");
    private static final Set<String> EVENT_COUNTS = Set.of("summarize_by", "count_by", "counts_filter");

    /** Which extra parameters an endpoint takes beyond PuppetDB's typical ones. */
    public enum Extra {
        NONE, ROOT, EVENTS, EVENT_COUNTS
    }

    public boolean flag(String name) {
        return "true".equalsIgnoreCase(options.getOrDefault(name, "false"));
    }

    public String option(String name) {
        return options.get(name);
    }

    /** The parameters of a GET. */
    public static QueryRequest fromParams(Map<String, List<String>> params, Extra extra, ObjectMapper mapper) {
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.get(0)));
        return of(values, null, extra, mapper);
    }

    /** The JSON object of a POST (query as an array or a PQL string; other values as strings or natively). */
    public static QueryRequest fromBody(String body, Extra extra, ObjectMapper mapper) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (IOException e) {
            throw new QueryException("The request body is not JSON: " + e.getMessage());
        }
        if (!json.isObject()) {
            throw new QueryException("The request body must be a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode query = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("query")) {
                query = e.getValue();
                values.put("query", "");
            } else {
                values.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        }
        return of(values, query, extra, mapper);
    }

    private static QueryRequest of(Map<String, String> values, JsonNode postedQuery, Extra extra,
            ObjectMapper mapper) {
        for (String name : values.keySet()) {
            boolean allowed = TYPICAL.contains(name)
                    || (extra == Extra.ROOT && name.equals("ast_only"))
                    || (extra == Extra.EVENTS && EVENTS.contains(name))
                    || (extra == Extra.EVENT_COUNTS && (EVENTS.contains(name) || EVENT_COUNTS.contains(name)));
            if (!allowed) {
                throw new QueryException("Unsupported query parameter '" + name + "'");
            }
        }
        if (values.containsKey("explain")) {
            throw new QueryException("The 'explain' parameter is not supported");
        }
        if ("true".equalsIgnoreCase(values.get("distinct_resources"))) {
            throw new QueryException("The 'distinct_resources' parameter is not supported");
        }
        JsonNode query = postedQuery;
        if (query == null && values.containsKey("query")) {
            query = parseQuery(values.get("query"), mapper);
        } else if (query != null && query.isTextual()) {
            query = parseQuery(query.textValue(), mapper);
        }
        if (query != null && (query.isNull() || (query.isTextual() && query.textValue().isBlank()))) {
            query = null;
        }
        List<Order> orderBy = new ArrayList<>();
        if (values.containsKey("order_by") && !values.get("order_by").isBlank()) {
            JsonNode order;
            try {
                order = mapper.readTree(values.get("order_by"));
            } catch (IOException e) {
                throw new QueryException("Illegal value '" + values.get("order_by") + "' for :order_by; expected a"
                        + " JSON array of maps.");
            }
            if (!order.isArray()) {
                throw new QueryException("Illegal value '" + order + "' for :order_by; expected an array of maps.");
            }
            for (JsonNode term : order) {
                if (!term.isObject() || !term.path("field").isTextual()) {
                    throw new QueryException("Illegal value '" + term + "' in :order_by; expected a map with 'field'");
                }
                orderBy.add(new Order(term.get("field").textValue(),
                        term.hasNonNull("order") && QueryCompiler.direction(term.get("order").asText())));
            }
        }
        Paging paging = new Paging(orderBy, count(values, "limit", 1), count(values, "offset", 0));
        boolean includeTotal = "true".equalsIgnoreCase(values.get("include_total"));
        return new QueryRequest(query, paging, includeTotal, values);
    }

    /** A query parameter: JSON when it starts with '[', else PQL, as PuppetDB decides. */
    static JsonNode parseQuery(String text, ObjectMapper mapper) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.trim().startsWith("[")) {
            try {
                return mapper.readTree(text);
            } catch (IOException e) {
                throw new QueryException("Malformed JSON for query: " + text);
            }
        }
        return PqlParser.parse(text);
    }

    private static Long count(Map<String, String> values, String name, long minimum) {
        String text = values.get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(text.trim());
            if (n < minimum) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new QueryException("Illegal value '" + text + "' for :" + name + "; expected a"
                    + (minimum > 0 ? " positive" : " non-negative") + " integer.");
        }
    }
}
