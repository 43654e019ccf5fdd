package io.puppetplane.images;

import java.nio.file.Path;
import java.util.List;

/**
 * What goes into one service's image: where its packaged application lies in the build and how it starts.
 * Quarkus' fast-jar services keep Quarkus' own layer split (dependencies change less often than the application);
 * catalog-service is one jar, as deploy/local runs it, so its class-data archive can hold every class.
 */
public enum ServiceImage {
    CA("ca-service", Layout.FAST_JAR, List.of(8141, 9001)),
    /** Replicas come and go with load, so its image carries a trained class-data archive when it can. */
    CATALOG("catalog-service", Layout.UBER_JAR, List.of(8140, 9002)),
    FILESERVE("fileserve-service", Layout.FAST_JAR, List.of(8142, 9003)),
    ENROLLMENT("enrollment-service", Layout.FAST_JAR, List.of(3000, 9004)),
    INVENTORY("inventory-service", Layout.FAST_JAR, List.of(8081, 9005));

    /** How the service is packaged by its Quarkus build. */
    public enum Layout {
        FAST_JAR, UBER_JAR
    }

    /** Where the application goes in the image; the Helm chart's commands name paths below it. */
    public static final String DEPLOYMENTS = "/deployments";

    private final String module;
    private final Layout layout;
    private final List<Integer> ports;

    ServiceImage(String module, Layout layout, List<Integer> ports) {
        this.module = module;
        this.layout = layout;
        this.ports = ports;
    }

    public String module() {
        return module;
    }

    public Layout layout() {
        return layout;
    }

    /** The agent- or operator-facing port first, then the management port (health, metrics). */
    public List<Integer> ports() {
        return ports;
    }

    /** The packaged application in a built checkout: target/quarkus-app, or the one runner jar. */
    public Path application(Path home) {
        Path target = home.resolve(module).resolve("target");
        return layout == Layout.FAST_JAR ? target.resolve("quarkus-app") : target.resolve(module + "-runner.jar");
    }

    /** The jar the image's launcher runs. */
    public String jarInImage() {
        return layout == Layout.FAST_JAR ? DEPLOYMENTS + "/quarkus-app/quarkus-run.jar"
                : DEPLOYMENTS + "/" + module + "-runner.jar";
    }

    /** Whether its image is trained: a stateless service that starts without a database. */
    public boolean trainable() {
        return this == CATALOG;
    }

    /** The class-data archive beside the jar, where the image's launcher looks for it. */
    public String archiveInImage() {
        return jarInImage().replaceFirst("\\.jar$", ".jsa");
    }

    /**
     * The JVM options the service is measured and deployed with (its module's jvm.options, which the Helm chart's
     * default equals), or none: an archive is trained with them.
     */
    public String jvmOptions(Path home) throws java.io.IOException {
        Path file = home.resolve(module).resolve("jvm.options");
        if (!java.nio.file.Files.isRegularFile(file)) {
            return "";
        }
        return String.join(" ", java.nio.file.Files.readAllLines(file).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
    }

    /** {@code REPOSITORY/MODULE:TAG}, as the Helm chart composes it (without a registry). */
    public String reference(String repository, String tag) {
        return repository + "/" + module + ":" + tag;
    }
}
