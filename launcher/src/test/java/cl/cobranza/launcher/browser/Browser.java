package cl.cobranza.launcher.browser;

import cl.cobranza.launcher.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One headless Chromium (Debian's chromium and chromium-driver, never a downloaded one) driven through WebDriver:
 * opens the stack's pages, signs in through the login form, reads page state by script and saves screenshots.
 */
public final class Browser implements AutoCloseable {
    /** Debian's driver and browser: named explicitly so that Selenium Manager never looks for (or downloads) one. */
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Where screenshots go: the launcher module's target folder (surefire runs in the module's directory). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final List<Path> saved = new ArrayList<>();
    private String base = "";

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts chromedriver and a headless Chromium with a fixed 1400×1000 window. */
    static Browser start() throws Exception {
        for (Path p : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: apt-get install chromium chromium-driver");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toAbsolutePath().toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox
        options.addArguments("--headless=new", "--no-sandbox", "--window-size=1400,1000", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--lang=es-CL", "--force-device-scale-factor=1");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_WAIT).scriptTimeout(PAGE_WAIT);
        Files.createDirectories(SCREENSHOTS);
        return new Browser(driver);
    }

    /** Points the browser at a stack: every path is opened against its API, which serves the pages too. */
    public Browser at(LocalStack stack) {
        this.base = stack.apiUrl();
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the stack (e.g. {@code /dashboard.html?client=x}). */
    public void open(String path) {
        driver.get(base + path);
    }

    /** The current URL's path and query, without the origin. */
    public String location() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /** Drops every cookie of the stack's origin: the session and the CSRF token, so the next login starts afresh. */
    public void signOut() {
        open("/favicon.ico");
        driver.manage().deleteAllCookies();
    }

    /**
     * Signs in through the login page's form and waits until the browser has left it; answers the path it landed
     * on. A failed login stays on {@code /login.html?error}, which is answered too.
     */
    public String login(String username, String password) {
        signOut();
        open("/login.html");
        WebElement form = waitFor(By.cssSelector("form"));
        // the page fetches its CSRF token before it enables the button
        WebElement submit = form.findElement(By.cssSelector("button[type=submit], input[type=submit]"));
        new WebDriverWait(driver, PAGE_WAIT).withMessage(() -> "the login button stayed disabled").until(d -> submit.isEnabled());
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("password")).sendKeys(password);
        submit.click();
        new WebDriverWait(driver, PAGE_WAIT).withMessage(() -> username + " never left the login page").until(d -> {
            String at = location();
            return !at.startsWith("/login") || at.contains("error");
        });
        return location();
    }

    /** Waits until the element is in the page and answers it. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, PAGE_WAIT).withMessage(() -> by + " never appeared on " + location()).until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Waits until the page says every panel has loaded ({@code document.body.dataset.ready === "true"}). */
    public void waitReady() {
        new WebDriverWait(driver, PAGE_WAIT).withMessage(() -> "page " + location() + " never set data-ready")
                .until(d -> Boolean.TRUE.equals(script("return !!document.body && document.body.dataset.ready === 'true'")));
    }

    /** Runs a script in the page and answers its result as WebDriver converts it. */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The page's own text for an i18n key in the page's language (from its i18n.js module). */
    public String text(String key) {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/i18n.js').then(m => done(m.t(arguments[0])), e => done('i18n.js failed: ' + e));", key);
    }

    /** Runs a script whose return value is a JSON string and answers it parsed. */
    public JsonNode json(String jsReturningJsonString, Object... args) throws Exception {
        Object raw = script(jsReturningJsonString, args);
        return JSON.readTree(raw == null ? "null" : raw.toString());
    }

    /**
     * The series of one of the dashboard's ECharts instances ({@code window.cobranza.charts[name]}) as
     * {@code [{name, type, data}]}, read through {@code getOption()}; an empty array when the chart has none.
     */
    public JsonNode chartSeries(String chart) throws Exception {
        return json("const c = window.cobranza && window.cobranza.charts && window.cobranza.charts[arguments[0]];"
                + "if (!c) return 'null';"
                + "const o = c.getOption() || {};"
                + "return JSON.stringify((o.series || []).map(s => ({name: s.name, type: s.type, data: s.data})));", chart);
    }

    /** The category labels of a chart's first x axis. */
    public JsonNode chartCategories(String chart) throws Exception {
        return json("const o = window.cobranza.charts[arguments[0]].getOption();"
                + "return JSON.stringify(((o.xAxis || [])[0] || {}).data || []);", chart);
    }

    /** Sets a form field by name: picks the option with that value in a select, types into anything else. */
    public void fill(WebElement form, String name, String value) {
        WebElement field = form.findElement(By.name(name));
        if (field.getTagName().equalsIgnoreCase("select")) {
            new Select(field).selectByValue(value);
        } else {
            field.clear();
            field.sendKeys(value);
        }
    }

    /**
     * Saves a PNG of the whole page (beyond the window, through the DevTools protocol) as
     * {@code target/screenshots/<role>-<page>.png}, prints and answers its path.
     */
    public Path screenshot(String role, String page) throws Exception {
        Path file = SCREENSHOTS.resolve(role.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + page + ".png");
        byte[] png;
        // from the top: a page scrolled by a focused field would show the sticky header in the middle of the image
        script("window.scrollTo(0, 0)");
        try {
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true, "fromSurface", true));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) {
            png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        }
        Files.write(file, png);
        synchronized (saved) {
            saved.remove(file);
            saved.add(file);
        }
        System.out.println("screenshot: " + file);
        return file;
    }

    /** Every screenshot saved in this run, in the order they were (last) taken. */
    public List<Path> screenshots() {
        synchronized (saved) {
            return List.copyOf(saved);
        }
    }

    @Override
    public void close() {
        try {
            List<Path> all = screenshots();
            if (!all.isEmpty()) {
                StringBuilder index = new StringBuilder();
                all.forEach(p -> index.append(p).append('\n'));
                Files.writeString(SCREENSHOTS.resolve("index.txt"), index);
                System.out.println("screenshots of this run (" + all.size() + "):\n" + index);
            }
        } catch (Exception e) {
            System.out.println("could not list the screenshots: " + e);
        } finally {
            driver.quit();
        }
    }
}
