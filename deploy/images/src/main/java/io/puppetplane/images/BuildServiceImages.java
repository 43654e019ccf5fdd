package io.puppetplane.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The Maven build's step (phase package of this module): every service's image as {@code OUT/MODULE.tar}.
 * {@code --base} empty means no images, said in one line: a build here cannot pull any base image, so the user names
 * one with {@code -Dimage.base=…}.
 */
public final class BuildServiceImages {

    private BuildServiceImages() {
    }

    public static void main(String[] given) throws IOException {
        // Maven's exec plugin passes an empty property as null
        String[] args = Arrays.stream(given).map(a -> a == null ? "" : a).toArray(String[]::new);
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(args[i], hasValue ? args[++i] : "");
        }
        String base = options.getOrDefault("--base", "");
        String repository = options.get("--repository");
        String tag = options.get("--tag");
        Path home = options.containsKey("--home") ? Path.of(options.get("--home")) : null;
        Path out = options.containsKey("--out") ? Path.of(options.get("--out")) : null;
        if (base.isBlank()) {
            System.out.println("service images: skipped (no base image; build them with -Dimage.base=IMAGE, a JDK 17 "
                    + "image such as eclipse-temurin:17-jre, docker://IMAGE or tar:///path/image.tar)");
            return;
        }
        if (home == null || out == null || repository == null || tag == null) {
            throw new IllegalArgumentException("usage: --home DIR --base IMAGE --repository NAME --tag TAG --out DIR");
        }
        boolean train = switch (options.getOrDefault("--train", "auto")) {
            case "true" -> true;
            case "false" -> false;
            case "auto" -> HostCommand.root();
            default -> throw new IllegalArgumentException("--train takes true, false or auto, not "
                    + options.get("--train"));
        };
        if (!train) {
            System.out.println("service images: catalog-service untrained (-Dimage.train=false, or auto and not root: "
                    + "training its class-data archive runs the image under chroot)");
        }
        ServiceImageBuilder builder = new ServiceImageBuilder(base, out.resolve("jib-cache"), System.out::println);
        for (ServiceImage service : ServiceImage.values()) {
            String reference = service.reference(repository, tag);
            Path tar = out.resolve(service.module() + ".tar");
            String digest = builder.build(service, home, reference, tar, train);
            System.out.printf("service images: %s %s -> %s%n", reference, digest, tar);
        }
    }
}
