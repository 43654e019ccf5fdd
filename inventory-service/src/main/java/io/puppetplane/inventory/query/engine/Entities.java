package io.puppetplane.inventory.query.engine;

import static io.puppetplane.inventory.query.engine.FieldType.BOOLEAN;
import static io.puppetplane.inventory.query.engine.FieldType.JSON;
import static io.puppetplane.inventory.query.engine.FieldType.JSONB_SCALAR;
import static io.puppetplane.inventory.query.engine.FieldType.NUMBER;
import static io.puppetplane.inventory.query.engine.FieldType.PATH;
import static io.puppetplane.inventory.query.engine.FieldType.QUERYABLE_JSON;
import static io.puppetplane.inventory.query.engine.FieldType.STRING;
import static io.puppetplane.inventory.query.engine.FieldType.TEXT_ARRAY;
import static io.puppetplane.inventory.query.engine.FieldType.TIMESTAMP;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.puppetplane.inventory.wire.WireTime;

/**
 * The entities of PuppetDB's query API v4 with PuppetDB's field names, over this service's schema. Nested output
 * (a catalog's resources, a report's events) is assembled by PostgreSQL in the same statement.
 */
public final class Entities {

    private static final String[] BY_CERTNAME = {"factsets", "reports", "package_inventory", "inventory", "catalogs",
        "catalog_input_contents", "catalog_inputs", "nodes", "facts", "fact_contents", "events", "edges",
        "resources"};

    private static final String NODES_FROM = "certnames"
            + " LEFT JOIN catalogs ON catalogs.certname = certnames.certname"
            + " LEFT JOIN factsets fs ON fs.certname = certnames.certname"
            + " LEFT JOIN reports ON reports.id = certnames.latest_report_id"
            + " LEFT JOIN environments catalog_environment ON catalog_environment.id = catalogs.environment_id"
            + " LEFT JOIN environments facts_environment ON facts_environment.id = fs.environment_id"
            + " LEFT JOIN environments reports_environment ON reports_environment.id = reports.environment_id";

    /** Every leaf of a fact set with its path: keys as strings, array indexes as numbers. */
    private static final String FACT_LEAVES = "(WITH RECURSIVE walk(path, value) AS ("
            + " SELECT jsonb_build_array(top.key), top.value FROM jsonb_each(fs.facts) top"
            + " UNION ALL"
            + " SELECT walk.path || jsonb_build_array(child.key), child.value FROM walk CROSS JOIN LATERAL ("
            + "   SELECT to_jsonb(o.key) AS key, o.value FROM jsonb_each(CASE WHEN jsonb_typeof(walk.value) = 'object'"
            + "     THEN walk.value ELSE '{}'::jsonb END) o"
            + "   UNION ALL"
            + "   SELECT to_jsonb(a.position - 1), a.value FROM jsonb_array_elements(CASE WHEN"
            + "     jsonb_typeof(walk.value) = 'array' THEN walk.value ELSE '[]'::jsonb END) WITH ORDINALITY"
            + "     a(value, position)) child)"
            + " SELECT path, value FROM walk WHERE jsonb_typeof(value) NOT IN ('object', 'array'))";

    private static final Map<String, Entity> ALL = Stream.of(
            nodes(false), facts(), factContents(), factPaths(), factsets(false), inventory(), resources(), catalogs(),
            edges(), reports(), events(), environments(), producers(), packages(), packageInventory(),
            catalogInputs(), catalogInputContents())
            .collect(Collectors.toUnmodifiableMap(Entity::name, Function.identity()));

    private static final Entity NODES_WITH_FACT_EXPIRATION = nodes(true);
    private static final Entity FACT_NAMES = new Entity.Builder("fact_names")
            .from("(SELECT DISTINCT name FROM fact_paths) fact_names")
            .field("name", STRING, "fact_names.name").build();
    private static final Entity FACTSETS_WITH_PACKAGES = factsets(true);

    private Entities() {
    }

    /** By name, with dashes or underscores (fact-contents, fact_contents). */
    public static Optional<Entity> named(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(ALL.get(name.replace('-', '_')));
    }

    /** nodes with {@code expires_facts} and {@code expires_facts_updated} (include_facts_expiration). */
    public static Entity nodesWithFactExpiration() {
        return NODES_WITH_FACT_EXPIRATION;
    }

    /** The distinct fact names of the fleet (the fact-names endpoint, not an entity of the root). */
    public static Entity factNames() {
        return FACT_NAMES;
    }

    /** factsets with {@code package_inventory} (include_package_inventory). */
    public static Entity factsetsWithPackages() {
        return FACTSETS_WITH_PACKAGES;
    }

    private static String time(String expression) {
        return WireTime.sql(expression);
    }

    private static Entity nodes(boolean withFactExpiration) {
        Entity.Builder b = new Entity.Builder("nodes").from(NODES_FROM).certname("certnames.certname")
                .field("certname", STRING, "certnames.certname")
                .field("deactivated", TIMESTAMP, "certnames.deactivated")
                .field("expired", TIMESTAMP, "certnames.expired")
                .field("catalog_timestamp", TIMESTAMP, "catalogs.\"timestamp\"")
                .field("facts_timestamp", TIMESTAMP, "fs.\"timestamp\"")
                .field("report_timestamp", TIMESTAMP, "reports.end_time")
                .field("catalog_environment", STRING, "catalog_environment.environment")
                .field("facts_environment", STRING, "facts_environment.environment")
                .field("report_environment", STRING, "reports_environment.environment")
                .field("latest_report_status", STRING, "reports.status")
                .field("latest_report_noop", BOOLEAN, "reports.noop")
                .field("latest_report_noop_pending", BOOLEAN, "reports.noop_pending")
                .field("latest_report_hash", STRING, "reports.hash")
                .field("latest_report_job_id", STRING, "reports.job_id")
                .field("latest_report_corrective_change", BOOLEAN, "reports.corrective_change")
                .field("cached_catalog_status", STRING, "reports.cached_catalog_status")
                .relatedByCertname(BY_CERTNAME);
        if (withFactExpiration) {
            b.field("expires_facts", BOOLEAN, "certnames.expires_facts")
                    .field("expires_facts_updated", TIMESTAMP, "certnames.expires_facts_updated");
        }
        return b.build();
    }

    private static Entity facts() {
        return new Entity.Builder("facts")
                .from("factsets fs CROSS JOIN LATERAL jsonb_each(fs.facts) AS fact(name, value)"
                        + " LEFT JOIN environments env ON env.id = fs.environment_id")
                .certname("fs.certname")
                .field("certname", STRING, "fs.certname")
                .field("environment", STRING, "env.environment")
                .field("name", STRING, "fact.name")
                .field("value", JSONB_SCALAR, "fact.value")
                .relatedByCertname(BY_CERTNAME)
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .relatedBy("fact_contents", List.of("certname", "name"), List.of("certname", "name"))
                .build();
    }

    private static Entity factContents() {
        return new Entity.Builder("fact_contents")
                .from("factsets fs CROSS JOIN LATERAL " + FACT_LEAVES + " fc"
                        + " LEFT JOIN environments env ON env.id = fs.environment_id")
                .certname("fs.certname")
                .field("certname", STRING, "fs.certname")
                .field("environment", STRING, "env.environment")
                .field("path", PATH, "fc.path")
                .field("name", STRING, "(fc.path ->> 0)")
                .field("value", JSONB_SCALAR, "fc.value")
                .relatedByCertname(BY_CERTNAME)
                .relatedBy("facts", List.of("certname", "name"), List.of("certname", "name"))
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .build();
    }

    private static Entity factPaths() {
        return new Entity.Builder("fact_paths").from("fact_paths fp").where("fp.value_type <> 'json'")
                .field("path", PATH, "fp.path_json")
                .field("type", STRING, "fp.value_type")
                .field("name", STRING, "fp.name")
                .filterOnly("depth", NUMBER, "fp.depth")
                .relatedBy("facts", List.of("name"), List.of("name"))
                .relatedBy("fact_contents", List.of("path"), List.of("path"))
                .build();
    }

    private static Entity factsets(boolean withPackages) {
        Entity.Builder b = new Entity.Builder("factsets")
                .from("factsets fs LEFT JOIN environments ON environments.id = fs.environment_id"
                        + " LEFT JOIN producers ON producers.id = fs.producer_id")
                .certname("fs.certname")
                .field("certname", STRING, "fs.certname")
                .field("environment", STRING, "environments.environment")
                .field("timestamp", TIMESTAMP, "fs.\"timestamp\"")
                .field("producer_timestamp", TIMESTAMP, "fs.producer_timestamp")
                .field("producer", STRING, "producers.name")
                .field("hash", STRING, "fs.hash")
                .field("facts", JSON, "json_build_object('href', '/pdb/query/v4/factsets/' || fs.certname || '/facts',"
                        + " 'data', (SELECT coalesce(json_agg(json_build_object('name', f.key, 'value', f.value)),"
                        + " '[]'::json) FROM jsonb_each(fs.facts) f))")
                .relatedByCertname(BY_CERTNAME)
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .relatedBy("producers", List.of("producer"), List.of("name"));
        if (withPackages) {
            b.field("package_inventory", JSON, "coalesce(fs.package_inventory, '[]'::jsonb)");
        }
        return b.build();
    }

    private static Entity inventory() {
        return new Entity.Builder("inventory")
                .from("factsets fs LEFT JOIN environments env ON env.id = fs.environment_id")
                .certname("fs.certname")
                .field("certname", STRING, "fs.certname")
                .field("timestamp", TIMESTAMP, "fs.\"timestamp\"")
                .field("environment", STRING, "env.environment")
                .field("facts", QUERYABLE_JSON, "fs.facts")
                .field("trusted", QUERYABLE_JSON, "(fs.facts -> 'trusted')")
                .dotted("facts").dotted("trusted")
                .relatedByCertname(BY_CERTNAME)
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .build();
    }

    private static Entity resources() {
        return new Entity.Builder("resources")
                .from("catalog_resources resources JOIN catalogs c ON c.certname = resources.certname"
                        + " LEFT JOIN environments e ON e.id = c.environment_id")
                .certname("resources.certname")
                .field("certname", STRING, "resources.certname")
                .field("resource", STRING, "resources.resource")
                .field("type", STRING, "resources.type")
                .field("title", STRING, "resources.title")
                .field("tags", TEXT_ARRAY, "resources.tags")
                .filterOnly("tag", TEXT_ARRAY, "resources.tags")
                .field("exported", BOOLEAN, "resources.exported")
                .field("file", STRING, "resources.file")
                .field("line", NUMBER, "resources.line")
                .field("environment", STRING, "e.environment")
                .field("parameters", QUERYABLE_JSON, "resources.parameters")
                .dotted("parameters")
                .relatedBy("catalogs", List.of("certname"), List.of("certname"))
                .relatedBy("nodes", List.of("certname"), List.of("certname"))
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .build();
    }

    private static Entity catalogs() {
        return new Entity.Builder("catalogs")
                .from("catalogs c LEFT JOIN environments e ON e.id = c.environment_id"
                        + " LEFT JOIN producers ON producers.id = c.producer_id")
                .certname("c.certname")
                .field("certname", STRING, "c.certname")
                .field("version", STRING, "c.catalog_version")
                .field("transaction_uuid", STRING, "c.transaction_uuid")
                .field("catalog_uuid", STRING, "c.catalog_uuid")
                .field("code_id", STRING, "c.code_id")
                .field("job_id", STRING, "c.job_id")
                .field("producer_timestamp", TIMESTAMP, "c.producer_timestamp")
                .field("producer", STRING, "producers.name")
                .field("hash", STRING, "c.hash")
                .field("environment", STRING, "e.environment")
                .field("edges", JSON, "json_build_object('href', '/pdb/query/v4/catalogs/' || c.certname || '/edges',"
                        + " 'data', (SELECT coalesce(json_agg(json_build_object('source_type', ed.source_type,"
                        + " 'source_title', ed.source_title, 'target_type', ed.target_type, 'target_title',"
                        + " ed.target_title, 'relationship', ed.relationship)), '[]'::json) FROM edges ed"
                        + " WHERE ed.certname = c.certname))")
                .field("resources", JSON, "json_build_object('href', '/pdb/query/v4/catalogs/' || c.certname"
                        + " || '/resources', 'data', (SELECT coalesce(json_agg(json_build_object('resource', r.resource,"
                        + " 'type', r.type, 'title', r.title, 'tags', r.tags, 'exported', r.exported, 'file', r.file,"
                        + " 'line', r.line, 'parameters', r.parameters)), '[]'::json) FROM catalog_resources r"
                        + " WHERE r.certname = c.certname))")
                .relatedByCertname(BY_CERTNAME)
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .relatedBy("producers", List.of("producer"), List.of("name"))
                .build();
    }

    private static Entity edges() {
        return new Entity.Builder("edges").from("edges ed").certname("ed.certname")
                .field("certname", STRING, "ed.certname")
                .field("relationship", STRING, "ed.relationship")
                .field("source_title", STRING, "ed.source_title")
                .field("source_type", STRING, "ed.source_type")
                .field("target_title", STRING, "ed.target_title")
                .field("target_type", STRING, "ed.target_type")
                .relatedByCertname(BY_CERTNAME)
                .build();
    }

    private static Entity reports() {
        return new Entity.Builder("reports")
                .from("reports LEFT JOIN environments ON environments.id = reports.environment_id"
                        + " LEFT JOIN producers ON producers.id = reports.producer_id")
                .certname("reports.certname").agentReportsOnly()
                .field("hash", STRING, "reports.hash")
                .field("certname", STRING, "reports.certname")
                .field("puppet_version", STRING, "reports.puppet_version")
                .field("report_format", NUMBER, "reports.report_format")
                .field("configuration_version", STRING, "reports.configuration_version")
                .field("start_time", TIMESTAMP, "reports.start_time")
                .field("end_time", TIMESTAMP, "reports.end_time")
                .field("producer_timestamp", TIMESTAMP, "reports.producer_timestamp")
                .field("producer", STRING, "producers.name")
                .field("receive_time", TIMESTAMP, "reports.receive_time")
                .field("transaction_uuid", STRING, "reports.transaction_uuid")
                .field("catalog_uuid", STRING, "reports.catalog_uuid")
                .field("code_id", STRING, "reports.code_id")
                .field("job_id", STRING, "reports.job_id")
                .field("cached_catalog_status", STRING, "reports.cached_catalog_status")
                .field("environment", STRING, "environments.environment")
                .field("status", STRING, "reports.status")
                .field("noop", BOOLEAN, "reports.noop")
                .field("noop_pending", BOOLEAN, "reports.noop_pending")
                .field("corrective_change", BOOLEAN, "reports.corrective_change")
                .field("type", STRING, "reports.report_type")
                .field("metrics", JSON, "json_build_object('href', '/pdb/query/v4/reports/' || reports.hash"
                        + " || '/metrics', 'data', reports.metrics)")
                .field("logs", JSON, "json_build_object('href', '/pdb/query/v4/reports/' || reports.hash || '/logs',"
                        + " 'data', reports.logs)")
                .field("resource_events", JSON, "json_build_object('href', '/pdb/query/v4/reports/' || reports.hash"
                        + " || '/events', 'data', (SELECT coalesce(json_agg(json_build_object('status', re.status,"
                        // PuppetDB leaves these to PostgreSQL's JSON rendering: 2026-12-07T15:37:18.824+00:00
                        + " 'timestamp', trim(both '\"' from"
                        + " CAST(to_json(re.\"timestamp\" AT TIME ZONE 'UTC') AS text))"
                        + " || '+00:00', 'resource_type', re.resource_type,"
                        + " 'resource_title', re.resource_title, 'property', re.property, 'corrective_change',"
                        + " re.corrective_change, 'new_value', re.new_value, 'old_value', re.old_value, 'message',"
                        + " re.message, 'file', re.file, 'line', re.line, 'containment_path', re.containment_path,"
                        + " 'containing_class', re.containing_class, 'name', re.name)), '[]'::json)"
                        + " FROM resource_events re WHERE re.report_id = reports.id))")
                .filterOnly("latest_report?", BOOLEAN, "reports.id")
                .relatedByCertname(BY_CERTNAME)
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .relatedBy("producers", List.of("producer"), List.of("name"))
                .relatedBy("events", List.of("hash"), List.of("report"))
                .build();
    }

    private static Entity events() {
        return new Entity.Builder("events")
                .from("resource_events events JOIN reports ON reports.id = events.report_id"
                        + " LEFT JOIN environments ON environments.id = reports.environment_id")
                .certname("events.certname").agentReportsOnly()
                .field("certname", STRING, "events.certname")
                .field("report", STRING, "reports.hash")
                .field("status", STRING, "events.status")
                .field("timestamp", TIMESTAMP, "events.\"timestamp\"")
                .field("resource_type", STRING, "events.resource_type")
                .field("resource_title", STRING, "events.resource_title")
                .field("property", STRING, "events.property")
                .field("name", STRING, "events.name")
                .field("new_value", JSONB_SCALAR, "events.new_value")
                .field("old_value", JSONB_SCALAR, "events.old_value")
                .field("message", STRING, "events.message")
                .field("file", STRING, "events.file")
                .field("line", NUMBER, "events.line")
                .field("containment_path", TEXT_ARRAY, "events.containment_path")
                .field("containing_class", STRING, "events.containing_class")
                .field("corrective_change", BOOLEAN, "events.corrective_change")
                .field("environment", STRING, "environments.environment")
                .field("configuration_version", STRING, "reports.configuration_version")
                .field("run_start_time", TIMESTAMP, "reports.start_time")
                .field("run_end_time", TIMESTAMP, "reports.end_time")
                .field("report_receive_time", TIMESTAMP, "reports.receive_time")
                .filterOnly("latest_report?", BOOLEAN, "events.report_id")
                .relatedByCertname(BY_CERTNAME)
                .relatedBy("reports", List.of("report"), List.of("hash"))
                .relatedBy("environments", List.of("environment"), List.of("name"))
                .build();
    }

    private static Entity environments() {
        Entity.Builder b = new Entity.Builder("environments").from("environments")
                .field("name", STRING, "environments.environment");
        for (String child : List.of("inventory", "factsets", "catalogs", "reports", "facts", "fact_contents",
                "events", "resources")) {
            b.relatedBy(child, List.of("name"), List.of("environment"));
        }
        return b.build();
    }

    private static Entity producers() {
        Entity.Builder b = new Entity.Builder("producers").from("producers").field("name", STRING, "producers.name");
        for (String child : List.of("factsets", "catalogs", "reports")) {
            b.relatedBy(child, List.of("name"), List.of("producer"));
        }
        return b.build();
    }

    private static Entity packages() {
        return new Entity.Builder("packages")
                .from("(SELECT DISTINCT pkg ->> 0 AS package_name, pkg ->> 1 AS version, pkg ->> 2 AS provider"
                        + " FROM factsets CROSS JOIN LATERAL jsonb_array_elements(factsets.package_inventory) pkg)"
                        + " packages")
                .field("package_name", STRING, "packages.package_name")
                .field("version", STRING, "packages.version")
                .field("provider", STRING, "packages.provider")
                .build();
    }

    private static Entity packageInventory() {
        return new Entity.Builder("package_inventory")
                .from("factsets fs CROSS JOIN LATERAL jsonb_array_elements(fs.package_inventory) pkg")
                .certname("fs.certname")
                .field("certname", STRING, "fs.certname")
                .field("package_name", STRING, "(pkg ->> 0)")
                .field("version", STRING, "(pkg ->> 1)")
                .field("provider", STRING, "(pkg ->> 2)")
                .relatedByCertname(BY_CERTNAME)
                .build();
    }

    private static Entity catalogInputs() {
        return new Entity.Builder("catalog_inputs").from("certnames ci")
                .where("ci.catalog_inputs_timestamp IS NOT NULL")
                .certname("ci.certname")
                .field("certname", STRING, "ci.certname")
                .field("producer_timestamp", TIMESTAMP, "ci.catalog_inputs_timestamp")
                .field("catalog_uuid", STRING, "ci.catalog_inputs_uuid")
                .field("inputs", JSON, "(SELECT coalesce(json_agg(json_build_array(i.type, i.name)"
                        + " ORDER BY i.type, i.name), '[]'::json)"
                        + " FROM catalog_inputs i WHERE i.certname = ci.certname)")
                .relatedByCertname(BY_CERTNAME)
                .build();
    }

    private static Entity catalogInputContents() {
        return new Entity.Builder("catalog_input_contents")
                .from("catalog_inputs i JOIN certnames ci ON ci.certname = i.certname")
                .certname("i.certname")
                .field("certname", STRING, "i.certname")
                .field("producer_timestamp", TIMESTAMP, "ci.catalog_inputs_timestamp")
                .field("catalog_uuid", STRING, "ci.catalog_inputs_uuid")
                .field("name", STRING, "i.name")
                .field("type", STRING, "i.type")
                .relatedByCertname(BY_CERTNAME)
                .build();
    }
}
