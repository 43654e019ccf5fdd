package io.puppetplane.trust;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the certificate extensions Puppet exposes as {@code $trusted['extensions']}: only the three Puppet arcs
 * (ppRegCertExt 1.3.6.1.4.1.34380.1.1, ppPrivCertExt .1.2, ppAuthCertExt .1.3), keyed by the short names the agent's
 * OID table registers and by dotted OID otherwise (so pp_cli_auth, which that table lacks, stays an OID, as in Ruby).
 */
final class PuppetExtensions {

    static final String REGISTERED_ARC = "1.3.6.1.4.1.34380.1.1.";
    static final String PRIVATE_ARC = "1.3.6.1.4.1.34380.1.2.";
    static final String AUTHORIZATION_ARC = "1.3.6.1.4.1.34380.1.3.";

    private static final Map<String, String> NAMES = names();

    private PuppetExtensions() {
    }

    private static Map<String, String> names() {
        String[] registered = {"pp_uuid", "pp_instance_id", "pp_image_name", "pp_preshared_key", "pp_cost_center",
            "pp_product", "pp_project", "pp_application", "pp_service", "pp_employee", "pp_created_by",
            "pp_environment", "pp_role", "pp_software_version", "pp_department", "pp_cluster", "pp_provisioner",
            "pp_region", "pp_datacenter", "pp_zone", "pp_network", "pp_securitypolicy", "pp_cloudplatform",
            "pp_apptier", "pp_hostname", "pp_owner"};
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < registered.length; i++) {
            names.put(REGISTERED_ARC + (i + 1), registered[i]);
        }
        names.put(AUTHORIZATION_ARC + "1", "pp_authorization");
        names.put(AUTHORIZATION_ARC + "13", "pp_auth_role");
        return Collections.unmodifiableMap(names);
    }

    /** The short name of {@code oid}, or the OID itself when Puppet has no name for it. */
    static String keyOf(String oid) {
        return NAMES.getOrDefault(oid, oid);
    }

    /** The OID a short name stands for, or the argument itself (already an OID). */
    static String oidOf(String nameOrOid) {
        for (Map.Entry<String, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(nameOrOid)) {
                return e.getKey();
            }
        }
        return nameOrOid;
    }

    static boolean isPuppetArc(String oid) {
        return oid.startsWith(REGISTERED_ARC) || oid.startsWith(PRIVATE_ARC) || oid.startsWith(AUTHORIZATION_ARC);
    }

    static Map<String, String> of(X509Certificate cert) {
        Set<String> oids = new TreeSet<>(PuppetExtensions::compareOids);
        if (cert.getNonCriticalExtensionOIDs() != null) {
            oids.addAll(cert.getNonCriticalExtensionOIDs());
        }
        if (cert.getCriticalExtensionOIDs() != null) {
            oids.addAll(cert.getCriticalExtensionOIDs());
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        for (String oid : oids) {
            if (isPuppetArc(oid)) {
                extensions.put(keyOf(oid), valueOf(cert.getExtensionValue(oid)));
            }
        }
        return Collections.unmodifiableMap(extensions);
    }

    /**
     * The extension value as Puppet shows it: the DER string inside the extension's OCTET STRING, or the raw octets
     * when they are not DER (certificates signed before PUP-3560 carried plain bytes).
     */
    static String valueOf(byte[] extensionValue) {
        byte[] octets = contentOf(extensionValue, 0x04);
        if (octets == null) {
            return "";
        }
        for (int stringTag : new int[] {0x0C, 0x13, 0x16, 0x14, 0x1A}) {
            byte[] text = contentOf(octets, stringTag);
            if (text != null) {
                return new String(text, stringTag == 0x0C ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
        }
        byte[] bmp = contentOf(octets, 0x1E);
        if (bmp != null) {
            return new String(bmp, StandardCharsets.UTF_16BE);
        }
        return new String(octets, StandardCharsets.UTF_8);
    }

    /** The content of a single DER element with {@code tag} spanning all of {@code der}, or null. */
    private static byte[] contentOf(byte[] der, int tag) {
        if (der == null || der.length < 2 || (der[0] & 0xFF) != tag) {
            return null;
        }
        int length = der[1] & 0xFF;
        int offset = 2;
        if (length > 0x7F) {
            int count = length & 0x7F;
            if (count == 0 || count > 3 || der.length < 2 + count) {
                return null;
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[2 + i] & 0xFF);
            }
            offset = 2 + count;
        }
        if (offset + length != der.length) {
            return null;
        }
        byte[] content = new byte[length];
        System.arraycopy(der, offset, content, 0, length);
        return content;
    }

    private static int compareOids(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Long.compare(parse(x[i]), parse(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static long parse(String arc) {
        try {
            return Long.parseLong(arc);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
