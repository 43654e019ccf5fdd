package io.puppetplane.ca.service;

import java.util.Map;
import java.util.Optional;

/** Puppet's private OID arcs and the short names agents and trusted facts use for them. */
public final class PuppetOids {

    /** ppRegCertExt: registered extensions such as pp_role. */
    public static final String REGISTERED_ARC = "1.3.6.1.4.1.34380.1.1";
    /** ppPrivCertExt: free for site use. */
    public static final String PRIVATE_ARC = "1.3.6.1.4.1.34380.1.2";
    /** ppAuthCertExt: authorization extensions. */
    public static final String AUTHORIZATION_ARC = "1.3.6.1.4.1.34380.1.3";
    public static final String PP_CLI_AUTH = AUTHORIZATION_ARC + ".39";
    /** A CSR attribute (not an extension): the agent renews its certificate itself. */
    public static final String PP_AUTH_AUTO_RENEW = AUTHORIZATION_ARC + ".2";
    public static final String CHALLENGE_PASSWORD = "1.2.840.113549.1.9.7";
    public static final String NETSCAPE_COMMENT = "2.16.840.1.113730.1.13";
    public static final String SUBJECT_ALT_NAME = "2.5.29.17";

    private static final String[] REGISTERED = { null, "pp_uuid", "pp_instance_id", "pp_image_name",
            "pp_preshared_key", "pp_cost_center", "pp_product", "pp_project", "pp_application", "pp_service",
            "pp_employee", "pp_created_by", "pp_environment", "pp_role", "pp_software_version", "pp_department",
            "pp_cluster", "pp_provisioner", "pp_region", "pp_datacenter", "pp_zone", "pp_network", "pp_securitypolicy",
            "pp_cloudplatform", "pp_apptier", "pp_hostname", "pp_owner" };
    private static final Map<String, String> AUTHORIZATION = Map.of(AUTHORIZATION_ARC + ".1", "pp_authorization",
            AUTHORIZATION_ARC + ".13", "pp_auth_role", PP_CLI_AUTH, "pp_cli_auth");

    private PuppetOids() {
    }

    public static boolean isPuppetExtension(String oid) {
        return oid.startsWith(REGISTERED_ARC + ".") || oid.startsWith(PRIVATE_ARC + ".")
                || oid.startsWith(AUTHORIZATION_ARC + ".");
    }

    public static boolean isAuthorizationExtension(String oid) {
        return oid.startsWith(AUTHORIZATION_ARC + ".");
    }

    /** The short name of a known Puppet OID ({@code pp_role}), or the dotted OID itself. */
    public static String shortName(String oid) {
        if (oid.startsWith(REGISTERED_ARC + ".")) {
            Optional<Integer> n = parseInt(oid.substring(REGISTERED_ARC.length() + 1));
            if (n.isPresent() && n.get() > 0 && n.get() < REGISTERED.length) {
                return REGISTERED[n.get()];
            }
        }
        return AUTHORIZATION.getOrDefault(oid, oid);
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
