package io.puppetplane.lang.ruby;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 (RFC 8018) over the JDK's HMAC, for module Ruby's {@code OpenSSL::PKCS5.pbkdf2_hmac}: JRuby-openssl's own
 * derivation is some thirty times slower than Ruby's OpenSSL, so the 50,000 rounds password hashing asks (stdlib's
 * str2saltedpbkdf2) would take half a minute. Public for JRuby only.
 */
public final class Pbkdf2 {

    private Pbkdf2() {
    }

    /** LENGTH bytes derived from PASSWORD and SALT with ITERATIONS rounds of the JDK Mac named HMAC (HmacSHA512). */
    public static byte[] derive(String hmac, byte[] password, byte[] salt, int iterations, int length)
        throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        // HMAC pads its key with zero bytes, so an empty password is the same key as a single zero byte (the JDK
        // refuses empty keys)
        mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, hmac));
        int size = mac.getMacLength();
        byte[] out = new byte[length];
        for (int block = 1, done = 0; done < length; block++, done += size) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < size; j++) {
                    t[j] ^= u[j];
                }
            }
            System.arraycopy(t, 0, out, done, Math.min(size, length - done));
        }
        return out;
    }
}
