package io.puppetplane.trust;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A CDI event fired (synchronously, on the request thread; keep observers quick) whenever the client-certificate
 * check refuses a request, so a service can record or publish the denial.
 *
 * @param certname      the refused certificate's CN; empty when no certificate was presented
 * @param serial        the refused certificate's serial; empty when no certificate was presented
 * @param clientAddress the socket peer's address
 * @param path          the request path
 * @param reason        {@code no-client-certificate} or {@code certificate-revoked}
 */
public record ClientCertificateRejected(Optional<String> certname, Optional<BigInteger> serial, String clientAddress,
        String path, String reason) {

    public static final String NO_CLIENT_CERTIFICATE = "no-client-certificate";
    public static final String CERTIFICATE_REVOKED = "certificate-revoked";
}
