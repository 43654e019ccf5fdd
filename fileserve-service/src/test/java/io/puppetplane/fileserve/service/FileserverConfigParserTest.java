package io.puppetplane.fileserve.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.puppetplane.trust.ClientIdentity;

class FileserverConfigParserTest {

    private static final String CONF = """
            # keys for the eucalyptus nodes
            [eucakeys]
              path /srv/keys      # trailing comment
              deny outsider.example.com
              deny 10.9.0.0/16
              allow 10.0.0.0/8, 192.168.1.*
              allow *.cloud.example.com
              allow_ext pp_role=nc
              allow_role cc

            [per_node]
              path /srv/nodes/%d/%h/%%
              allow /^web\\d+\\./
            """;

    @Test
    void parsesMountsPathsAndRulesInFileOrder() throws Exception {
        MountTable table = FileserverConfigParser.parse(CONF, "fileserver.conf");

        assertEquals(2, table.mounts().size(), "two mounts");
        MountDefinition keys = table.mount("eucakeys").orElseThrow();
        assertEquals("/srv/keys", keys.path().template(), "trailing comment stripped");
        assertEquals(7, keys.rules().size(), "comma lists become one rule per value");
        assertEquals("deny outsider.example.com", keys.rules().get(0).text(), "rule text kept for messages");
        assertEquals(4, keys.rules().get(0).line(), "line number kept");
    }

    @Test
    void denyBeatsAllowWhateverTheOrder() throws Exception {
        MountDefinition keys = FileserverConfigParser.parse(CONF, "fileserver.conf").mount("eucakeys").orElseThrow();

        AccessDecision decision = keys.decide(request("outsider.example.com", "10.1.2.3", Map.of(), null));

        assertFalse(decision.allowed(), "certname deny wins over the CIDR allow");
        assertEquals("deny outsider.example.com (fileserver.conf:4)", decision.rule(), "names the deciding rule");
        assertFalse(keys.decide(request("nc1.cloud.example.com", "10.9.1.1", Map.of(), null)).allowed(),
                "CIDR deny wins over the certname-glob allow");
    }

    @Test
    void allowsByCidrWildcardGlobExtensionAndRole() throws Exception {
        MountDefinition keys = FileserverConfigParser.parse(CONF, "fileserver.conf").mount("eucakeys").orElseThrow();

        assertTrue(keys.decide(request("a.example.org", "10.200.0.1", Map.of(), null)).allowed(), "CIDR");
        assertTrue(keys.decide(request("a.example.org", "192.168.1.77", Map.of(), null)).allowed(), "IP wildcard");
        assertTrue(keys.decide(request("nc7.cloud.example.com", "172.16.0.1", Map.of(), null)).allowed(), "glob");
        assertTrue(keys.decide(request("x.example.org", "172.16.0.1", Map.of("pp_role", "nc"), null)).allowed(),
                "certificate extension");
        assertTrue(keys.decide(request("y.example.org", "172.16.0.1", Map.of(), "cc")).allowed(), "enrollment role");
    }

    @Test
    void refusesByDefault() throws Exception {
        MountDefinition keys = FileserverConfigParser.parse(CONF, "fileserver.conf").mount("eucakeys").orElseThrow();

        AccessDecision decision = keys.decide(request("x.example.org", "172.16.0.1", Map.of("pp_role", "web"), "sc"));

        assertFalse(decision.allowed(), "nothing matches");
        assertEquals(AccessDecision.DEFAULT_DENY, decision.rule(), "the default decided");
    }

    @Test
    void globAndIpv6AreExactAboutWhatTheyCover() throws Exception {
        MountDefinition mount = FileserverConfigParser.parse("""
                [m]
                path /srv
                allow *.example.com
                allow ::1
                """, "f.conf").mount("m").orElseThrow();

        assertFalse(mount.decide(request("example.com.evil.org", "172.16.0.1", Map.of(), null)).allowed(),
                "a glob is anchored at both ends");
        assertTrue(mount.decide(request("EVIL.example.com", "172.16.0.1", Map.of(), null)).allowed(),
                "names compare case-insensitively");
        assertTrue(mount.decide(request("v6.example.org", "::1", Map.of(), null)).allowed(), "IPv6 literal");
        assertFalse(mount.decide(request("v6.example.org", "127.0.0.1", Map.of(), null)).allowed(),
                "IPv4 never matches an IPv6 rule");
    }

    @Test
    void regexMatchesTheCertname() throws Exception {
        MountDefinition mount = FileserverConfigParser.parse(CONF, "fileserver.conf").mount("per_node").orElseThrow();

        assertTrue(mount.decide(request("web12.example.com", "10.0.0.1", Map.of(), null)).allowed(), "regex match");
        assertFalse(mount.decide(request("db1.example.com", "10.0.0.1", Map.of(), null)).allowed(), "no match");
    }

    @Test
    void relativePathIsTakenFromTheConfigFilesDirectory() throws Exception {
        MountTable table = FileserverConfigParser.parse("[keys]\npath keys/%H\nallow *\n", "fileserver.conf",
                java.nio.file.Path.of("/srv/site"));

        assertEquals("/srv/site/keys/%H", table.mount("keys").orElseThrow().path().template(),
                "relative to the directory of fileserver.conf, escapes kept");
    }

    @Test
    void exampleSiteConfigServesItsKeysToLoopbackNodes() throws Exception {
        java.nio.file.Path conf = java.nio.file.Path.of("../deploy/local/example-code/fileserver.conf");
        MountTable table = FileserverConfigParser.parse(java.nio.file.Files.readString(conf), "fileserver.conf",
                conf.toAbsolutePath().getParent());

        MountDefinition keys = table.mount("eucakeys").orElseThrow();
        assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(keys.path().template(), "node-pk.pem")),
                "the keys mount holds the files the certs class fetches");
        assertTrue(keys.decide(request("nc1.example.com", "127.0.0.1", Map.of(), null)).allowed(), "loopback node");
        assertFalse(keys.decide(request("nc1.example.com", "10.0.0.1", Map.of(), null)).allowed(), "anyone else");
    }

    @Test
    void reportsMistakesWithFileAndLine() {
        assertError("[m]\npath /srv\nallow = *\n", "f.conf:3: write 'keyword value' without '='");
        assertError("[m]\npath /srv\npermit *\n", "f.conf:3: unknown keyword 'permit'");
        assertError("path /srv\n", "f.conf:1: 'path' outside of a [mount] section");
        assertError("[bad name]\npath /srv\n", "f.conf:1: invalid mount name 'bad name'");
        assertError("[modules]\npath /srv\n", "f.conf:1: mount 'modules' is built in");
        assertError("[m]\nallow *\n", "f.conf:1: mount 'm' has no path");
        assertError("[m]\npath srv\n", "f.conf:2: path must be absolute");
        assertError("[m]\npath /srv/%x\n", "f.conf:2: unknown escape");
        assertError("[m]\npath /srv\nallow 10.0.0.0/33\n", "f.conf:3: prefix length out of range");
        assertError("[m]\npath /srv\nallow 300.1.1.1\n", "f.conf:3: '300.1.1.1' is not an IP address");
        assertError("[m]\npath /srv\nallow_ext role\n", "f.conf:3: expected NAME=VALUE");
        assertError("[m]\npath /srv\nallow /([/\n", "f.conf:3: invalid regular expression");
        assertError("[m]\npath /srv\nallow a b\n", "f.conf:3: 'a b' is neither");
        assertError("[m]\npath /srv\n[m]\npath /srv\n", "f.conf:3: mount 'm' is defined twice");
    }

    private static void assertError(String conf, String expectedStart) {
        FileserverConfigException e = assertThrows(FileserverConfigException.class,
                () -> FileserverConfigParser.parse(conf, "f.conf"), "must refuse: " + conf);
        assertTrue(e.getMessage().startsWith(expectedStart), "message '" + e.getMessage() + "' should start with '"
                + expectedStart + "'");
    }

    static AccessRequest request(String certname, String ip, Map<String, String> extensions, String role)
            throws Exception {
        return new AccessRequest(new ClientIdentity(certname, BigInteger.ONE, extensions), InetAddress.getByName(ip),
                Optional.ofNullable(role));
    }
}
