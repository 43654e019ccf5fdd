package io.puppetplane.ca.bench;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;

import io.puppetplane.ca.service.CaCertificateFactory;
import io.puppetplane.ca.service.CaKeyMaterial;
import io.puppetplane.ca.service.CertificateSigner;
import io.puppetplane.ca.service.CsrValidator;
import io.puppetplane.ca.service.ValidatedCsr;
import io.puppetplane.ca.e2e.TestCsrs;

/**
 * Certificates signed per second with RSA 2048 and 4096 CA keys (CSR validation + certificate build + signature,
 * no database), beside the raw JCA SHA256withRSA signing rate on the same machine. Not a test. Run:
 *
 * <pre>
 * ./mvnw -q -B -o -pl ca-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp ca-service/target/test-classes:ca-service/target/classes:$(cat ca-service/target/cp.txt) \
 *     io.puppetplane.ca.bench.SigningBenchmark [seconds-per-measurement, default 5]
 * </pre>
 */
public final class SigningBenchmark {

    private SigningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        String csrPem = TestCsrs.csr("bench.example.com", null, "web");
        CsrValidator validator = new CsrValidator(new CsrValidator.Policy(65536, 2048, false, false));
        System.out.printf("%-8s %22s %22s%n", "CA key", "certificates/s", "raw JCA signatures/s");
        for (int bits : new int[] { 2048, 4096 }) {
            CaKeyMaterial ca = CaCertificateFactory.create("bench", "RSA", bits, Duration.ofDays(1826), Instant.now());
            CertificateSigner signer = new CertificateSigner(ca);
            double certs = rate(seconds, n -> {
                ValidatedCsr csr = validator.validate("bench.example.com", csrPem);
                signer.sign("bench.example.com", csr.publicKey(), BigInteger.valueOf(n + 2), Instant.now(),
                        Duration.ofDays(365), csr.extraAltNames(), csr.puppetExtensions(), false);
            });
            KeyPair raw = CaCertificateFactory.generateKeyPair("RSA", bits);
            byte[] data = new byte[1200]; // about the size of a to-be-signed certificate
            double signatures = rate(seconds, n -> {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(raw.getPrivate());
                s.update(data);
                s.sign();
            });
            System.out.printf("RSA %-4d %22.1f %22.1f%n", bits, certs, signatures);
        }
    }

    /** Operations per second over {@code seconds}, after a short warm-up. */
    private static double rate(double seconds, Operation op) throws Exception {
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < warmupEnd) {
            op.run(n++);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long count = 0;
        while (System.nanoTime() < end) {
            op.run(n + count++);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    @FunctionalInterface
    private interface Operation {
        void run(long n) throws Exception;
    }
}
