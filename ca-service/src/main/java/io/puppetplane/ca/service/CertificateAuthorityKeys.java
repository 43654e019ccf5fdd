package io.puppetplane.ca.service;

import jakarta.enterprise.context.ApplicationScoped;

/** The loaded CA key material, set once by {@code CaBootstrap} before the HTTPS port opens. */
@ApplicationScoped
public class CertificateAuthorityKeys {

    private volatile CaKeyMaterial material;
    private volatile String caBundlePem;

    public void use(CaKeyMaterial material, String caBundlePem) {
        this.material = material;
        this.caBundlePem = caBundlePem;
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
}
