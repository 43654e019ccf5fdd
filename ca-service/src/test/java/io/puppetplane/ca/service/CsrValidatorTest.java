package io.puppetplane.ca.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import io.puppetplane.ca.e2e.TestCsrs;

class CsrValidatorTest {

    private final CsrValidator strict = CertificateProfileTest.validator(false);

    @Test
    void acceptsAnAgentCsrAndReadsItsChallengePassword() throws Exception {
        ValidatedCsr csr = strict.validate("db1.example.com", TestCsrs.csr("db1.example.com", "s3cr3t", null));
        assertEquals("s3cr3t", csr.challengePassword().orElseThrow(), "challengePassword read");
    }

    @Test
    void refusesNamesPuppetRefuses() {
        for (String bad : new String[] { "Web.example.com", "*.example.com", "web-", "a..b", "a b", "" }) {
            CaRequestException e = assertThrows(CaRequestException.class, () -> Certname.require(bad), bad);
            assertEquals(400, e.status(), "400 for " + bad);
        }
        assertEquals("web_1.example-2.com", Certname.require("web_1.example-2.com"), "valid name accepted");
    }

    @Test
    void refusesCommonNameMismatchAndGarbage() throws Exception {
        String pem = TestCsrs.csr("a.example.com", null, null);
        assertTrue(assertThrows(CaRequestException.class, () -> strict.validate("b.example.com", pem)).getMessage()
                .contains("does not match"), "CN mismatch explained");
        assertEquals(400, assertThrows(CaRequestException.class, () -> strict.validate("a.example.com", "junk"))
                .status(), "garbage is a 400");
    }

    @Test
    void refusesDnsAltNamesUnlessAllowed() throws Exception {
        String pem = csrWith("web.example.com", new Extension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "web.example.com"),
                        new GeneralName(GeneralName.dNSName, "puppet") }).getEncoded()));
        assertThrows(CaRequestException.class, () -> strict.validate("web.example.com", pem), "SANs refused");
        ValidatedCsr allowed = CertificateProfileTest.validator(true).validate("web.example.com", pem);
        assertEquals(java.util.List.of("DNS:puppet"), allowed.altNameLabels(), "extra SAN kept when allowed");
    }

    @Test
    void refusesPpCliAuthAndForeignExtensions() throws Exception {
        String cliAuth = csrWith("x.example.com", new Extension(new ASN1ObjectIdentifier(PuppetOids.PP_CLI_AUTH), false,
                new DERUTF8String("true").getEncoded()));
        assertTrue(assertThrows(CaRequestException.class, () -> strict.validate("x.example.com", cliAuth))
                .getMessage().contains("pp_cli_auth"), "pp_cli_auth can never be requested");
        String foreign = csrWith("x.example.com", new Extension(Extension.basicConstraints, true,
                new org.bouncycastle.asn1.x509.BasicConstraints(true).getEncoded()));
        assertThrows(CaRequestException.class, () -> strict.validate("x.example.com", foreign),
                "a CSR asking to be a CA is refused");
    }

    private static String csrWith(String cn, Extension extension) throws Exception {
        KeyPair keys = CaCertificateFactory.generateKeyPair("RSA", 2048);
        ExtensionsGenerator generator = new ExtensionsGenerator();
        generator.addExtension(extension);
        return PemCodec.write(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + cn), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, generator.generate())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
