package io.puppetplane.ca.e2e;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.puppetplane.ca.service.CaKeyMaterial;
import io.puppetplane.ca.service.CrlSigner;
import io.puppetplane.ca.service.PemCodec;

/**
 * A Puppet-Server-style CA directory made with the openssl CLI (an independent implementation): ca_crt.pem,
 * ca_key.pem (PKCS#1), serial, inventory.txt, signed/legacy1.example.com.pem (serial 3) and a ca_crl.pem that
 * already revokes serial 2. Next to it, {@code agent-ssl/} is the ssldir of the agent enrolled under that CA.
 */
final class PuppetServerCaFixture {

    static final String AGENT = "legacy1.example.com";

    private PuppetServerCaFixture() {
    }

    static Path create(Path root) throws IOException, InterruptedException {
        Path ca = Files.createDirectories(root.resolve("puppetserver-ca"));
        Path work = Files.createDirectories(root.resolve("work"));
        openssl(work, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key8.pem", "-out",
                ca.resolve("ca_crt.pem").toString(), "-days", "1825", "-set_serial", "1",
                "-subj", "/CN=Puppet CA: oldmaster.example.com",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-addext", "subjectKeyIdentifier=hash");
        openssl(work, "rsa", "-in", "key8.pem", "-traditional", "-out", ca.resolve("ca_key.pem").toString());
        openssl(work, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "agent_key.pem", "-out",
                "agent.csr", "-subj", "/CN=" + AGENT);
        Files.writeString(work.resolve("agent.ext"), "subjectAltName=DNS:" + AGENT + "\n"
                + "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=critical,serverAuth,clientAuth\n");
        Path signed = Files.createDirectories(ca.resolve("signed"));
        openssl(work, "x509", "-req", "-in", "agent.csr", "-CA", ca.resolve("ca_crt.pem").toString(), "-CAkey",
                ca.resolve("ca_key.pem").toString(), "-set_serial", "3", "-days", "365", "-extfile", "agent.ext",
                "-out", signed.resolve(AGENT + ".pem").toString());
        Files.writeString(ca.resolve("serial"), "0004\n");
        Files.writeString(ca.resolve("inventory.txt"),
                "0x0002 2026-01-01T00:00:00UTC 2031-01-01T00:00:00UTC /CN=retired.example.com\n"
                        + "0x0003 2026-01-01T00:00:00UTC 2031-01-01T00:00:00UTC /CN=" + AGENT + "\n");
        CaKeyMaterial old = new CaKeyMaterial(PemCodec.readCertificate(Files.readString(ca.resolve("ca_crt.pem"))),
                PemCodec.readPrivateKey(Files.readString(ca.resolve("ca_key.pem"))));
        Instant now = Instant.now();
        Files.writeString(ca.resolve("ca_crl.pem"), PemCodec.write(CrlSigner.sign(old,
                List.of(new CrlSigner.RevokedEntry(BigInteger.TWO, now.minus(Duration.ofDays(3)))),
                BigInteger.valueOf(5), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)))));

        Path ssl = root.resolve("agent-ssl");
        Files.createDirectories(ssl.resolve("certs"));
        Files.createDirectories(ssl.resolve("private_keys"));
        Files.copy(ca.resolve("ca_crt.pem"), ssl.resolve("certs/ca.pem"));
        Files.copy(signed.resolve(AGENT + ".pem"), ssl.resolve("certs/" + AGENT + ".pem"));
        Files.copy(work.resolve("agent_key.pem"), ssl.resolve("private_keys/" + AGENT + ".pem"));
        return ca;
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
