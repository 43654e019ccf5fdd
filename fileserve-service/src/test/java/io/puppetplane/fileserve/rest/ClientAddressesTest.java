package io.puppetplane.fileserve.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.puppetplane.fileserve.config.FileserveConfig;
import io.puppetplane.fileserve.testing.TestFileserveConfig;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(config(List.of()));

        assertEquals("127.0.0.1", addresses.of("127.0.0.1", List.of("10.0.0.5")).getHostAddress(),
                "a client cannot choose its address by sending a header");
    }

    @Test
    void headerFromAnUntrustedPeerIsIgnored() {
        ClientAddresses addresses = new ClientAddresses(config(List.of("127.0.0.5/32")));

        assertEquals("127.0.0.1", addresses.of("127.0.0.1", List.of("10.0.0.5")).getHostAddress(),
                "only the configured proxy's header counts");
    }

    @Test
    void trustedProxyReportsTheRightmostUntrustedHop() {
        ClientAddresses addresses = new ClientAddresses(config(List.of("127.0.0.0/30", "192.168.0.1")));

        assertEquals("10.0.0.5", addresses.of("127.0.0.2", List.of("6.6.6.6, 10.0.0.5, 192.168.0.1"))
                .getHostAddress(), "hops added by trusted proxies are skipped; what the client wrote is not believed");
        assertEquals("127.0.0.2", addresses.of("127.0.0.2", List.of()).getHostAddress(), "no header: the proxy itself");
        assertEquals("192.168.0.1", addresses.of("127.0.0.2", List.of("not-an-ip, 192.168.0.1")).getHostAddress(),
                "a garbled hop stops the walk at the last address known");
    }

    private static FileserveConfig config(List<String> proxies) {
        return TestFileserveConfig.trustingProxies(proxies);
    }
}
