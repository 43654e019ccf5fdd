package io.puppetplane.ca.service;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.ca.config.CaConfig;

/**
 * Decides whether a CSR is signed without an operator. Rules, first match wins: a one-time enrollment token in the
 * challengePassword, the requester's address within a configured CIDR range, an autosign.conf glob, a policy
 * executable. No rule matching leaves the CSR pending.
 */
@ApplicationScoped
public class AutosignPolicy {

    private final CaConfig.Autosign config;
    private final List<CidrRange> ranges;

    AutosignPolicy(CaConfig config) {
        this.config = config.autosign();
        this.ranges = this.config.cidrs().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(CidrRange::parse)
                .toList();
    }

    /**
     * @param requester the requester's address as {@link RequesterAddress} established it, empty if unknown
     * @param tokenValid whether a presented token is valid for this certname (checked against the database)
     */
    public AutosignDecision decide(ValidatedCsr csr, Optional<InetAddress> requester, Optional<String> tokenSha256,
            boolean tokenValid) {
        if (tokenSha256.isPresent() && tokenValid) {
            return new AutosignDecision(true, "one-time enrollment token", tokenSha256);
        }
        if (requester.isPresent()) {
            for (CidrRange range : ranges) {
                if (range.contains(requester.get())) {
                    return AutosignDecision.sign("requester " + requester.get().getHostAddress() + " within "
                            + range.text());
                }
            }
        }
        if (config.confFile().isPresent()) {
            Optional<String> entry = autosignConfEntry(config.confFile().get(), csr.certname());
            if (entry.isPresent()) {
                return AutosignDecision.sign("autosign.conf entry '" + entry.get() + "'");
            }
        }
        if (config.policyExecutable().isPresent()) {
            PolicyExecutable.Verdict verdict = PolicyExecutable.run(config.policyExecutable().get(), csr.certname(),
                    csr.pem(), config.policyTimeout());
            if (verdict.sign()) {
                return AutosignDecision.sign(verdict.reason());
            }
            return AutosignDecision.pending(verdict.reason());
        }
        String tokenNote = tokenSha256.isPresent() ? "; the challengePassword is no valid unused token for this name"
                : "";
        return AutosignDecision.pending("no autosign rule matched requester "
                + requester.map(InetAddress::getHostAddress).orElse("(unknown)") + tokenNote);
    }

    private static Optional<String> autosignConfEntry(Path file, String certname) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // split on \n only: Puppet does not strip a CR, so a CRLF file's entries never match there either
            List<String> lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
            return AutosignConfMatcher.firstMatch(lines, certname);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
