package io.puppetplane.catalog.rest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.puppetplane.catalog.messaging.AgentEvents;
import io.puppetplane.catalog.service.CatalogService;
import io.puppetplane.catalog.service.CodeSnapshots;
import io.puppetplane.catalog.service.NodeClassifications;
import io.puppetplane.catalog.service.PuppetApiException;
import io.puppetplane.catalog.trust.AgentAuthenticator;
import io.puppetplane.trust.ClientIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.puppetplane.trust.rest.RequiresClientCertificate;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Puppet API v3 as Debian's puppet-agent 7.23 uses it for a run: node, catalog, facts and report. Each of them is
 * allowed only for the node itself: the certname in the URL must be the client certificate's.
 */
@RequiresClientCertificate
@Path("/puppet/v3")
@Produces(MediaType.APPLICATION_JSON)
public class AgentApiResource {

    private static final Logger LOG = Logger.getLogger(AgentApiResource.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    AgentAuthenticator authenticator;

    @Inject
    CatalogService catalogs;

    @Inject
    CodeSnapshots code;

    @Inject
    NodeClassifications classifications;

    @Inject
    AgentEvents events;

    private final ObjectReader json;

    @Inject
    public AgentApiResource(ObjectMapper mapper) {
        // Puppet integers are 64-bit; the compiler expects Long, never Integer
        this.json = mapper.reader().with(DeserializationFeature.USE_LONG_FOR_INTS);
    }

    @GET
    @Path("node/{certname}")
    public Map<String, Object> node(@PathParam("certname") String certname,
                                    @QueryParam("environment") String environment, @Context HttpServerRequest http) {
        ClientIdentity agent = authenticator.authenticateAs(http, "/puppet/v3/node/" + certname, certname);
        String chosen = catalogs.environmentFor(agent.certname(), required(environment));
        catalogs.snapshot(chosen);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", certname);
        node.put("environment", chosen);
        classifications.of(certname).ifPresent(c -> {
            node.put("classes", c.classes() == null ? Map.of() : c.classes());
            if (c.role() != null) {
                node.put("parameters", Map.of("role", c.role()));
            }
        });
        return node;
    }

    @POST
    @Path("catalog/{certname}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String catalog(@PathParam("certname") String certname, @QueryParam("environment") String queryEnvironment,
                          @FormParam("environment") String formEnvironment,
                          @FormParam("facts_format") String factsFormat, @FormParam("facts") String facts,
                          @FormParam("transaction_uuid") String transactionUuid,
                          @FormParam("job_uuid") String jobUuid,
                          @FormParam("static_catalog") String staticCatalog,
                          @FormParam("checksum_type") String checksumType, @Context HttpServerRequest http) {
        ClientIdentity agent = authenticator.authenticateAs(http, "/puppet/v3/catalog/" + certname, certname);
        String environment = required(queryEnvironment != null ? queryEnvironment : formEnvironment);
        Map<String, Object> values = wireFacts(certname, factsFormat, facts);
        LOG.debugf("catalog for %s in %s, transaction %s, job %s", certname, environment, transactionUuid,
            jobUuid == null || jobUuid.isEmpty() ? "-" : jobUuid);
        if (!values.isEmpty()) {
            events.factsReceived(certname, environment, values);
        }
        return catalogs.compile(agent, new CatalogService.CatalogRequest(environment, values,
            "true".equals(staticCatalog), checksumType, transactionUuid, jobUuid == null || jobUuid.isEmpty() ? null : jobUuid));
    }

    @PUT
    @Path("facts/{certname}")
    @Consumes({MediaType.APPLICATION_JSON, "text/pson"})
    public String facts(@PathParam("certname") String certname, @QueryParam("environment") String environment,
                        String body, @Context HttpServerRequest http) {
        authenticator.authenticateAs(http, "/puppet/v3/facts/" + certname, certname);
        Map<String, Object> values = factValues(certname, parse(body, "facts"));
        events.factsReceived(certname, required(environment), values);
        return "true";
    }

    @PUT
    @Path("report/{certname}")
    @Consumes({MediaType.APPLICATION_JSON, "text/pson"})
    public List<String> report(@PathParam("certname") String certname, @QueryParam("environment") String environment,
                               String body, @Context HttpServerRequest http) {
        authenticator.authenticateAs(http, "/puppet/v3/report/" + certname, certname);
        JsonNode report;
        try {
            report = json.readTree(body);
        } catch (IOException e) {
            throw PuppetApiException.badRequest("The report is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (report == null || !report.isObject()) {
            throw PuppetApiException.badRequest("The report must be a JSON object");
        }
        events.reportReceived(certname, report);
        // the agent parses this body: the names of the report processors that ran (none here)
        return List.of();
    }

    private static String required(String environment) {
        if (environment == null || environment.isEmpty()) {
            throw PuppetApiException.badRequest("An environment parameter must be specified");
        }
        if (!CodeSnapshots.ENVIRONMENT_NAME.matcher(environment).matches()) {
            throw PuppetApiException.badRequest("The environment must be purely alphanumeric, not '" + environment
                + "'");
        }
        return environment;
    }

    /** The agent URL-encodes the facts JSON and then form-encodes it again: the form gave us one decoding. */
    private Map<String, Object> wireFacts(String certname, String format, String facts) {
        if (facts == null || facts.isEmpty()) {
            return Map.of();
        }
        if (format != null && !format.equals("application/json") && !format.equals("pson")
            && !format.equals("text/pson")) {
            throw PuppetApiException.badRequest("Unsupported facts_format '" + format + "'");
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(facts, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw PuppetApiException.badRequest("The facts are not URL-encoded: " + e.getMessage());
        }
        return factValues(certname, parse(decoded, "facts"));
    }

    private Map<String, Object> parse(String body, String what) {
        try {
            Map<String, Object> parsed = json.forType(MAP).readValue(body);
            if (parsed == null) {
                throw PuppetApiException.badRequest("The " + what + " are empty");
            }
            return parsed;
        } catch (IOException e) {
            throw PuppetApiException.badRequest("The " + what + " are not a JSON object: " + e.getMessage()
                .lines().findFirst().orElse(""));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> factValues(String certname, Map<String, Object> facts) {
        Object name = facts.get("name");
        if (name != null && !certname.equals(name)) {
            throw PuppetApiException.badRequest("The facts are for " + name + ", not for " + certname);
        }
        if (!(facts.get("values") instanceof Map<?, ?> values)) {
            throw PuppetApiException.badRequest("The facts have no 'values' object");
        }
        return (Map<String, Object>) values;
    }
}
