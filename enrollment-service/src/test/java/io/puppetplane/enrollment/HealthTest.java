package io.puppetplane.enrollment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
@QuarkusTestResource(LoopbackSshServer.class)
class HealthTest {

    @Test
    void readinessReportsTheDatabaseAndKafkaOnTheManagementPort() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().baseUri("http://127.0.0.1:" + port)
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check"));
    }
}
