package io.puppetplane.enrollment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.restassured.RestAssured;

/** The bootstrap admin of the test profile (application.properties, %test). */
public final class Operators {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String SESSION_COOKIE = "quarkus-credential";

    private Operators() {
    }

    /** The Authorization header value for the admin, for clients other than RestAssured. */
    public static String adminAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Logs in through Quarkus' form mechanism; returns the session cookie's value. */
    public static String formLogin(String name, String password) {
        io.restassured.response.Response response = RestAssured.given().auth().none()
                .contentType(io.restassured.http.ContentType.URLENC).formParam("j_username", name)
                .formParam("j_password", password).redirects().follow(false).post("/j_security_check");
        org.junit.jupiter.api.Assertions.assertEquals(302, response.statusCode(), "login answers with a redirect");
        String cookie = response.getCookie(SESSION_COOKIE);
        org.junit.jupiter.api.Assertions.assertNotNull(cookie, "login sets the session cookie");
        return cookie;
    }

    /** The CSRF token of the first form on {@code page}. */
    public static String csrfToken(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"")
                .matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "the page carries a CSRF token");
        return m.group(1);
    }

    /** RestAssured requests authenticate as the admin with HTTP Basic; {@code auth().none()} opts out. */
    public static void restAssuredAsAdmin() {
        RestAssured.authentication = RestAssured.preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }
}
