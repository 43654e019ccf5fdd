package io.puppetplane.ca.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address autosign judges. It is the TCP peer, except when the peer is a configured trusted proxy: then the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy (what the outermost trusted proxy saw). A
 * client can put anything in X-Forwarded-For, so the header of an untrusted peer is ignored.
 */
public final class RequesterAddress {

    private final List<CidrRange> trustedProxies;

    public RequesterAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(s -> !s.isBlank()).map(CidrRange::parse).toList();
    }

    public Optional<InetAddress> resolve(String socketPeer, String forwardedFor) {
        Optional<InetAddress> peer = literal(socketPeer);
        if (peer.isEmpty() || !trusted(peer.get()) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops[i].trim());
            if (hop.isEmpty()) {
                return peer; // a garbled header: fall back to what we know for certain
            }
            if (!trusted(hop.get())) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(r -> r.contains(address));
    }

    private static Optional<InetAddress> literal(String text) {
        if (text == null || !text.matches("[0-9A-Fa-f:.]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
