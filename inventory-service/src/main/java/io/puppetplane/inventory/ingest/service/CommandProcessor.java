package io.puppetplane.inventory.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.puppetplane.inventory.config.InventoryConfig;
import io.puppetplane.inventory.ingest.repository.CatalogStore;
import io.puppetplane.inventory.ingest.repository.FactStore;
import io.puppetplane.inventory.ingest.repository.NameIds;
import io.puppetplane.inventory.ingest.repository.NodeStore;
import io.puppetplane.inventory.ingest.repository.ReportStore;
import io.puppetplane.inventory.wire.SortedJson;

/**
 * Applies commands with PuppetDB's ordering rules ({@code scf/storage.clj}): facts and catalogs older than the
 * stored ones are stale, reports are kept once per hash and only a newer one becomes the latest, a deactivation
 * older than the node's data is stale, and any data newer than a deactivation or expiry reactivates the node.
 * Each command is one transaction that first locks the node's row, so commands for one node never interleave.
 */
@ApplicationScoped
public class CommandProcessor {

    private static final Logger LOG = Logger.getLogger(CommandProcessor.class);

    private final NodeStore nodes;
    private final FactStore facts;
    private final CatalogStore catalogs;
    private final ReportStore reports;
    private final NameIds names;
    private final InventoryConfig config;
    private final MeterRegistry registry;

    CommandProcessor(NodeStore nodes, FactStore facts, CatalogStore catalogs, ReportStore reports, NameIds names,
            InventoryConfig config, MeterRegistry registry) {
        this.nodes = nodes;
        this.facts = facts;
        this.catalogs = catalogs;
        this.reports = reports;
        this.names = names;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Applies {@code command} in the caller's transaction or a new one. Payloads are checked before anything is
     * written, so an invalid one leaves the caller's transaction usable (an event's inbox row still commits).
     *
     * @throws InvalidCommandException if PuppetDB would discard the payload
     */
    @Transactional(dontRollbackOn = InvalidCommandException.class)
    public CommandOutcome apply(Command command) {
        if (command.version() < command.name().oldestVersion() || command.version() > command.name().newestVersion()) {
            throw new InvalidCommandException("version " + command.version() + " of " + command.name().wireName()
                    + " is not supported");
        }
        CommandOutcome outcome = switch (command.name()) {
            case REPLACE_FACTS -> replaceFacts(command);
            case REPLACE_CATALOG -> replaceCatalog(command);
            case STORE_REPORT -> storeReport(command);
            case DEACTIVATE_NODE -> deactivate(command);
            case CONFIGURE_EXPIRATION -> configureExpiration(command);
            case REPLACE_CATALOG_INPUTS -> replaceCatalogInputs(command);
        };
        registry.counter("inventory.commands", "command", command.name().wireName(), "outcome",
                outcome.name().toLowerCase()).increment();
        LOG.debugf("%s for %s: %s", command.name().wireName(), command.certname(), outcome);
        return outcome;
    }

    private CommandOutcome replaceFacts(Command command) {
        FactsPayload p = FactsPayload.read(command, config.factsBlocklist().orElse(List.of()));
        nodes.activateAndLock(p.certname(), p.producerTimestamp());
        Optional<FactStore.Stored> stored = facts.stored(p.certname());
        if (stored.isPresent() && stored.get().producerTimestamp().isAfter(p.producerTimestamp())) {
            return CommandOutcome.STALE;
        }
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        identity.put("certname", p.certname());
        identity.put("environment", p.environment());
        identity.set("values", p.values());
        if (p.packageInventory() != null) {
            identity.set("package_inventory", sortedCopy(p.packageInventory()));
        }
        facts.replace(new FactStore.Factset(p.certname(), names.environment(p.environment()),
                names.producer(p.producer()), p.values(), p.packageInventory(), SortedJson.sha1(identity),
                p.producerTimestamp(), command.receivedAt()), stored);
        return CommandOutcome.STORED;
    }

    private static JsonNode sortedCopy(JsonNode array) {
        List<String> elements = new ArrayList<>();
        array.forEach(e -> elements.add(SortedJson.write(e)));
        elements.sort(null);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        elements.forEach(out::add);
        return out;
    }

    private CommandOutcome replaceCatalog(Command command) {
        CatalogPayload p = CatalogPayload.read(command);
        nodes.activateAndLock(p.certname(), p.producerTimestamp());
        Optional<CatalogStore.Stored> stored = catalogs.stored(p.certname());
        if (stored.isPresent() && stored.get().producerTimestamp().isAfter(p.producerTimestamp())) {
            return CommandOutcome.STALE;
        }
        List<String> resourceHashes = new ArrayList<>();
        ArrayNode hashedResources = JsonNodeFactory.instance.arrayNode();
        List<CatalogPayload.Resource> byTitle = new ArrayList<>(p.resources());
        byTitle.sort(Comparator.comparing(CatalogPayload.Resource::title).thenComparing(CatalogPayload.Resource::type));
        for (CatalogPayload.Resource r : p.resources()) {
            ArrayNode identity = JsonNodeFactory.instance.arrayNode().add(r.type()).add(r.title());
            identity.add(r.parameters());
            resourceHashes.add(SortedJson.sha1(identity));
        }
        for (CatalogPayload.Resource r : byTitle) {
            ObjectNode h = hashedResources.addObject();
            h.put("type", r.type());
            h.put("title", r.title());
            h.set("parameters", r.parameters());
            h.put("exported", r.exported());
            h.put("file", r.file());
            if (r.line() != null) {
                h.put("line", r.line());
            }
            h.set("tags", JsonNodeFactory.instance.arrayNode().addAll(r.tags().stream()
                    .map(JsonNodeFactory.instance::textNode).toList()));
        }
        List<String> edges = new ArrayList<>(p.edges().stream().map(SortedJson::write).toList());
        edges.sort(null);
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        identity.put("certname", p.certname());
        identity.set("resources", hashedResources);
        identity.set("edges", JsonNodeFactory.instance.arrayNode().addAll(edges.stream()
                .map(JsonNodeFactory.instance::textNode).toList()));
        String hash = SortedJson.sha1(identity);
        boolean changed = stored.isEmpty() || !stored.get().hash().equals(hash);
        catalogs.replace(new CatalogStore.Catalog(p, hash, resourceHashes, names.environment(p.environment()),
                names.producer(p.producer()), command.receivedAt()), changed);
        return changed ? CommandOutcome.STORED : CommandOutcome.DUPLICATE;
    }

    private CommandOutcome storeReport(Command command) {
        ReportPayload p = ReportPayload.read(command);
        nodes.activateAndLock(p.certname(), p.producerTimestamp());
        Optional<Long> id = reports.insert(p, p.hash(), names.environment(p.environment()),
                names.producer(p.producer()), command.receivedAt());
        if (id.isEmpty()) {
            return CommandOutcome.DUPLICATE;
        }
        // a plan's report never stands for the node's last agent run
        if ("agent".equals(p.type())) {
            reports.offerAsLatest(p.certname(), id.get(), p.producerTimestamp());
        }
        return CommandOutcome.STORED;
    }

    private CommandOutcome deactivate(Command command) {
        PayloadFields f = new PayloadFields(command.payload(), "deactivate node payload");
        String certname = f.certname();
        Instant time = timestamp(f, command);
        nodes.ensureAndLock(certname);
        Optional<Instant> newest = nodes.newestRecord(certname);
        if (newest.isPresent() && newest.get().isAfter(time)) {
            return CommandOutcome.STALE;
        }
        nodes.deactivate(certname, time);
        return CommandOutcome.STORED;
    }

    private CommandOutcome configureExpiration(Command command) {
        PayloadFields f = new PayloadFields(command.payload(), "configure expiration payload");
        String certname = f.certname();
        PayloadFields expire = new PayloadFields(f.requiredObject("expire"), "expire");
        Boolean factsExpire = expire.optionalBoolean("facts");
        if (factsExpire == null) {
            throw new InvalidCommandException("configure expiration payload has no boolean 'expire.facts'");
        }
        Instant time = timestamp(f, command);
        nodes.activateAndLock(certname, time);
        nodes.configureExpiration(certname, factsExpire, time);
        return CommandOutcome.STORED;
    }

    private CommandOutcome replaceCatalogInputs(Command command) {
        PayloadFields f = new PayloadFields(command.payload(), "replace catalog inputs payload");
        String certname = f.certname();
        Instant time = timestamp(f, command);
        List<String[]> inputs = new ArrayList<>();
        for (JsonNode input : f.requiredArray("inputs")) {
            if (!input.isArray() || input.size() != 2 || !input.get(0).isTextual() || !input.get(1).isTextual()) {
                throw new InvalidCommandException("catalog input " + input + " is not [type, name]");
            }
            inputs.add(new String[] {input.get(0).textValue(), input.get(1).textValue()});
        }
        nodes.activateAndLock(certname, time);
        return nodes.replaceCatalogInputs(certname, f.optionalText("catalog_uuid"), time, inputs)
                ? CommandOutcome.STORED
                : CommandOutcome.STALE;
    }

    private static Instant timestamp(PayloadFields f, Command command) {
        Instant time = f.optionalTime("producer_timestamp");
        return time != null ? time : command.producerTimestamp().orElse(command.receivedAt());
    }
}
