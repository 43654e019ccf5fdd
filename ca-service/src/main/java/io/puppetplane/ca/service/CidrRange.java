package io.puppetplane.ca.service;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address range such as {@code 10.0.0.0/8}; a bare address is a /32 or /128. */
public record CidrRange(String text, byte[] network, int prefixBits) {

    public static CidrRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            // InetAddress would otherwise resolve a host name through DNS
            throw new IllegalArgumentException("not an IP address range: " + text);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
            return new CidrRange(trimmed, bytes, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address range: " + text, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int shift = network.length * 8 - prefixBits;
        return new BigInteger(1, candidate).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }
}
