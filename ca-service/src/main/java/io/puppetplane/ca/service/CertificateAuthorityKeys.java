package io.puppetplane.ca.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The loaded CA key material, set once by {@code CaBootstrap} before the HTTPS port opens. */
@ApplicationScoped
public class CertificateAuthorityKeys {

    private volatile CaKeyMaterial material;
    private volatile String caBundlePem;
    private volatile Instant caBundlePublishedAt;

    public void use(CaKeyMaterial material, String caBundlePem, Instant caBundlePublishedAt) {
        this.material = material;
        this.caBundlePem = caBundlePem;
        this.caBundlePublishedAt = caBundlePublishedAt;
    }

    public CaKeyMaterial material() {
        CaKeyMaterial m = material;
        if (m == null) {
            throw new CaRequestException(503, "The CA is not bootstrapped yet");
        }
        return m;
    }

    /** The PEM served at {@code /certificate/ca}: the CA certificate, or the imported bundle. */
    public String caBundlePem() {
        material();
        return caBundlePem;
    }

    /** When this bundle was first served by any replica: its Last-Modified. */
    public Instant caBundlePublishedAt() {
        material();
        return caBundlePublishedAt;
    }
}
