package io.puppetplane.ca.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.ca.cli.CaApiClient;
import io.puppetplane.ca.service.PemCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A site migrates from Puppet Server: agents enrolled under the old CA keep working against ca-service. */
@QuarkusTest
@TestProfile(PuppetServerImportProfile.class)
class PuppetServerImportTest {

    @Test
    void agentEnrolledUnderTheImportedCaKeepsWorking() throws Exception {
        PuppetAgent.assumeInstalled();
        Path root = ConfigProvider.getConfig().getValue("puppetplane.ca.import-from", Path.class).getParent();
        Path home = Files.createTempDirectory("agent-legacy");
        copyTree(root.resolve("agent-ssl"), home.resolve("ssl"));
        PuppetAgent agent = new PuppetAgent(home, PuppetServerCaFixture.AGENT, CaTestSupport.httpsPort());

        // Without a CRL the agent downloads ours, over TLS checked against the CA certificate it already had.
        PuppetAgent.Run run = agent.bootstrap();
        assertEquals(0, run.exitCode(), "the old agent accepts the CA's server and CRL:\n" + run.output());
        PuppetAgent.Run verify = agent.verify();
        assertEquals(0, verify.exitCode(), "puppet ssl verify passes:\n" + verify.output());

        CaApiClient admin = CaTestSupport.admin();
        JsonNode status = new ObjectMapper().readTree(admin.get("/puppet-ca/v1/certificate_status/"
                + PuppetServerCaFixture.AGENT).body());
        assertEquals("signed", status.path("state").asText(), "the imported agent is signed: " + status);
        assertEquals(3, status.path("serial_number").asInt(), "its serial is kept: " + status);

        X509CRL crl = PemCodec.readCrls(Files.readString(agent.ssldir().resolve("crl.pem"))).get(0);
        assertTrue(crl.getRevokedCertificate(BigInteger.TWO) != null, "the old CRL's revocation of serial 2 is kept");
        assertTrue(crlNumber(crl).compareTo(BigInteger.valueOf(5)) > 0, "CRL numbers continue after the old 5");

        BigInteger serverSerial = PemCodec.readCertificate(Files.readString(CaTestSupport.caDir()
                .resolve("server/cert.pem"))).getSerialNumber();
        assertTrue(serverSerial.compareTo(BigInteger.valueOf(4)) >= 0,
                "new serials continue from the old serial file (got " + serverSerial + ")");
    }

    private static BigInteger crlNumber(X509CRL crl) throws Exception {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        return ASN1Integer.getInstance(ASN1Primitive.fromByteArray(DEROctetString.getInstance(ext).getOctets()))
                .getValue();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
