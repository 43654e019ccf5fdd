package io.puppetplane.enrollment.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.agroal.api.AgroalDataSource;
import io.puppetplane.enrollment.Database;
import io.puppetplane.enrollment.EventFeed;
import io.puppetplane.enrollment.InventoryTestResource;
import io.puppetplane.enrollment.LoopbackSshServer;
import io.puppetplane.enrollment.Operators;
import io.puppetplane.infra.PostgresAndKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The dashboard in Debian's real headless chromium, driven through chromedriver. */
@QuarkusTest
@QuarkusTestResource(value = PostgresAndKafkaTestResource.class, initArgs = @ResourceArg(name = "database", value = "enrollment"))
@QuarkusTestResource(LoopbackSshServer.class)
@QuarkusTestResource(InventoryTestResource.class)
class DashboardBrowserTest {

    @BeforeEach
    void authenticateAsAdmin() {
        Operators.restAssuredAsAdmin();
        browser.manage().deleteAllCookies();
    }

    private static ChromeDriver browser;

    @TestHTTPResource("/dashboard")
    URL dashboard;
    @TestHTTPResource("/login")
    URL login;
    @Inject
    AgroalDataSource dataSource;

    private final EventFeed feed = new EventFeed();

    @BeforeAll
    static void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anonymousBrowserGetsTheLoginPageAndBadPasswordsAreTold() {
        browser.get(dashboard.toString());

        assertTrue(browser.getCurrentUrl().contains("/login"), "sent to the login page: " + browser.getCurrentUrl());
        logIn(Operators.ADMIN, "wrong-password-here");
        assertTrue(browser.findElement(By.id("error")).getText().contains("wrong password"), "a failure is told");

        logIn(Operators.ADMIN, Operators.ADMIN_PASSWORD);
        browser.get(dashboard.toString());
        assertEquals(Operators.ADMIN, browser.findElement(By.id("operator")).getText(), "the operator is named");

        submit(browser.findElement(By.className("logout")).findElement(By.tagName("button")));
        browser.get(dashboard.toString());
        assertTrue(browser.getCurrentUrl().contains("/login"), "logged out: " + browser.getCurrentUrl());
    }

    @Test
    void viewerSeesTheNodesButNoForms() {
        create("view2.example.com", "nc");
        given().contentType(ContentType.JSON).body(Map.of("name", "browser-viewer", "role", "viewer", "password",
                "browser-viewer-password")).post("/api/v1/operators").then().statusCode(201);

        logIn("browser-viewer", "browser-viewer-password");
        browser.get(dashboard.toString());

        WebElement row = browser.findElement(By.id("node-view2.example.com"));
        assertEquals("nc", row.findElement(By.className("role")).getText(), "a viewer sees the node");
        assertTrue(row.findElements(By.tagName("form")).isEmpty(), "but no form to change it");
    }

    @Test
    void showsNodesPendingCertificatesAndReports() {
        create("web1.example.com", "nc");
        feed.csrSubmitted("pending1.example.com");
        feed.report("web1.example.com", "unchanged");
        logIn(Operators.ADMIN, Operators.ADMIN_PASSWORD);
        EventFeed.await(() -> InventoryTestResource.inventory().getOrEmpty("/pdb/query/v4/nodes/web1.example.com")
                .contains("\"latest_report_status\":\"unchanged\"")
                && db().count("SELECT count(*) FROM agent_observation WHERE certname = 'pending1.example.com'") == 1,
                "the report is in the inventory and the request recorded");

        browser.get(dashboard.toString());

        WebElement row = browser.findElement(By.id("node-web1.example.com"));
        assertEquals("registered", row.findElement(By.className("state")).getText(), "node state shown");
        assertEquals("nc", row.findElement(By.className("role")).getText(), "role shown");
        assertTrue(row.findElement(By.className("last-run")).getText().startsWith("unchanged"),
                "last run shown, from the inventory");
        assertTrue(browser.findElement(By.id("pending")).getText().contains("pending1.example.com"),
                "a CSR without a later certificate is pending");
        assertTrue(browser.findElement(By.id("reports")).getText().contains("web1.example.com"), "report listed");
        assertTrue(browser.findElement(By.id("roles")).getText().contains("nc"), "roles listed");

        feed.certificateSigned("pending1.example.com");
        EventFeed.await(() -> db().count("SELECT count(*) FROM agent_observation WHERE certname = "
                + "'pending1.example.com' AND certificate_signed_at IS NOT NULL") == 1, "signature recorded");
        browser.navigate().refresh();
        assertTrue(!browser.findElement(By.id("pending")).getText().contains("pending1.example.com"),
                "a signed request is no longer pending");
    }

    @Test
    void assignsARoleAndDecommissionsFromTheBrowser() {
        create("web2.example.com", null);
        logIn(Operators.ADMIN, Operators.ADMIN_PASSWORD);
        browser.get(dashboard.toString());

        WebElement form = browser.findElement(By.id("node-web2.example.com")).findElement(By.className("assign-role"));
        WebElement role = form.findElement(By.name("role"));
        role.clear();
        role.sendKeys("cc");
        submit(form.findElement(By.tagName("button")));

        assertEquals("cc", browser.findElement(By.id("node-web2.example.com")).findElement(By.className("role"))
                .getText(), "the page after the redirect shows the new role");
        given().get("/api/v1/nodes/web2.example.com").then().body("role", is("cc"));

        form = browser.findElement(By.id("node-web2.example.com")).findElement(By.className("assign-role"));
        role = form.findElement(By.name("role"));
        role.clear();
        role.sendKeys("not a role");
        submit(form.findElement(By.tagName("button")));
        assertTrue(browser.findElement(By.id("error")).getText().contains("not valid"), "a bad role is explained");
        given().get("/api/v1/nodes/web2.example.com").then().body("role", is("cc"));

        submit(browser.findElement(By.id("node-web2.example.com")).findElement(By.className("decommission"))
                .findElement(By.tagName("button")));
        assertEquals("decommissioned", browser.findElement(By.id("node-web2.example.com"))
                .findElement(By.className("state")).getText(), "decommissioned from the dashboard");
        given().get("/api/v1/nodes/web2.example.com").then().body("state", is("decommissioned"));
    }

    private void logIn(String name, String password) {
        browser.get(login.toString());
        browser.findElement(By.id("j_username")).sendKeys(name);
        browser.findElement(By.id("j_password")).sendKeys(password);
        submit(browser.findElement(By.id("login")).findElement(By.tagName("button")));
    }

    /** Clicks a form's button and waits for the next page to replace this one. */
    private static void submit(WebElement button) {
        button.click();
        // Chrome answers a button caught mid-navigation with an inspector error, not "stale": both mean it is gone
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(page -> {
            try {
                button.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    private void create(String certname, String role) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("certname", certname, "address", "10.0.9.1",
                "kind", "bare-metal"));
        if (role != null) {
            body.put("role", role);
        }
        given().contentType(ContentType.JSON).body(body).post("/api/v1/nodes").then().statusCode(201);
    }

    private Database db() {
        return new Database(dataSource);
    }
}
