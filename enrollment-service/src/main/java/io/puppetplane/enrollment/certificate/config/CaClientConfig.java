package io.puppetplane.enrollment.certificate.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How this service reaches ca-service's admin API. The client certificate is this service's own
 * ({@code puppetplane.tls.cert-file}, {@code key-file}, {@code ca-file}); it carries pp_cli_auth=true.
 */
@ConfigMapping(prefix = "puppetplane.enrollment.ca")
public interface CaClientConfig {

    /** Base URL of ca-service. Default {@code https://localhost:8141}. */
    @WithDefault("https://localhost:8141")
    String url();

    /**
     * Path that issues a one-time enrollment token for {@code {certname}} on POST; the answer is either
     * {@code {"token": "..."}} or the token as plain text.
     */
    @WithDefault("/puppet-ca/v1/enrollment_token/{certname}")
    String tokenPath();

    /** Whole request. Default 10 s. */
    @WithDefault("PT10S")
    Duration timeout();
}
