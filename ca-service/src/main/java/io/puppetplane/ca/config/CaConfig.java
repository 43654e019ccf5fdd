package io.puppetplane.ca.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the certificate authority can be told; every key lives under {@code puppetplane.ca}. */
@ConfigMapping(prefix = "puppetplane.ca")
public interface CaConfig {

    /**
     * Directory holding the CA key material ({@code ca_crt.pem}, {@code ca_key.pem}, the CA's own HTTPS certificate
     * under {@code server/} and the operator CLI's certificate under {@code admin/}). A Secret in Kubernetes.
     */
    @WithDefault("ca")
    Path dir();

    /** The CA's name; its subject becomes {@code CN=Puppet CA: <name>}. */
    @WithDefault("puppetplane")
    String name();

    /** Key algorithm of a new CA: {@code RSA} or {@code EC}. */
    @WithDefault("RSA")
    String keyType();

    /** RSA modulus bits, or the EC curve size (256 or 384). */
    @WithDefault("4096")
    int keySize();

    /** Lifetime of a new CA certificate. */
    @WithDefault("P1826D")
    Duration caTtl();

    /**
     * Lifetime of the certificates the CA signs, unless the operator gives one when signing or the agent renews its
     * own (see {@link AutoRenewal#certTtl()}).
     */
    @WithDefault("P1826D")
    Duration certTtl();

    /**
     * Names (and IP addresses) in the SAN of the CA's own HTTPS certificate, issued at first start; localhost and
     * 127.0.0.1 are always added.
     */
    @WithDefault("localhost")
    List<String> serverNames();

    /**
     * A Puppet Server CA directory ({@code ca_crt.pem}, {@code ca_key.pem}, {@code ca_crl.pem}, {@code serial},
     * {@code inventory.txt}, {@code signed/}) imported at first start instead of creating a new CA.
     */
    Optional<Path> importFrom();

    /** Largest CSR body accepted, in bytes. */
    @WithDefault("65536")
    int csrMaxBytes();

    /** Smallest RSA key accepted in a CSR. */
    @WithDefault("2048")
    int minRsaKeyBits();

    /** Whether CSRs may ask for subject alternative names beyond {@code DNS:<certname>} (agents' dns_alt_names). */
    @WithDefault("false")
    boolean allowSubjectAltNames();

    /** Whether CSRs may carry ppAuthCertExt extensions (1.3.6.1.4.1.34380.1.3.*); pp_cli_auth is never allowed. */
    @WithDefault("false")
    boolean allowAuthorizationExtensions();

    Autosign autosign();

    Crl crl();

    AutoRenewal autoRenewal();

    /**
     * {@code POST /puppet-ca/v1/certificate_renewal}, which Puppet 8 agents call when their certificate is within
     * {@code hostcert_renewal_interval} (30 days) of its end. Puppet Server's {@code allow-auto-renewal} and
     * {@code auto-renewal-cert-ttl}.
     */
    interface AutoRenewal {
        /**
         * Off by default, as in Puppet Server: switching it on also shortens the first certificate of every agent
         * that says it renews itself (Puppet 8 agents do), so a fleet's lifetimes change only when an operator
         * decides; and with it a stolen key keeps its certificate alive until someone revokes it, rather than
         * until it expires. While off the endpoint answers 404, which agents log as "not enabled" and carry on.
         */
        @WithDefault("false")
        boolean allowed();

        /**
         * Lifetime of renewed certificates, and (while renewal is allowed) of first certificates whose CSR carries
         * pp_auth_auto_renew=true (1.3.6.1.4.1.34380.1.3.2, which Puppet 8 agents add). Puppet Server's default.
         */
        @WithDefault("P90D")
        Duration certTtl();
    }

    interface Autosign {
        /** Requester addresses whose CSRs are signed at once, as CIDR ranges ({@code 10.0.0.0/8}, {@code ::1/128}). */
        Optional<List<String>> cidrs();

        /** An autosign.conf file (Puppet's certname glob syntax), read at each decision. */
        Optional<Path> confFile();

        /** A policy executable: run as {@code <exe> <certname>} with the CSR PEM on stdin; exit 0 signs. */
        Optional<Path> policyExecutable();

        /** Longest time the policy executable may run before it is killed and counted as a "no". */
        @WithDefault("10s")
        Duration policyTimeout();

        /**
         * Proxies (CIDR ranges) whose {@code X-Forwarded-For} is believed. For any other peer the socket address is
         * the requester, so a client cannot choose the address autosign sees.
         */
        Optional<List<String>> trustedProxies();

        /** Default lifetime of a one-time enrollment token. */
        @WithDefault("PT1H")
        Duration tokenTtl();
    }

    interface Crl {
        /**
         * nextUpdate of every CRL. Puppet 7 agents never refresh their CRL unless told to (Puppet 8's refresh it
         * daily), and an expired one stops them.
         */
        @WithDefault("P1826D")
        Duration nextUpdate();

        /** A CRL older than this is re-signed by the scheduled job. */
        @WithDefault("P30D")
        Duration resignAfter();

        /** How often the re-sign job checks. */
        @WithDefault("1h")
        String checkEvery();
    }
}
