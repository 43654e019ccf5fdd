package io.puppetplane.enrollment.operator.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.enrollment.node.repository.JdbcRepository;
import io.puppetplane.events.payload.OperatorActionRecorded;

/** The operator_action table: the audit trail, newest first. */
@Singleton
public class OperatorActionRepository extends JdbcRepository {

    OperatorActionRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        super(dataSource, mapper);
    }

    public void insert(OperatorActionRecorded action) {
        update("INSERT INTO operator_action (actor, actor_role, action, target, outcome, detail, client_address, at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", action.actor(), action.actorRole(), action.action(),
                action.target(), action.outcome(), action.detail(), action.clientAddress(), action.at());
    }

    /** The newest {@code limit} entries, of {@code target} alone when it is not null. */
    public List<OperatorAction> recent(String target, int limit) {
        if (target == null) {
            return query("SELECT * FROM operator_action ORDER BY id DESC LIMIT ?", OperatorActionRepository::read,
                    limit);
        }
        return query("SELECT * FROM operator_action WHERE target = ? ORDER BY id DESC LIMIT ?",
                OperatorActionRepository::read, target, limit);
    }

    private static OperatorAction read(ResultSet rs) throws SQLException {
        return new OperatorAction(rs.getLong("id"), rs.getString("actor"), rs.getString("actor_role"),
                rs.getString("action"), rs.getString("target"), rs.getString("outcome"), rs.getString("detail"),
                rs.getString("client_address"), instant(rs, "at"));
    }
}
