package io.puppetplane.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The CA's daily work in the operator's browser, on the whole local plane with nothing autosigned: an anonymous
 * browser gets the login page; the admin logs in, signs a real puppet-agent's pending request and that agent's next
 * run succeeds; the admin revokes it and the agent's next run is refused. Debian's chromium through chromedriver,
 * Debian's puppet-agent, the services as deploy/local/up runs them. Screenshots of the pages land in
 * target/screenshots (the enrollment-service README shows them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorDashboardEndToEndTest {

    private static final String NODE = "signed-in-browser.cloud.test";
    private static final String DASHBOARD = "http://127.0.0.1:" + LocalControlPlane.DASHBOARD_PORT;

    private Path work;
    private LocalControlPlane plane;
    private LocalControlPlane.Ready ready;
    private ChromeDriver browser;
    private final Path screenshots = Path.of("target/screenshots");

    @BeforeAll
    void startThePlaneAndABrowser(@TempDir Path dir) throws Exception {
        assumeTrue(PuppetAgent.installed(), "Debian's puppet-agent is not installed (.ci/run installs it)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "Debian's chromium-driver is not installed (.ci/run installs it)");
        work = dir;
        Path home = Path.of("../../..").toAbsolutePath().normalize();
        plane = new LocalControlPlane(LaunchOptions.parse(home, "--state-dir", work.resolve("state").toString(),
                "--fresh", "--autosign", "none"));
        ready = plane.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().window().setSize(new Dimension(1280, 900));
        Files.createDirectories(screenshots);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void adminSignsAPendingAgentInTheBrowserThenRevokesIt() throws Exception {
        browser.get(DASHBOARD + "/dashboard");
        assertTrue(browser.getCurrentUrl().contains("/login"), "an anonymous browser gets the login page, not "
                + browser.getCurrentUrl());
        screenshot("login");

        registerWithEnrollment();
        PuppetAgent agent = new PuppetAgent(work.resolve("agents"), ready.agentConfig(), NODE,
                Map.of("PUPPETPLANE_ROLE_FILE", Files.writeString(work.resolve("role"), "nc\n").toString()));
        PuppetAgent.Result unsigned = agent.test("--noop", "--waitforcert", "0");
        assertFalse(unsigned.succeeded(), "nothing autosigns, so the first run stops at its CSR:\n"
                + unsigned.output());

        logIn(plane.operators().adminName(), plane.operators().adminPassword());
        browser.get(DASHBOARD + "/dashboard/certificates");
        WebElement pending = awaitRow("requested-" + NODE);
        screenshot("certificates-pending");
        submit(pending.findElement(By.className("sign")).findElement(By.tagName("button")));
        assertTrue(browser.findElement(By.id("signed")).getText().contains(NODE), "the certificate is listed as "
                + "signed after the redirect");

        PuppetAgent.Result signed = agent.test("--noop");
        assertTrue(signed.succeeded(), "the agent's next run succeeds with the certificate signed in the browser:\n"
                + signed.output());

        browser.get(DASHBOARD + "/dashboard");
        screenshot("overview");
        browser.get(DASHBOARD + "/dashboard/nodes");
        screenshot("nodes");
        browser.get(DASHBOARD + "/dashboard/certificates");
        screenshot("certificates-signed");
        submit(browser.findElement(By.id("signed-" + NODE)).findElement(By.className("revoke"))
                .findElement(By.tagName("button")));
        Duration catalog = agent.awaitRefusalBy("https://localhost:" + LocalControlPlane.CATALOG_PORT
                + "/puppet/v3/node/" + NODE + "?environment=production");
        Duration fileserve = agent.awaitRefusalBy("https://localhost:" + LocalControlPlane.FILESERVE_PORT
                + "/puppet/v3/file_metadata/eucakeys/cloud-cert.pem?environment=production");
        System.out.printf("dashboard e2e: revocation refused by catalog-service after %d ms, by fileserve-service "
                + "%d ms later%n", catalog.toMillis(), fileserve.toMillis());
        assertTrue(browser.findElement(By.id("revoked")).getText().contains(NODE), "listed as revoked");

        PuppetAgent.Result revoked = agent.test("--noop");
        assertFalse(revoked.succeeded(), "a revoked agent's run is refused:\n" + revoked.output());
        assertTrue(revoked.output().contains("403"), "the refusal is the server's:\n" + revoked.output());

        browser.get(DASHBOARD + "/dashboard/audit");
        String audit = browser.findElement(By.id("audit")).getText();
        assertTrue(audit.contains("certificate.sign") && audit.contains("certificate.revoke"),
                "both actions are in the audit trail: " + audit);
        screenshot("audit");
        // facts and runs are the inventory's: what its PuppetDB API says of the node is what the page shows
        PlaneClients clients = new PlaneClients(plane);
        String pdbNode = clients.awaitPuppetDb("/pdb/query/v4/nodes/" + NODE);
        String status = jsonField(pdbNode, "latest_report_status");
        String kernel = jsonField(clients.awaitPuppetDb("/pdb/query/v4/nodes/" + NODE + "/facts/kernel"), "value");
        browser.get(DASHBOARD + "/dashboard/nodes/" + NODE);
        String history = browser.findElement(By.id("history")).getText();
        assertTrue(history.contains("certificate-signed"), "the node's page shows its pipeline: " + history);
        assertTrue(browser.findElement(By.id("reports")).getText().contains("production"),
                "and its runs: " + browser.findElement(By.id("reports")).getText());
        assertTrue(browser.findElement(By.id("last-run")).getText().startsWith(status + " "),
                "its last run as the inventory has it (" + status + "): "
                        + browser.findElement(By.id("last-run")).getText());
        assertTrue(browser.findElement(By.id("facts")).getText().contains("kernel \"" + kernel + "\""),
                "its facts from the inventory: " + browser.findElement(By.id("facts")).getText());
        screenshot("node");
    }

    private static String jsonField(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** The operator's first step: the node is known to enrollment-service before its agent runs. */
    private void registerWithEnrollment() throws Exception {
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(DASHBOARD + "/api/v1/nodes"))
                        .header("Authorization", plane.operators().basicAuthorization())
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"certname\":\"" + NODE
                                + "\",\"address\":\"127.0.0.1\",\"kind\":\"cloud-instance\",\"role\":\"nc\"}"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), "enrollment-service registers the node: " + created.body());
    }

    private WebElement awaitRow(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var rows = browser.findElements(By.id(id));
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            browser.navigate().refresh();
        }
        throw new AssertionError("no row " + id + " on " + browser.getCurrentUrl() + " within 30 s:\n"
                + browser.getPageSource());
    }

    private void logIn(String name, String password) {
        browser.get(DASHBOARD + "/login");
        browser.findElement(By.id("j_username")).sendKeys(name);
        browser.findElement(By.id("j_password")).sendKeys(password);
        submit(browser.findElement(By.id("login")).findElement(By.tagName("button")));
    }

    /** Clicks a form's button and waits for the next page to replace this one. */
    private void submit(WebElement button) {
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

    private void screenshot(String name) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
