package io.puppetplane.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A copy of the example site for tests that apply its {@code certs} class for real. The site's own code is
 * unchanged; added are only these (compiled for an nc node by Ruby Puppet 7.23 and by our compiler to the same
 * catalog; Ruby's local compiler has no client certificate, so that check keyed on the fqdn fact instead of
 * {@code trusted.certname}):
 * <ul>
 * <li>a per-node Hiera level ({@code data/nodes/%{trusted.certname}.yaml}) giving each named node
 *     {@code certs::keydir} under the test's temporary directory;</li>
 * <li>{@code manifests/zz_test_keys.pp}: a collector override that, for those nodes only, sets {@code noop => false}
 *     and an owner that exists here on the resources tagged {@code certs}. The agents run with {@code --noop}, so
 *     every other resource (packages, services, execs, the site's files under /etc) stays simulated;</li>
 * <li>fileserver.conf allowing the {@code eucakeys} mount to 127.0.0.1/32 and ::1/128 only, so an agent dialing from 127.0.0.2
 *     is outside the allowed CIDR.</li>
 * </ul>
 */
record KeysTestSite(Path codeDir, Path keysRoot, Path agentKeysRoot) {

    static KeysTestSite copyOf(Path exampleCode, Path target, List<String> keyNodes, Path keysRoot, String owner)
            throws IOException {
        return copyOf(exampleCode, target, keyNodes, keysRoot, keysRoot, owner);
    }

    /**
     * As above, for agents that see {@code keysRoot} at another path ({@code agentKeysRoot}): puppet 8 agents run
     * chrooted in the Debian 13 root.
     */
    static KeysTestSite copyOf(Path exampleCode, Path target, List<String> keyNodes, Path keysRoot,
            Path agentKeysRoot, String owner) throws IOException {
        copyTree(exampleCode, target);
        Path env = target.resolve("environments/production");
        Files.writeString(env.resolve("hiera.yaml"), """
                ---
                version: 5
                defaults:
                  datadir: data
                  data_hash: yaml_data
                hierarchy:
                  - name: "Per node (test)"
                    path: "nodes/%{trusted.certname}.yaml"
                  - name: "Per role"
                    path: "roles/%{facts.role}.yaml"
                  - name: "Common"
                    path: "common.yaml"
                """);
        KeysTestSite site = new KeysTestSite(target, keysRoot, agentKeysRoot);
        Files.createDirectories(env.resolve("data/nodes"));
        for (String node : keyNodes) {
            Files.writeString(env.resolve("data/nodes/" + node + ".yaml"),
                    "---\ncerts::keydir: '" + agentKeysRoot.resolve(node) + "'\n");
        }
        Files.createDirectories(keysRoot);
        String names = keyNodes.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        Files.writeString(env.resolve("manifests/zz_test_keys.pp"), """
                # Test scaffolding: these nodes apply the certs class for real (agents run in --noop).
                if $trusted['certname'] in [%s] {
                  File <| tag == 'certs' |> {
                    noop  => false,
                    owner => '%s',
                  }
                }
                """.formatted(names, owner));
        Files.writeString(target.resolve("fileserver.conf"), """
                # Test copy: only agents connecting from 127.0.0.1 (or ::1, which Debian 13's agent dials for
                # localhost) may read the keys.
                [eucakeys]
                  path keys
                  allow 127.0.0.1/32
                  allow ::1/128
                """);
        return site;
    }

    /**
     * Where a node's {@code certs} class puts its keys, as this process sees it (created by the agent's run, not by
     * the test).
     */
    Path keyDirectoryOf(String certname) {
        return keysRoot.resolve(certname);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                try {
                    Path dest = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
