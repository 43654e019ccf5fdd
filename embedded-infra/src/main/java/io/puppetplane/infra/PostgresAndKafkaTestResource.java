package io.puppetplane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one real PostgreSQL and one real Kafka per test JVM and points the Quarkus application at them.
 * Use with {@code @QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))}.
 * Without a {@code database} argument only Kafka is configured.
 */
public class PostgresAndKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafka kafka;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        try {
            Map<String, String> config = new java.util.HashMap<>();
            config.put("kafka.bootstrap.servers", kafka().bootstrapServers());
            if (database != null) {
                EmbeddedPostgresServer pg = postgres();
                pg.ensureDatabase(database);
                config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
                config.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
                config.put("quarkus.datasource.password", "");
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    /** The servers live until the JVM exits, so every test class of a module shares them. */
    @Override
    public void stop() {
    }

    public static synchronized EmbeddedKafka kafka() throws IOException {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(Files.createTempDirectory("test-kafka"), 0);
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgresServer postgres() throws IOException {
        if (postgres == null) {
            Path dir = Files.createTempDirectory("test-pg");
            postgres = EmbeddedPostgresServer.start(dir.resolve("data"), 0);
            EmbeddedPostgresServer started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp directory goes with the test run
                }
            }, "test-pg-stop"));
        }
        return postgres;
    }
}
