package io.puppetplane.fileserve.service;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/** One thing an {@code allow}/{@code deny} line can test about a request. */
public sealed interface AccessCondition {

    boolean matches(AccessRequest request);

    /** {@code allow *}: everyone with a valid certificate. */
    record AnyClient() implements AccessCondition {
        @Override
        public boolean matches(AccessRequest request) {
            return true;
        }
    }

    /** An address block (a single IP is a /32 or /128); IPv4 and IPv6 never match each other. */
    record AddressBlock(InetAddress network, int prefixLength) implements AccessCondition {
        @Override
        public boolean matches(AccessRequest request) {
            byte[] want = network.getAddress();
            byte[] have = request.address().getAddress();
            if (want.length != have.length) {
                return false;
            }
            int bits = want.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
            return new BigInteger(1, want).and(mask).equals(new BigInteger(1, have).and(mask));
        }
    }

    /** A certname, or a glob over it ({@code *.example.com}); case-insensitive like DNS names. */
    record CertnameGlob(String glob, Pattern pattern) implements AccessCondition {
        static CertnameGlob of(String glob) {
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return new CertnameGlob(glob, Pattern.compile(regex.toString()));
        }

        @Override
        public boolean matches(AccessRequest request) {
            return pattern.matcher(request.certname().toLowerCase(Locale.ROOT)).matches();
        }
    }

    /** {@code /regex/} over the certname, as Puppet 3's AuthStore accepted. */
    record CertnameRegex(Pattern pattern) implements AccessCondition {
        @Override
        public boolean matches(AccessRequest request) {
            return pattern.matcher(request.certname()).find();
        }
    }

    /** {@code allow_ext pp_role=nc}: a certificate extension (short name or OID) with exactly this value. */
    record ExtensionEquals(String extension, String value) implements AccessCondition {
        @Override
        public boolean matches(AccessRequest request) {
            return request.identity().extension(extension).map(value::equals).orElse(false);
        }
    }

    /** {@code allow_role nc}: the role enrollment assigned to the certname (NodeClassified events). */
    record RoleEquals(String role) implements AccessCondition {
        @Override
        public boolean matches(AccessRequest request) {
            return request.role().map(role::equals).orElse(false);
        }
    }
}
