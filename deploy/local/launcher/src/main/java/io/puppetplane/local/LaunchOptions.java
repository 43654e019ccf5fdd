package io.puppetplane.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator asked for on the command line of {@code deploy/local/up}.
 *
 * @param home      the project checkout, where the built services are
 * @param codeDir   the Puppet code directory to serve (Puppet's layout: environments/ENV/...)
 * @param stateDir  where CA, databases, Kafka log and logs live between runs
 * @param fresh     start over: delete the state directory first
 * @param autosign  CIDR ranges whose agents are signed without an operator
 * @param catalogReplicas how many catalog-service replicas run behind the agents' endpoint (more than one: haproxy)
 */
public record LaunchOptions(Path home, Path codeDir, Path stateDir, boolean fresh, List<String> autosign,
        int catalogReplicas) {

    public static final String USAGE = """
            usage: deploy/local/up [--codedir DIR] [--state-dir DIR] [--fresh] [--autosign CIDR[,CIDR...]]
                                   [--catalog-replicas N]
              --codedir DIR     Puppet code directory to serve (default: deploy/local/example-code)
              --state-dir DIR   state kept between runs: CA, databases, Kafka log, logs (default: .state/local)
              --fresh           delete the state directory and start over
              --autosign CIDRS  autosign agents connecting from these ranges (default: 127.0.0.0/8,::1/128; 'none' disables)
              --catalog-replicas N  run N catalog-service replicas behind Debian's haproxy on port 8140 (default 1)
            """;

    public static LaunchOptions parse(Path home, String... args) {
        Path codeDir = home.resolve("deploy/local/example-code");
        Path stateDir = home.resolve(".state/local");
        boolean fresh = false;
        // Both loopbacks: Debian 13's /etc/hosts maps localhost to ::1 first, and its Ruby dials that first.
        List<String> autosign = List.of("127.0.0.0/8", "::1/128");
        int catalogReplicas = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--codedir" -> codeDir = Path.of(value(args, ++i, "--codedir"));
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, "--state-dir"));
                case "--fresh" -> fresh = true;
                case "--autosign" -> {
                    String v = value(args, ++i, "--autosign");
                    autosign = v.equals("none") ? List.of() : List.of(v.split(","));
                }
                case "--catalog-replicas" -> catalogReplicas = positive(value(args, ++i, "--catalog-replicas"));
                case "-h", "--help" -> throw new UsageException("");
                default -> throw new UsageException("unknown argument: " + args[i]);
            }
        }
        codeDir = codeDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(codeDir.resolve("environments"))) {
            throw new UsageException("--codedir " + codeDir + " has no environments/ directory (Puppet's layout: "
                    + "environments/<env>/{manifests,modules,data,hiera.yaml})");
        }
        return new LaunchOptions(home, codeDir, stateDir.toAbsolutePath().normalize(), fresh,
                new ArrayList<>(autosign), catalogReplicas);
    }

    private static int positive(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 9) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--catalog-replicas must be a number from 1 to 9, got " + value);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }

    /** A command line the launcher cannot act on; the message says why. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
