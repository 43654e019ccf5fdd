package io.puppetplane.enrollment.operator.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.enrollment.node.repository.JdbcRepository;

/** The operator_account table. */
@Singleton
public class OperatorAccountRepository extends JdbcRepository {

    OperatorAccountRepository(AgroalDataSource dataSource, ObjectMapper mapper) {
        super(dataSource, mapper);
    }

    public Optional<OperatorAccount> find(String name) {
        return query("SELECT * FROM operator_account WHERE name = ?", OperatorAccountRepository::read, name).stream()
                .findFirst();
    }

    public List<OperatorAccount> list() {
        return query("SELECT * FROM operator_account ORDER BY name", OperatorAccountRepository::read);
    }

    public long count() {
        return query("SELECT count(*) FROM operator_account", rs -> rs.getLong(1)).get(0);
    }

    /** Inserts the account; false when the name is taken. */
    public boolean insert(OperatorAccount account) {
        return update("INSERT INTO operator_account (name, role, password_hash, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING", account.name(), account.role().wireName(),
                account.passwordHash(), account.createdAt(), account.updatedAt()) == 1;
    }

    public boolean update(String name, OperatorRole role, String passwordHash, Instant now) {
        return update("UPDATE operator_account SET role = ?, password_hash = ?, updated_at = ? WHERE name = ?",
                role.wireName(), passwordHash, now, name) == 1;
    }

    public boolean delete(String name) {
        return update("DELETE FROM operator_account WHERE name = ?", name) == 1;
    }

    /** Admins other than {@code name}, locked so two concurrent removals cannot leave none. */
    public long lockOtherAdmins(String name) {
        return query("SELECT name FROM operator_account WHERE role = 'admin' AND name <> ? FOR UPDATE",
                rs -> rs.getString(1), name).size();
    }

    private static OperatorAccount read(ResultSet rs) throws SQLException {
        return new OperatorAccount(rs.getString("name"), OperatorRole.fromWireName(rs.getString("role")).orElseThrow(),
                rs.getString("password_hash"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
