package io.puppetplane.enrollment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.restassured.RestAssured;

/** The bootstrap admin of the test profile (application.properties, %test). */
public final class Operators {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private Operators() {
    }

    /** The Authorization header value for the admin, for clients other than RestAssured. */
    public static String adminAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** RestAssured requests authenticate as the admin with HTTP Basic; {@code auth().none()} opts out. */
    public static void restAssuredAsAdmin() {
        RestAssured.authentication = RestAssured.preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }
}
