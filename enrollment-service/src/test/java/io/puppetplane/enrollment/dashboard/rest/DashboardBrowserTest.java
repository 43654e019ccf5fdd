package io.puppetplane.enrollment.dashboard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
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

/**
 * The dashboard in Debian's real headless chromium, driven through chromedriver, with the real inventory-service:
 * the overview (a failed run first, in its colour), the nodes list's filters and pages, and the admin's forms.
 */
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
        browser.get(dashboard + "/nodes?q=view2");

        WebElement row = browser.findElement(By.id("node-view2.example.com"));
        assertEquals("nc", row.findElement(By.className("role")).getText(), "a viewer sees the node");
        assertTrue(row.findElements(By.tagName("form")).isEmpty(), "but no form to change it");
    }

    @Test
    void overviewShowsAFailedRunFirstInItsColourAndLinksToTheFailedNodes() {
        create("br-fail.example.com", "nc");
        create("br-ok.example.com", "nc");
        // millisecond precision, as the inventory keeps times
        Instant runAt = Instant.now().minus(Duration.ofMinutes(12))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        feed.report("br-ok.example.com", "unchanged", EventFeed.agentReport("br-ok.example.com", "unchanged",
                "tx-br-ok", runAt, false));
        feed.report("br-fail.example.com", "failed", EventFeed.agentReport("br-fail.example.com", "failed",
                "tx-br-fail", runAt, true));
        EventFeed.await(() -> InventoryTestResource.inventory().getOrEmpty("/pdb/query/v4/nodes/br-fail.example.com")
                .contains("\"latest_report_status\":\"failed\"") && InventoryTestResource.inventory()
                        .getOrEmpty("/pdb/query/v4/nodes/br-ok.example.com").contains("\"latest_report_status\""),
                "the reports are in the inventory");
        logIn(Operators.ADMIN, Operators.ADMIN_PASSWORD);
        browser.get(dashboard.toString());

        WebElement failed = browser.findElement(By.id("failed-run-br-fail.example.com"));
        WebElement badge = failed.findElement(By.className("status"));
        assertEquals("✖ failed", badge.getText(), "a failed run is shown as failed, with its icon");
        assertEquals("rgba(179, 38, 30, 1)", badge.getCssValue("background-color"), "in the failed colour");
        assertEquals("rgba(255, 255, 255, 1)", badge.getCssValue("color"), "white on red (contrast 6:1)");
        assertTrue(browser.findElement(By.id("attention")).getLocation().getY() < browser
                .findElement(By.id("status-counts")).getLocation().getY(), "failing nodes come first on the page");
        WebElement time = failed.findElement(By.tagName("time"));
        assertTrue(time.getText().matches("1[23] min ago"), "the time read at a glance: " + time.getText());
        assertEquals(runAt.plusMillis(1500).toString(), time.getAttribute("datetime"), "the exact time for machines");
        assertTrue(time.getAttribute("title").endsWith(" UTC"), "and on hover: " + time.getAttribute("title"));
        assertEquals("rgba(179, 38, 30, 1)", browser.findElement(By.cssSelector("#status-chart .bar-failed"))
                .getCssValue("fill").replace("rgb(", "rgba(").replace(")", ", 1)"), "the chart uses the same colour");
        assertTrue(browser.findElement(By.id("ca-unavailable")).getText().contains("ca-service"),
                "pending requests are ca-service's, which this test does not run, and the page says so");

        browser.findElement(By.id("status-failed")).findElement(By.tagName("a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(page -> page.getCurrentUrl().contains("status=failed"));
        java.util.List<String> statuses = browser.findElements(By.cssSelector("#nodes td.last-run")).stream()
                .map(cell -> cell.getAttribute("data-status")).distinct().toList();
        assertEquals(java.util.List.of("failed"), statuses, "the tile lists the failed nodes, only them");
        browser.get(dashboard + "/nodes?status=failed&q=br-");
        WebElement row = browser.findElement(By.id("node-br-fail.example.com"));
        assertEquals("failed", row.findElement(By.className("last-run")).getAttribute("data-status"), "failed row");
        assertTrue(browser.findElements(By.id("node-br-ok.example.com")).isEmpty(), "the unchanged one is not");
    }

    @Test
    void nodesListFiltersAndPagesWithTheKeyboardAndMouse() {
        for (int i = 1; i <= 6; i++) {
            create("brp-" + i + ".example.com", i == 6 ? "cc" : "nc");
        }
        logIn(Operators.ADMIN, Operators.ADMIN_PASSWORD);
        browser.get(dashboard + "/nodes");

        WebElement name = browser.findElement(By.id("f-q"));
        assertEquals("Name contains", browser.findElement(By.cssSelector("label[for=f-q]")).getText().strip(),
                "the field has a label");
        name.sendKeys("brp-", org.openqa.selenium.Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(page -> page.getCurrentUrl().contains("q=brp-"));
        assertEquals("6", browser.findElement(By.id("total")).getText(), "six match");
        java.util.List<String> first = certnames();
        assertEquals(5, first.size(), "five on a page: " + first);

        browser.findElement(By.linkText("next ›")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(page -> page.getCurrentUrl().contains("page=2"));
        java.util.List<String> second = certnames();
        assertEquals(java.util.List.of("brp-6.example.com"), second, "the sixth on page 2");
        assertEquals("2", browser.findElement(By.cssSelector("#pager a[aria-current=page]")).getText(),
                "the pager marks the page shown");

        browser.get(dashboard + "/nodes?q=brp-");
        WebElement role = browser.findElement(By.id("f-role"));
        role.sendKeys("cc");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-step"))).selectByValue("registered");
        submit(browser.findElement(By.id("search")).findElement(By.tagName("button")));
        assertEquals(java.util.List.of("brp-6.example.com"), certnames(), "role and step filter");
        assertTrue(browser.findElement(By.id("clear")).isDisplayed(), "filters can be cleared");
    }

    private java.util.List<String> certnames() {
        return browser.findElements(By.cssSelector("#nodes td.certname")).stream().map(WebElement::getText).toList();
    }

    @Test
    void assignsARoleAndDecommissionsFromTheBrowser() {
        create("web2.example.com", null);
        logIn(Operators.ADMIN, Operators.ADMIN_PASSWORD);
        browser.get(dashboard + "/nodes?q=web2");

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
