package io.puppetplane.fileserve.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.fileserve.config.FileserveConfig;
import io.puppetplane.fileserve.service.AccessCondition;
import io.puppetplane.fileserve.service.AccessRequest;
import io.puppetplane.fileserve.service.FileserverConfigParser;
import io.vertx.core.http.HttpServerRequest;

/**
 * The client address rules see: the TCP peer (which Quarkus already replaces with the PROXY protocol's source when
 * {@code quarkus.http.proxy.use-proxy-protocol} is on). {@code X-Forwarded-For} counts only when the peer is one of
 * {@code puppetplane.fileserve.trusted-proxies}; then the rightmost address not itself a trusted proxy is the client.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<AccessCondition> trustedProxies;

    ClientAddresses(FileserveConfig config) {
        this.trustedProxies = config.trustedProxies().orElse(List.of()).stream()
                .map(FileserverConfigParser::addressCondition).toList();
    }

    public InetAddress of(HttpServerRequest request) {
        return of(request.remoteAddress().hostAddress(), request.headers().getAll("X-Forwarded-For"));
    }

    /** The client behind {@code peer}, given the request's X-Forwarded-For header values in order. */
    InetAddress of(String peer, List<String> forwardedFor) {
        InetAddress client = literal(peer);
        if (trustedProxies.isEmpty() || !trusted(client)) {
            return client;
        }
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (!hop.matches("[0-9A-Fa-f:.]+")) {
                    return client;
                }
                client = literal(hop);
                if (!trusted(client)) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        AccessRequest probe = new AccessRequest(null, address, java.util.Optional.empty());
        return trustedProxies.stream().anyMatch(c -> c.matches(probe));
    }

    /** Only literals reach here (digits, dots, colons), so this never queries DNS. */
    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + text, e);
        }
    }
}
