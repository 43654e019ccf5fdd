package io.puppetplane.trust;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who is calling, taken only from the verified TLS client certificate, never from what the client claims.
 *
 * @param certname   the certificate's subject CN
 * @param serial     the certificate's serial number (what revocation is keyed on)
 * @param extensions the Puppet extensions, keyed by {@code pp_*} short name or dotted OID, in OID order
 */
public record ClientIdentity(String certname, BigInteger serial, Map<String, String> extensions) {

    public ClientIdentity {
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** Reads the CN, serial and Puppet extensions of {@code certificate}. */
    public static ClientIdentity of(X509Certificate certificate) {
        return new ClientIdentity(commonName(certificate), certificate.getSerialNumber(),
                PuppetExtensions.of(certificate));
    }

    /** The certname up to its first dot. */
    public String hostname() {
        int dot = certname.indexOf('.');
        return dot < 0 ? certname : certname.substring(0, dot);
    }

    /** The certname after its first dot; empty when it has none ({@code $trusted['domain']} is then undef). */
    public Optional<String> domain() {
        int dot = certname.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(certname.substring(dot + 1));
    }

    /** One extension by short name ({@code pp_role}) or dotted OID, whichever way it is keyed. */
    public Optional<String> extension(String nameOrOid) {
        String value = extensions.get(nameOrOid);
        if (value == null) {
            value = extensions.get(PuppetExtensions.keyOf(PuppetExtensions.oidOf(nameOrOid)));
        }
        return Optional.ofNullable(value);
    }

    /**
     * Puppet's {@code $trusted} hash for a remote, authenticated node: authenticated, certname, hostname, domain
     * (null without a dot), extensions and an empty external.
     */
    public Map<String, Object> trustedFacts() {
        Map<String, Object> trusted = new LinkedHashMap<>();
        trusted.put("authenticated", "remote");
        trusted.put("certname", certname);
        trusted.put("domain", domain().orElse(null));
        trusted.put("extensions", new LinkedHashMap<String, Object>(extensions));
        trusted.put("external", new LinkedHashMap<String, Object>());
        trusted.put("hostname", hostname());
        return trusted;
    }

    private static String commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return "";
        } catch (InvalidNameException e) {
            return "";
        }
    }
}
