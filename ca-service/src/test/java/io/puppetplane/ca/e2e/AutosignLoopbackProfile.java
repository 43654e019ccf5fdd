package io.puppetplane.ca.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A fresh CA directory that autosigns every CSR from loopback. */
public class AutosignLoopbackProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("puppetplane.ca.dir", Files.createTempDirectory("ca-autosign").toString(),
                    "puppetplane.ca.key-size", "2048",
                    "puppetplane.ca.autosign.cidrs", "127.0.0.0/8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
