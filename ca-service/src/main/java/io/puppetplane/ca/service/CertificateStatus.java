package io.puppetplane.ca.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code certificate_status(es)}, in Puppet Server's JSON shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateStatus(
        String name,
        String state,
        @JsonProperty("dns_alt_names") List<String> dnsAltNames,
        @JsonProperty("subject_alt_names") List<String> subjectAltNames,
        @JsonProperty("authorization_extensions") Map<String, String> authorizationExtensions,
        String fingerprint,
        Map<String, String> fingerprints,
        @JsonProperty("not_before") String notBefore,
        @JsonProperty("not_after") String notAfter,
        @JsonProperty("serial_number") java.math.BigInteger serialNumber) {
}
