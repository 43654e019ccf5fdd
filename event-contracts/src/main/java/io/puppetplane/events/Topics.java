package io.puppetplane.events;

/** One Kafka topic per event family; docs/events.md lists who produces and consumes each. */
public final class Topics {

    /** Certificate lifecycle from ca-service (key: certname). */
    public static final String CERTIFICATES = "puppetplane.certificates";
    /** Node lifecycle state changes from enrollment-service (key: certname). */
    public static final String NODES = "puppetplane.nodes";
    /** Roles and classes per node from enrollment-service; compacted, a tombstone drops a node (key: certname). */
    public static final String CLASSIFICATION = "puppetplane.classification";
    /** Latest facts per node from catalog-service; compacted (key: certname). */
    public static final String FACTS = "puppetplane.facts";
    /** Catalogs compiled for agents, exported resources included, from catalog-service; compacted (key: certname). */
    public static final String CATALOGS = "puppetplane.catalogs";
    /** Agent run reports from catalog-service (key: certname). */
    public static final String REPORTS = "puppetplane.reports";
    /** New machines announced by provisioning systems, consumed by enrollment-service (key: certname). */
    public static final String MACHINES = "puppetplane.machines";
    /** File access decisions worth an operator's attention, from fileserve-service (key: certname). */
    public static final String FILE_ACCESS = "puppetplane.file-access";
    /** Code deployments, so every catalog replica refreshes its caches (key: environment). */
    public static final String CODE = "puppetplane.code";
    /** What operators did through the dashboard and the admin API, from enrollment-service (key: target). */
    public static final String AUDIT = "puppetplane.audit";

    private Topics() {
    }
}
