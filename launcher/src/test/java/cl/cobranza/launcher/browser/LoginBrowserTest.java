package cl.cobranza.launcher.browser;

import cl.cobranza.core.access.Role;
import cl.cobranza.launcher.LocalStack;
import cl.cobranza.launcher.SharedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in through the login page in real Chromium: every role lands on its own start page. */
@ExtendWith({SharedStack.class, WithBrowser.class})
class LoginBrowserTest {
    private static TestTenant tenant;
    private static Browser browser;

    @BeforeAll
    static void setUp(LocalStack stack, Browser b) throws Exception {
        tenant = TestTenant.create(stack, "br-login", "Ferretería Los Andes");
        browser = b.at(stack);
    }

    /** The page a role starts on after signing in. */
    static String home(Role role, String clientId) {
        return switch (role) {
            case OWNER -> "/dashboard.html?client=" + clientId;
            case COLLECTOR -> "/worklist.html";
            case ACCOUNT_MANAGER, ADMIN -> "/portfolio.html";
        };
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleSignsInThroughTheFormAndLandsOnItsPage(Role role) throws Exception {
        browser.signOut();
        browser.open("/login.html");
        browser.waitFor(By.name("password"));
        browser.screenshot(role.name(), "login");

        browser.login(tenant.user(role), TestTenant.PASSWORD);
        String expected = home(role, tenant.id());
        // the login answers "/", whose script sends each role on to its page
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .withMessage(() -> role + " should land on " + expected + ", is on " + browser.location())
                .until(d -> browser.location().startsWith(expected));
        assertThat(browser.location()).isEqualTo(expected);
        browser.waitReady();
        assertThat(browser.script("return document.body.dataset.role")).as("role the page was drawn for").isEqualTo(role.name());
        browser.screenshot(role.name(), page(expected));
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPageWithItsError() throws Exception {
        String at = browser.login(tenant.user(Role.OWNER), "no-es-la-clave");
        assertThat(at).startsWith("/login.html").contains("error");
        assertThat(browser.waitFor(By.id("login-error")).isDisplayed()).isTrue();
        browser.screenshot(Role.OWNER.name(), "login-error");
        // and no session: a page needing one sends the browser back to the login page
        browser.open("/worklist.html");
        assertThat(browser.location()).startsWith("/login.html");
    }

    /** "dashboard" for "/dashboard.html?client=x". */
    static String page(String path) {
        String file = path.substring(1, path.indexOf(".html"));
        return file.isEmpty() ? "index" : file;
    }
}
