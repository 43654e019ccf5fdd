package io.puppetplane.enrollment.certificate.service;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of the CA's {@code certificate_statuses}, the fields the dashboard shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificateEntry(String name, String state, String fingerprint,
        @JsonProperty("dns_alt_names") List<String> dnsAltNames,
        @JsonProperty("not_before") String notBefore,
        @JsonProperty("not_after") String notAfter,
        @JsonProperty("serial_number") BigInteger serialNumber,
        @JsonProperty("authorization_extensions") Map<String, String> authorizationExtensions) {

    /**
     * A certificate of the plane itself (a service's, the CA CLI's): it carries pp_cli_auth. The dashboard offers no
     * revoke for those, as revoking one cuts the plane's own services off; the CA's CLI still can.
     */
    public boolean planeCertificate() {
        return authorizationExtensions != null && authorizationExtensions.entrySet().stream()
                .anyMatch(e -> e.getKey().endsWith("pp_cli_auth") && "true".equals(e.getValue()));
    }

    public String altNames() {
        return dnsAltNames == null ? "" : String.join(", ", dnsAltNames);
    }
}
