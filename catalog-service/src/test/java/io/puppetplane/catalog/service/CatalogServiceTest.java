package io.puppetplane.catalog.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.puppetplane.catalog.config.CatalogConfig;
import io.puppetplane.events.CloudEventCodec;
import io.puppetplane.events.payload.NodeClassified;

class CatalogServiceTest {

    @Test
    void answers503WithRetryAfterUntilEveryClassificationIsLoaded() {
        CatalogService service = serviceWith(classifications());

        PuppetApiException refused = assertThrows(PuppetApiException.class,
            () -> service.environmentFor("nc-1.example.com", "production"),
            "before the classification topic was read to its end, no environment may be chosen");
        assertEquals(503, refused.status(), "the agent is asked to come back, not given a wrong answer");
        assertEquals(Integer.valueOf(7), refused.retryAfterSeconds(), "Retry-After comes from the compile settings");
        assertEquals("Service Unavailable: node classifications are still being loaded; retry later",
            refused.getMessage(), "the agent prints why it waits");
    }

    @Test
    void choosesTheOperatorsEnvironmentOnceLoaded() {
        NodeClassifications classifications = classifications();
        classifications.classifyEncoded("nc-1.example.com", new CloudEventCodec("enrollment-service", Clock.systemUTC())
            .encode(new NodeClassified("nc-1.example.com", "nc", Map.of(), "keys", List.of()), "nc-1.example.com")
            .cloudEventJson());
        classifications.markLoaded();
        CatalogService service = serviceWith(classifications);

        assertEquals("keys", service.environmentFor("nc-1.example.com", "production"),
            "an operator's environment wins over the agent's");
        assertEquals("production", service.environmentFor("other.example.com", "production"),
            "an unclassified node keeps the environment it asked for");
    }

    static NodeClassifications classifications() {
        return new NodeClassifications(new CloudEventCodec("catalog-service", Clock.systemUTC()));
    }

    private static CatalogService serviceWith(NodeClassifications classifications) {
        CatalogService service = new CatalogService();
        service.classifications = classifications;
        service.config = settings(CatalogConfig.class, Map.of("compile",
            settings(CatalogConfig.Compile.class, Map.of("retryAfterSeconds", 7))));
        return service;
    }

    /** A config interface answering the named methods with the given values. */
    static <T> T settings(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName() + " is not set in this test");
            }
            return values.get(method.getName());
        }));
    }
}
