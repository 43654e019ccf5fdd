package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorSecretsTest {

    @TempDir
    Path state;

    @Test
    void madeOnceKeptPrivateAndReusedAtTheNextStart() throws Exception {
        OperatorSecrets first = OperatorSecrets.loadOrCreate(state.resolve("secrets"));
        OperatorSecrets again = OperatorSecrets.loadOrCreate(state.resolve("secrets"));

        assertEquals(first.adminPassword(), again.adminPassword(), "a restart keeps the admin's password");
        assertTrue(first.adminPassword().length() >= 12, "long enough for enrollment-service's rule");
        assertEquals("admin", first.adminName(), "the first admin's name");
        assertEquals(first.adminPassword(), Files.readString(first.passwordFile()).strip(), "password file");
        String config = Files.readString(first.configFile());
        assertTrue(config.contains("bootstrap-admin-password=") && config.contains("session.encryption-key="),
                "the service's config file holds both secrets: " + config);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.configFile())),
                "config readable by its owner only");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.passwordFile())),
                "password file readable by its owner only");
        assertEquals("admin:" + first.adminPassword(), new String(Base64.getDecoder().decode(
                first.basicAuthorization().substring("Basic ".length()))), "the Basic header carries the password");
    }

    @Test
    void anotherPlaneGetsOtherSecrets() throws Exception {
        OperatorSecrets one = OperatorSecrets.loadOrCreate(state.resolve("one"));
        OperatorSecrets two = OperatorSecrets.loadOrCreate(state.resolve("two"));

        assertTrue(!one.adminPassword().equals(two.adminPassword()), "passwords are random per plane");
    }
}
