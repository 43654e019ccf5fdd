package io.puppetplane.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

/**
 * Builds a service's image as a tar file ({@code docker load}, {@code podman load}, {@code skopeo copy
 * docker-archive:…}) with Jib, so no Docker daemon is needed. The base is whatever JDK 17 image the user names:
 * {@code REGISTRY/IMAGE[:TAG]}, {@code docker://IMAGE} (a local daemon's) or {@code tar:///path/image.tar}.
 * Layers, least often changed first: launcher, dependencies, Quarkus' generated code, the application.
 */
public final class ServiceImageBuilder {

    /** Uid the services run as: not root, and the uid of the JDK images Quarkus' own Dockerfiles use. */
    public static final String USER = "185";

    private final String base;
    private final Path cache;
    private final Consumer<String> log;

    /**
     * @param base the base image reference (see the class comment)
     * @param cache where Jib keeps base and application layers between builds
     */
    public ServiceImageBuilder(String base, Path cache, Consumer<String> log) {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("a base image is required: a JDK 17 image such as "
                    + "eclipse-temurin:17-jre, docker://IMAGE or tar:///path/image.tar");
        }
        this.base = base;
        this.cache = cache;
        this.log = log;
    }

    /**
     * Writes {@code service}'s image, named {@code reference}, to {@code tar}; returns its digest. A trainable service
     * is built twice when {@code train}: its class-data archive is trained by the first image's JVM and added to the
     * second ({@link ClassDataTraining}).
     */
    public String build(ServiceImage service, Path home, String reference, Path tar, boolean train)
            throws IOException {
        String digest = build(service, home, reference, tar, Optional.empty());
        if (!train || !service.trainable()) {
            return digest;
        }
        try {
            Path archive = ClassDataTraining.train(service, tar, cache.resolve("training").resolve(service.module()),
                    service.jvmOptions(home), log);
            return build(service, home, reference, tar, Optional.of(archive));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while training " + reference, e);
        }
    }

    private String build(ServiceImage service, Path home, String reference, Path tar, Optional<Path> classData)
            throws IOException {
        Path application = service.application(home);
        if (!Files.exists(application)) {
            throw new IOException(service.module() + " is not packaged: " + application
                    + " is missing (run ./mvnw -B -DskipTests package first)");
        }
        Path bin = Files.createDirectories(cache.resolve("bin").resolve(service.module()));
        try {
            JibContainerBuilder image = Jib.from(base)
                    .setFormat(ImageFormat.Docker)
                    .setUser(USER)
                    .setWorkingDirectory(AbsoluteUnixPath.get(ServiceImage.DEPLOYMENTS))
                    .addEnvironmentVariable("PUPPETPLANE_JAR", service.jarInImage())
                    .setEntrypoint(ServiceImage.DEPLOYMENTS + "/bin/run")
                    .setProgramArguments(List.of())
                    .addLabel("org.opencontainers.image.title", "puppetplane " + service.module());
            service.ports().forEach(p -> image.addExposedPort(Port.tcp(p)));
            for (FileEntriesLayer layer : layers(service, home, bin)) {
                image.addFileEntriesLayer(layer);
            }
            if (classData.isPresent()) {
                image.addFileEntriesLayer(FileEntriesLayer.builder().setName("class-data")
                        .addEntry(classData.get(), AbsoluteUnixPath.get(service.archiveInImage())).build());
            }
            Files.createDirectories(tar.toAbsolutePath().getParent());
            JibContainer built = image.containerize(Containerizer.to(TarImage.at(tar).named(reference))
                    .setBaseImageLayersCache(cache.resolve("base"))
                    .setApplicationLayersCache(cache.resolve("application"))
                    .setToolName("puppetplane-service-images")
                    .addEventHandler(LogEvent.class, e -> {
                        if (e.getLevel().ordinal() <= LogEvent.Level.LIFECYCLE.ordinal()) {
                            log.accept(service.module() + ": " + e.getMessage());
                        }
                    }));
            return built.getDigest().toString();
        } catch (InvalidImageReferenceException e) {
            throw new IOException("not an image reference: " + e.getMessage(), e);
        } catch (RegistryException | CacheDirectoryCreationException e) {
            throw new IOException("could not build " + reference + " on " + base + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new IOException("could not build " + reference + " on " + base + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building " + reference, e);
        }
    }

    private static List<FileEntriesLayer> layers(ServiceImage service, Path home, Path bin) throws IOException {
        Path application = service.application(home);
        AbsoluteUnixPath deployments = AbsoluteUnixPath.get(ServiceImage.DEPLOYMENTS);
        FileEntriesLayer.Builder launcher = FileEntriesLayer.builder().setName("launcher");
        launcher.addEntry(resource("run", bin), deployments.resolve("bin/run"), FilePermissions.fromOctalString("755"));
        if (service == ServiceImage.CA) {
            // the operator CLI, which the chart's init containers run to get each pod's server certificate
            launcher.addEntry(home.resolve("ca-service/bin/puppetplane-ca"), deployments.resolve("bin/puppetplane-ca"),
                    FilePermissions.fromOctalString("755"));
        }
        List<FileEntriesLayer> layers = new ArrayList<>();
        layers.add(launcher.build());
        if (service.layout() == ServiceImage.Layout.UBER_JAR) {
            layers.add(FileEntriesLayer.builder().setName("application")
                    .addEntry(application, AbsoluteUnixPath.get(service.jarInImage())).build());
            return layers;
        }
        AbsoluteUnixPath app = deployments.resolve("quarkus-app");
        for (Map.Entry<String, List<String>> layer : List.of(
                Map.entry("dependencies", List.of("lib")),
                Map.entry("quarkus", List.of("quarkus")),
                Map.entry("application", List.of("app", "quarkus-run.jar", "quarkus-app-dependencies.txt")))) {
            FileEntriesLayer.Builder builder = FileEntriesLayer.builder().setName(layer.getKey());
            for (String path : layer.getValue()) {
                if (Files.exists(application.resolve(path))) {
                    builder.addEntryRecursive(application.resolve(path), app.resolve(path));
                }
            }
            layers.add(builder.build());
        }
        return layers;
    }

    /** A launcher script from this module's resources, as a file Jib can add. */
    private static Path resource(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = ServiceImageBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the build");
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }
}
