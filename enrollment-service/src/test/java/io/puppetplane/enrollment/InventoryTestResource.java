package io.puppetplane.enrollment;

import java.util.Map;

import io.puppetplane.enrollment.inventory.service.PuppetDbQueries;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real inventory-service for the service under test, fed by the same Kafka topics the tests publish to
 * ({@link EventFeed}), as in the plane: enrollment-service reads facts and runs from it over mutual TLS. One per test
 * JVM, started with the first test class that needs it and stopped when the JVM exits; it needs PostgreSQL and Kafka
 * from {@code PostgresAndKafkaTestResource}.
 */
public class InventoryTestResource implements QuarkusTestResourceLifecycleManager {

    private static InventoryServiceProcess inventory;

    /** The running inventory (started by the test resource). */
    public static synchronized InventoryServiceProcess inventory() {
        if (inventory == null) {
            inventory = InventoryServiceProcess.start("enrollment_inventory", Map.of());
            InventoryServiceProcess started = inventory;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-inventory-stop"));
        }
        return inventory;
    }

    /**
     * A client of an inventory that cannot be asked (a closed loopback port), for a test to install with
     * {@code QuarkusMock.installMockForType(…, PuppetDbQueries.class)}.
     */
    public static PuppetDbQueries unreachable() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return new PuppetDbQueries(java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort()),
                    java.time.Duration.ofSeconds(2), () -> {
                        throw new AssertionError("no TLS over plain HTTP");
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        return inventory().enrollmentConfig();
    }

    /** The inventory lives until the JVM exits, so every test class of the module shares it. */
    @Override
    public void stop() {
    }
}
