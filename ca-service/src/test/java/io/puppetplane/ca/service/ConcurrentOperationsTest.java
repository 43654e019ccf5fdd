package io.puppetplane.ca.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.puppetplane.ca.cli.CaApiClient;
import io.puppetplane.ca.e2e.AnonymousCaClient;
import io.puppetplane.ca.e2e.CaTestSupport;
import io.puppetplane.ca.e2e.TestCsrs;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Parallel signing and revoking: serials stay unique and no revocation is lost from the CRL. */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "ca"))
class ConcurrentOperationsTest {

    private static final int NODES = 6;

    @Test
    void parallelSignsGetUniqueSerialsAndParallelRevokesAllReachTheCrl() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        AnonymousCaClient agent = new AnonymousCaClient();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            String name = "par" + i + "-" + run + ".example.com";
            names.add(name);
            assertEquals(200, agent.putCsr(name, TestCsrs.csr(name, null, null)).statusCode(), "stored " + name);
        }
        CaApiClient admin = CaTestSupport.admin();
        inParallel(names, name -> admin.put("/puppet-ca/v1/certificate_status/" + name,
                "{\"desired_state\":\"signed\"}").status());

        Set<BigInteger> serials = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String name : names) {
            serials.add(new BigInteger(json.readTree(admin.get("/puppet-ca/v1/certificate_status/" + name).body())
                    .path("serial_number").asText()));
        }
        assertEquals(NODES, serials.size(), "every certificate has its own serial: " + serials);

        inParallel(names, name -> admin.put("/puppet-ca/v1/certificate_status/" + name,
                "{\"desired_state\":\"revoked\"}").status());
        X509CRL crl = PemCodec.readCrls(agent.send("GET", "/puppet-ca/v1/certificate_revocation_list/ca", null)
                .body()).get(0);
        for (BigInteger serial : serials) {
            assertTrue(crl.getRevokedCertificate(serial) != null, "serial " + serial + " is in the CRL");
        }
    }

    private interface Call {
        int apply(String name) throws Exception;
    }

    private static void inParallel(List<String> names, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String name : names) {
                Callable<Integer> task = () -> call.apply(name);
                results.add(pool.submit(task));
            }
            for (Future<Integer> result : results) {
                assertEquals(204, result.get(120, TimeUnit.SECONDS), "admin call succeeded");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
