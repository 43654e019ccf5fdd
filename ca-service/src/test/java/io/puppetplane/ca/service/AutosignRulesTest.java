package io.puppetplane.ca.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutosignRulesTest {

    @TempDir
    Path temp;

    @Test
    void cidrRangesMatchV4AndV6() throws Exception {
        assertTrue(CidrRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.1.200.3")), "inside /16");
        assertFalse(CidrRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.2.0.1")), "outside /16");
        assertTrue(CidrRange.parse("::1/128").contains(InetAddress.getByName("::1")), "IPv6 loopback");
        assertFalse(CidrRange.parse("127.0.0.0/8").contains(InetAddress.getByName("::1")), "families differ");
    }

    @Test
    void autosignConfFollowsPuppetGlobRules() {
        List<String> conf = List.of("# comment", "", "exact.example.com", "*.lab.example", "bad entry",
                "trailing.example.com ", "*.foo*");
        assertEquals(Optional.of("exact.example.com"), AutosignConfMatcher.firstMatch(conf, "exact.example.com"),
                "exact name");
        assertTrue(AutosignConfMatcher.firstMatch(conf, "a.b.lab.example").isPresent(), "glob spans labels");
        assertTrue(AutosignConfMatcher.firstMatch(conf, "lab.example").isPresent(), "*.dom matches dom itself");
        assertTrue(AutosignConfMatcher.firstMatch(conf, "EXACT.example.com").isPresent(), "case-insensitive");
        assertFalse(AutosignConfMatcher.firstMatch(conf, "trailing.example.com").isPresent(),
                "trailing whitespace breaks an entry, as in Puppet");
        assertFalse(AutosignConfMatcher.firstMatch(conf, "x.foo1").isPresent(), "inner * is invalid");
        assertTrue(AutosignConfMatcher.firstMatch(List.of("*"), "anything").isPresent(), "lone * matches all");
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        RequesterAddress behindProxy = new RequesterAddress(List.of("10.0.0.5/32"));
        assertEquals(InetAddress.getByName("192.0.2.7"),
                behindProxy.resolve("10.0.0.5", "198.51.100.1, 192.0.2.7").orElseThrow(),
                "right-most untrusted hop from a trusted proxy");
        assertEquals(InetAddress.getByName("10.9.9.9"), behindProxy.resolve("10.9.9.9", "192.0.2.7").orElseThrow(),
                "an untrusted peer cannot claim another address");
    }

    @Test
    void policyExecutableSignsOnExitZeroReadsStdinAndIsBounded() throws Exception {
        Path approve = script("approve.sh", "#!/bin/sh\ngrep -q 'BEGIN CERTIFICATE REQUEST' && [ \"$1\" = ok.example ]\n");
        assertTrue(PolicyExecutable.run(approve, "ok.example", "-----BEGIN CERTIFICATE REQUEST-----\n",
                Duration.ofSeconds(10)).sign(), "exit 0 signs");
        assertFalse(PolicyExecutable.run(approve, "no.example", "-----BEGIN CERTIFICATE REQUEST-----\n",
                Duration.ofSeconds(10)).sign(), "non-zero exit leaves it pending");
        Path slow = script("slow.sh", "#!/bin/sh\nsleep 30\n");
        long start = System.nanoTime();
        PolicyExecutable.Verdict verdict = PolicyExecutable.run(slow, "x", "", Duration.ofMillis(500));
        assertFalse(verdict.sign(), "a hung policy is a no");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "and is stopped quickly");
    }

    private Path script(String name, String body) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
