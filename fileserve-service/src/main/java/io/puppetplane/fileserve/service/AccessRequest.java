package io.puppetplane.fileserve.service;

import java.net.InetAddress;
import java.util.Optional;

import io.puppetplane.trust.ClientIdentity;

/**
 * What access rules look at: the verified certificate, the client address (socket peer or trusted proxy's word) and
 * the role enrollment assigned to the certname, if any.
 */
public record AccessRequest(ClientIdentity identity, InetAddress address, Optional<String> role) {

    public String certname() {
        return identity.certname();
    }
}
