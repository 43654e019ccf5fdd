package io.puppetplane.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.events.payload.CertificateSigned;
import io.smallrye.common.annotation.Blocking;

/** A consumer as a service would write one: its effect is a row per signed certificate. */
@ApplicationScoped
public class SignedCertificateLedger {

    private final Map<String, Integer> deliveriesByValue = new ConcurrentHashMap<>();
    private final InboxGuard inbox;
    private final AgroalDataSource dataSource;

    SignedCertificateLedger(InboxGuard inbox, AgroalDataSource dataSource) {
        this.inbox = inbox;
        this.dataSource = dataSource;
    }

    @Incoming("certificates-in")
    @Blocking
    public void onRecord(String value) {
        inbox.applyOnce("ledger", value, event -> record(event.payload(CertificateSigned.class).certname(), event.id()));
        deliveriesByValue.merge(value, 1, Integer::sum);
    }

    int deliveries(String value) {
        return deliveriesByValue.getOrDefault(value, 0);
    }

    private void record(String certname, String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO signed_ledger VALUES (?, ?)")) {
            ps.setString(1, certname);
            ps.setString(2, eventId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
