package io.puppetplane.enrollment.node.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/** Nodes and their state history. Callers run inside a transaction; the lock methods need one. */
@Singleton
public class NodeRepository extends JdbcRepository {

    private static final String COLUMNS = "certname, address, kind, role, classes::text AS classes, state, "
            + "state_changed_at, failure_reason, retry_count, next_retry_at, resume_state, created_at, updated_at";

    NodeRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        super(dataSource, mapper);
    }

    public void insert(Node node) {
        update("INSERT INTO node (certname, address, kind, role, classes, state, state_changed_at, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", node.certname(), node.address(),
                node.kind().wireName(), node.role(), json(node.classes()), node.state().wireName(),
                node.stateChangedAt(), node.createdAt(), node.updatedAt());
    }

    public void delete(String certname) {
        update("DELETE FROM node WHERE certname = ?", certname);
    }

    public Optional<Node> find(String certname) {
        return query("SELECT " + COLUMNS + " FROM node WHERE certname = ?", this::read, certname).stream().findFirst();
    }

    /** Locks the node for a change requested by an operator; waits for a reconciler that holds it. */
    public Optional<Node> lock(String certname) {
        return query("SELECT " + COLUMNS + " FROM node WHERE certname = ? FOR UPDATE", this::read, certname).stream()
                .findFirst();
    }

    /** Locks the node unless another replica is reconciling it, in which case it is empty. */
    public Optional<Node> lockUnlessBusy(String certname) {
        return query("SELECT " + COLUMNS + " FROM node WHERE certname = ? FOR UPDATE SKIP LOCKED", this::read,
                certname).stream().findFirst();
    }

    /** Nodes the reconciler should look at: not at rest, and if failed then due for a retry. */
    public List<String> dueForReconcile(Instant now, int limit) {
        return query("SELECT certname FROM node WHERE state NOT IN ('ready', 'decommissioned') "
                + "AND (state <> 'failed' OR next_retry_at <= ?) ORDER BY updated_at LIMIT ?",
                rs -> rs.getString(1), now, limit);
    }

    /** Nodes by role and state (null: any), by certname. */
    public List<Node> list(String role, NodeState state) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM node WHERE true");
        List<Object> params = new ArrayList<>();
        if (role != null) {
            sql.append(" AND role = ?");
            params.add(role);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state.wireName());
        }
        sql.append(" ORDER BY certname");
        return query(sql.toString(), this::read, params.toArray());
    }

    /**
     * The dashboard's nodes list, filtered by a part of the certname, a step and a role (null or blank: any), in
     * certname or pipeline-step order: one page, never the whole table.
     */
    public List<Node> page(String nameContains, NodeState state, String role, boolean byStep, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = where(nameContains, state, role, params);
        params.add(limit);
        params.add(offset);
        return query("SELECT " + COLUMNS + " FROM node" + where + " ORDER BY "
                + (byStep ? STEP_ORDER + ", certname" : "certname") + " LIMIT ? OFFSET ?", this::read,
                params.toArray());
    }

    /** How many nodes {@link #page} would list in all. */
    public long count(String nameContains, NodeState state, String role) {
        List<Object> params = new ArrayList<>();
        String where = where(nameContains, state, role, params);
        return query("SELECT count(*) FROM node" + where, rs -> rs.getLong(1), params.toArray()).get(0);
    }

    /** The certnames {@link #page} would list, for a filter the inventory applies together with this one. */
    public List<String> certnames(String nameContains, NodeState state, String role) {
        List<Object> params = new ArrayList<>();
        String where = where(nameContains, state, role, params);
        return query("SELECT certname FROM node" + where + " ORDER BY certname", rs -> rs.getString(1),
                params.toArray());
    }

    /** The named nodes (one page of them), by certname. */
    public Map<String, Node> named(java.util.Collection<String> certnames) {
        Map<String, Node> nodes = new java.util.LinkedHashMap<>();
        if (certnames.isEmpty()) {
            return nodes;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(certnames.size(), "?"));
        for (Node n : query("SELECT " + COLUMNS + " FROM node WHERE certname IN (" + marks + ")", this::read,
                certnames.toArray())) {
            nodes.put(n.certname(), n);
        }
        return nodes;
    }

    /** The pipeline's order of steps, for sorting by step rather than by the step's name. */
    private static final String STEP_ORDER = "array_position(ARRAY["
            + java.util.Arrays.stream(NodeState.values()).map(s -> "'" + s.wireName() + "'")
                    .collect(java.util.stream.Collectors.joining(", "))
            + "]::text[], state)";

    private static String where(String nameContains, NodeState state, String role, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        if (nameContains != null && !nameContains.isBlank()) {
            sql.append(" AND position(? in certname) > 0");
            params.add(nameContains.strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state.wireName());
        }
        if (role != null && !role.isBlank()) {
            sql.append(" AND role = ?");
            params.add(role.strip());
        }
        return sql.toString();
    }

    public void updateState(String certname, NodeState state, Instant now, String failureReason, int retryCount,
            Instant nextRetryAt, NodeState resumeState) {
        update("UPDATE node SET state = ?, state_changed_at = ?, updated_at = ?, failure_reason = ?, retry_count = ?, "
                + "next_retry_at = ?, resume_state = ? WHERE certname = ?", state.wireName(), now, now, failureReason,
                retryCount, nextRetryAt, resumeState == null ? null : resumeState.wireName(), certname);
    }

    public void updateClassification(String certname, String role, Map<String, Map<String, Object>> classes,
            Instant now) {
        update("UPDATE node SET role = ?, classes = ?, updated_at = ? WHERE certname = ?", role, json(classes), now,
                certname);
    }

    /** Lets an operator retry a failed node now. */
    public void retryNow(String certname, Instant now) {
        update("UPDATE node SET next_retry_at = ?, updated_at = ? WHERE certname = ?", now, now, certname);
    }

    public void appendHistory(HistoryEntry entry) {
        update("INSERT INTO node_history (certname, from_state, to_state, reason, changed_at) VALUES (?, ?, ?, ?, ?)",
                entry.certname(), entry.fromState(), entry.toState(), entry.reason(), entry.changedAt());
    }

    public List<HistoryEntry> history(String certname) {
        return query("SELECT certname, from_state, to_state, reason, changed_at FROM node_history "
                + "WHERE certname = ? ORDER BY id", rs -> new HistoryEntry(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), instant(rs, "changed_at")), certname);
    }

    /** Every role in use with how many live nodes carry it. */
    public Map<String, Integer> roleCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        query("SELECT role, count(*) FROM node WHERE role IS NOT NULL AND state <> 'decommissioned' GROUP BY role",
                rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    /** How many nodes are in each state (states without nodes are absent). */
    public Map<String, Integer> stateCounts() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        query("SELECT state, count(*) FROM node GROUP BY state", rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    private Node read(ResultSet rs) throws SQLException {
        String resume = rs.getString("resume_state");
        return new Node(rs.getString("certname"), rs.getString("address"),
                NodeKind.fromWireName(rs.getString("kind")).orElseThrow(), rs.getString("role"),
                fromJson(rs.getString("classes"), CLASSES),
                NodeState.fromWireName(rs.getString("state")).orElseThrow(), instant(rs, "state_changed_at"),
                rs.getString("failure_reason"), rs.getInt("retry_count"), instant(rs, "next_retry_at"),
                resume == null ? null : NodeState.fromWireName(resume).orElseThrow(), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
