package io.puppetplane.catalog.trust;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the Puppet certificate extensions (arc 1.3.6.1.4.1.34380.1) that become {@code $trusted['extensions']}:
 * registered ones by their {@code pp_*} name, private ones by OID, with string values as Puppet shows them.
 */
final class PuppetExtensions {

    private static final String REGISTERED = "1.3.6.1.4.1.34380.1.1.";
    private static final String PRIVATE = "1.3.6.1.4.1.34380.1.2.";
    private static final String AUTH = "1.3.6.1.4.1.34380.1.3.";
    private static final String[] REGISTERED_NAMES = {null, "pp_uuid", "pp_instance_id", "pp_image_name",
        "pp_preshared_key", "pp_cost_center", "pp_product", "pp_project", "pp_application", "pp_service",
        "pp_employee", "pp_created_by", "pp_environment", "pp_role", "pp_software_version", "pp_department",
        "pp_cluster", "pp_provisioner", "pp_region", "pp_datacenter", "pp_zone", "pp_network",
        "pp_securitypolicy", "pp_cloudplatform", "pp_apptier", "pp_hostname"};
    private static final Map<String, String> AUTH_NAMES = Map.of("1", "pp_authorization", "13", "pp_auth_role",
        "39", "pp_cli_auth");

    private PuppetExtensions() {
    }

    static Map<String, String> of(X509Certificate cert) {
        Set<String> oids = new TreeSet<>();
        if (cert.getNonCriticalExtensionOIDs() != null) {
            oids.addAll(cert.getNonCriticalExtensionOIDs());
        }
        if (cert.getCriticalExtensionOIDs() != null) {
            oids.addAll(cert.getCriticalExtensionOIDs());
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String oid : oids) {
            String name = nameOf(oid);
            if (name != null) {
                extensions.put(name, valueOf(cert.getExtensionValue(oid)));
            }
        }
        return extensions;
    }

    private static String nameOf(String oid) {
        if (oid.startsWith(REGISTERED)) {
            String arc = oid.substring(REGISTERED.length());
            try {
                int n = Integer.parseInt(arc);
                return n > 0 && n < REGISTERED_NAMES.length ? REGISTERED_NAMES[n] : oid;
            } catch (NumberFormatException e) {
                return oid;
            }
        }
        if (oid.startsWith(AUTH)) {
            return AUTH_NAMES.getOrDefault(oid.substring(AUTH.length()), oid);
        }
        return oid.startsWith(PRIVATE) ? oid : null;
    }

    /** The extension's value: an OCTET STRING wrapping (usually) a UTF8String; non-strings as hex. */
    private static String valueOf(byte[] der) {
        byte[] inner = contents(der);
        if (inner.length > 0 && isString(inner[0])) {
            return new String(contents(inner), StandardCharsets.UTF_8);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : inner) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static boolean isString(byte tag) {
        // UTF8String, PrintableString, IA5String, T61String, VisibleString
        return tag == 0x0c || tag == 0x13 || tag == 0x16 || tag == 0x14 || tag == 0x1a;
    }

    /** Contents of one DER TLV (definite lengths only, as DER requires). */
    private static byte[] contents(byte[] tlv) {
        if (tlv == null || tlv.length < 2) {
            return new byte[0];
        }
        int length = tlv[1] & 0xff;
        int offset = 2;
        if (length > 0x7f) {
            int bytes = length & 0x7f;
            length = 0;
            for (int i = 0; i < bytes && offset < tlv.length; i++) {
                length = (length << 8) | (tlv[offset++] & 0xff);
            }
        }
        int end = Math.min(tlv.length, offset + length);
        byte[] out = new byte[Math.max(0, end - offset)];
        System.arraycopy(tlv, offset, out, 0, out.length);
        return out;
    }
}
