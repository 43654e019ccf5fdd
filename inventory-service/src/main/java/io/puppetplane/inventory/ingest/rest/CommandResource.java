package io.puppetplane.inventory.ingest.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.puppetplane.inventory.config.InventoryConfig;
import io.puppetplane.inventory.ingest.service.Command;
import io.puppetplane.inventory.ingest.service.CommandName;
import io.puppetplane.inventory.ingest.service.CommandProcessor;
import io.puppetplane.inventory.ingest.service.InvalidCommandException;
import io.puppetplane.inventory.wire.WireTime;

/**
 * PuppetDB's command endpoint as the terminus and pypuppetdb use it ({@code http/command.clj}): parameters, headers
 * and the deprecated body form are checked as PuppetDB checks them (4xx, JSON {@code error}); a valid command is
 * applied before the answer, so {@code 200 {"uuid"}} means it is committed. A payload PuppetDB would accept into its
 * queue and then silently discard is refused with 400 and the reason instead.
 */
@Path("/pdb/cmd/v1")
public class CommandResource {

    private static final Logger LOG = Logger.getLogger(CommandResource.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final Set<String> PARAMS = Set.of("checksum", "secondsToWaitForCompletion", "certname",
            "command", "version", "producer-timestamp");
    private static final List<String> REQUIRED = List.of("certname", "version", "command");

    private final CommandProcessor processor;
    private final InventoryConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    CommandResource(CommandProcessor processor, InventoryConfig config, ObjectMapper mapper, Clock clock) {
        this.processor = processor;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    @POST
    public Response submit(@Context UriInfo uri, @Context HttpHeaders headers, InputStream body) throws IOException {
        Optional<Response> refused = checkHeaders(headers);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Long> declaredSize = declaredSize(headers);
        if (config.maxCommandSize().isPresent() && declaredSize.isPresent()
                && declaredSize.get() > config.maxCommandSize().get()) {
            return tooLarge();
        }
        byte[] raw;
        try (InputStream in = decoded(headers, body)) {
            raw = in.readAllBytes();
        } catch (IOException e) {
            return error(400, "The command body could not be read: " + e.getMessage());
        }
        if (config.maxCommandSize().isPresent() && raw.length > config.maxCommandSize().get()) {
            return tooLarge();
        }
        Map<String, String> params = new LinkedHashMap<>();
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        query.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        JsonNode payload;
        boolean oldFormat = !params.containsKey("command");
        if (!oldFormat) {
            payload = parse(raw);
        } else {
            // the deprecated form: {"command", "version", "payload"} in the body
            JsonNode whole = parse(raw);
            JsonNode inner = whole == null ? null : whole.get("payload");
            String certname = inner != null && inner.isObject() && inner.hasNonNull("certname")
                    ? inner.get("certname").asText() : null;
            String prefix = "Command " + quoted(whole == null ? null : whole.path("command").asText(null))
                    + " for certname " + quoted(certname) + " is invalid. Command was submitted without query"
                    + " parameters (old format).";
            if (whole == null || !whole.hasNonNull("command") || !whole.hasNonNull("version") || inner == null) {
                return error(400, prefix + " The request body must be a JSON map with required keys: command,"
                        + " version, payload.");
            }
            if (!inner.isObject()) {
                return error(400, prefix + " The payload value must be a JSON map.");
            }
            LOG.warn("a command was posted without parameters (deprecated format)");
            ((ObjectNode) whole).fields().forEachRemaining(e -> {
                if (!e.getKey().equals("payload")) {
                    params.put(e.getKey(), e.getValue().asText());
                }
            });
            if (certname != null) {
                params.put("certname", certname);
            }
            payload = inner;
        }
        Optional<Response> invalid = checkParams(params);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        CommandName name = CommandName.fromWire(params.get("command")).orElseThrow();
        Double wait = null;
        if (params.containsKey("secondsToWaitForCompletion")) {
            try {
                wait = Double.parseDouble(params.get("secondsToWaitForCompletion"));
            } catch (NumberFormatException e) {
                return error(400, "secondsToWaitForCompletion must be a number of seconds");
            }
        }
        String uuid = UUID.randomUUID().toString();
        Command command = new Command(name, Integer.parseInt(params.get("version")), params.get("certname"),
                Optional.ofNullable(params.get("producer-timestamp")).flatMap(WireTime::parse), payload,
                clock.instant());
        try {
            if (payload == null) {
                throw new InvalidCommandException("the command body is not JSON");
            }
            processor.apply(command);
        } catch (InvalidCommandException e) {
            // PuppetDB queues such a command and discards it later, so its client never learns; applied at once,
            // it can be refused with the reason
            LOG.warnf("refused %s v%d for %s: %s", name.wireName(), command.version(), command.certname(),
                    e.getMessage());
            return error(400, prefix(params) + " " + e.getMessage());
        }
        // the deprecated body form is never waited for by PuppetDB, which answers the uuid alone
        if (wait != null && wait > 0 && !oldFormat) {
            return Response.ok(mapper.createObjectNode().put("uuid", uuid).put("processed", true)
                    .put("timed_out", false).toString(), JSON).build();
        }
        return Response.ok(mapper.createObjectNode().put("uuid", uuid).toString(), JSON).build();
    }

    private Optional<Response> checkHeaders(HttpHeaders headers) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && !acceptsJson(accept)) {
            return Optional.of(Response.status(406).type("text/plain; charset=utf-8")
                    .entity("must accept application/json").build());
        }
        String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type != null && !type.isBlank()
                && !type.split(";")[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return Optional.of(Response.status(415).type("text/plain; charset=utf-8")
                    .entity("content type " + type + " not supported").build());
        }
        String encoding = headers.getHeaderString("Content-Encoding");
        if (encoding != null && !encoding.isBlank()
                && !Set.of("gzip", "identity").contains(encoding.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(Response.status(415).type("text/plain; charset=utf-8")
                    .entity("Unsupported Content-Encoding: " + encoding + ". Supported: gzip, identity").build());
        }
        return Optional.empty();
    }

    /** The size PuppetDB judges by: X-Uncompressed-Length (the terminus sends it), else Content-Length. */
    private static Optional<Long> declaredSize(HttpHeaders headers) {
        for (String header : List.of("X-Uncompressed-Length", HttpHeaders.CONTENT_LENGTH)) {
            String value = headers.getHeaderString(header);
            if (value != null) {
                try {
                    return Optional.of(Long.parseLong(value.trim()));
                } catch (NumberFormatException ignored) {
                    // not a size; the body itself is measured after reading
                }
            }
        }
        return Optional.empty();
    }

    private static Response tooLarge() {
        return Response.status(413).type("text/plain; charset=utf-8").entity("Command size exceeds max-command-size")
                .build();
    }

    private static boolean acceptsJson(String accept) {
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")
                    || type.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static InputStream decoded(HttpHeaders headers, InputStream body) throws IOException {
        InputStream in = body == null ? new ByteArrayInputStream(new byte[0]) : body;
        String encoding = headers.getHeaderString("Content-Encoding");
        return encoding != null && encoding.trim().equalsIgnoreCase("gzip") ? new GZIPInputStream(in) : in;
    }

    private Optional<Response> checkParams(Map<String, String> params) {
        String prefix = prefix(params);
        List<String> missing = REQUIRED.stream().filter(p -> !params.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            return Optional.of(error(400, prefix + " Command is missing required parameters: "
                    + String.join(", ", missing) + "."));
        }
        List<String> unknown = params.keySet().stream().filter(p -> !PARAMS.contains(p)).toList();
        if (!unknown.isEmpty()) {
            return Optional.of(error(400, prefix + " Command has invalid parameters: " + String.join(", ", unknown)
                    + "."));
        }
        if (params.get("certname").isBlank()) {
            return Optional.of(error(400, prefix + " Certname must be a non-empty string."));
        }
        Optional<CommandName> name = CommandName.fromWire(params.get("command"));
        if (name.isEmpty()) {
            return Optional.of(error(400, prefix + " Command must be one of: " + CommandName.all() + "."));
        }
        int version;
        try {
            version = Integer.parseInt(params.get("version"));
        } catch (NumberFormatException e) {
            return Optional.of(error(400, prefix + " Version must be a valid integer."));
        }
        if (version < name.get().oldestVersion()) {
            return Optional.of(error(400, prefix + " Version " + version + " of command \"" + name.get().wireName()
                    + "\" is retired. The minimum supported version is " + name.get().oldestVersion() + "."));
        }
        if (version > name.get().newestVersion()) {
            return Optional.of(error(400, prefix + " Version " + version + " of command \"" + name.get().wireName()
                    + "\" is not supported. The newest supported version is " + name.get().newestVersion() + "."));
        }
        return Optional.empty();
    }

    private static String prefix(Map<String, String> params) {
        return "Command " + quoted(params.get("command")) + " for certname " + quoted(params.get("certname"))
                + " is invalid.";
    }

    private JsonNode parse(byte[] raw) {
        try {
            return raw.length == 0 ? null : mapper.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static String quoted(String value) {
        return value == null ? "nil" : "\"" + value + "\"";
    }

    private Response error(int status, String message) {
        return Response.status(status).type(JSON).entity(mapper.createObjectNode().put("error", message).toString())
                .build();
    }
}
