package io.puppetplane.ca.e2e;

import java.security.KeyPair;
import java.security.KeyPairGenerator;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.puppetplane.ca.service.PemCodec;

/** CSRs built the way the agent builds them, with optional challengePassword, pp_role and pp_auth_auto_renew. */
public final class TestCsrs {

    private TestCsrs() {
    }

    public static String csr(String cn, String challengePassword, String role) throws Exception {
        return csr(cn, challengePassword, role, false);
    }

    /** @param renewsItself adds pp_auth_auto_renew=true as Puppet 8 agents do (PrintableString in a SET) */
    public static String csr(String cn, String challengePassword, String role, boolean renewsItself)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=" + cn), keys.getPublic());
        if (challengePassword != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
                    new DERPrintableString(challengePassword));
        }
        if (renewsItself) {
            builder.addAttribute(new ASN1ObjectIdentifier("1.3.6.1.4.1.34380.1.3.2"), new DERPrintableString("true"));
        }
        if (role != null) {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.34380.1.1.13"), false,
                    new DERUTF8String(role).getEncoded()));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        return PemCodec.write(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
