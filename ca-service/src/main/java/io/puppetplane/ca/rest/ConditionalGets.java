package io.puppetplane.ca.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts how the CA certificate and CRL GETs were answered ({@code puppetplane_ca_downloads_total{resource, answer}},
 * answer = {@code not_modified}, {@code refreshed} (a conditional GET that got the body) or {@code sent}): whether
 * agents' daily refreshes cost a body each or a 304.
 */
@ApplicationScoped
public class ConditionalGets {

    /** What was asked for. */
    public enum Resource {
        CA_CERTIFICATE("ca_certificate"), CRL("crl");

        private final String tag;

        Resource(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;

    ConditionalGets(MeterRegistry registry) {
        this.registry = registry;
    }

    void notModified(Resource resource) {
        counter(resource, "not_modified").increment();
    }

    void sent(Resource resource, boolean conditional) {
        counter(resource, conditional ? "refreshed" : "sent").increment();
    }

    private Counter counter(Resource resource, String answer) {
        return Counter.builder("puppetplane.ca.downloads").description("CA certificate and CRL GETs by answer")
                .tag("resource", resource.tag).tag("answer", answer).register(registry);
    }
}
