package app.assets.browser;

import java.io.IOException;
import java.time.Duration;
import app.assets.support.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in its default (simulator) configuration: a user with the 5,000,000 Rials of demo
 * funds tops up 500,000 Rials, pays
 * on the simulator's StartPay page, lands on the result page and sees the new balance, also in
 * the wallet's statement. Needs /usr/bin/chromium and /usr/bin/chromedriver.
 */
class PaymentTopUpBrowserIT {

    private static PackagedApp app;
    private static String baseUrl;

    @BeforeAll
    static void startPackagedApp() throws Exception {
        app = PackagedApp.start();
        baseUrl = app.baseUrl();
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aUserTopsUpThroughTheSimulatorAndSeesTheNewBalance() throws IOException {
        WebDriver browser = PackagedApp.browser();
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(baseUrl + "/login");
            wait.until(d -> d.findElement(By.cssSelector("input[name=username]"))).sendKeys("borrower@assets.local");
            browser.findElement(By.cssSelector("input[name=password]")).sendKeys("demo-assets-2026");
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button")).click();
            wait.until(d -> !d.findElements(By.id("main-nav")).isEmpty());

            browser.get(baseUrl + "/wallet/top-up");
            wait.until(d -> d.findElement(By.id("preset-500000"))).click();
            wait.until(d -> d.findElement(By.id("top-up-amount")).getDomProperty("value").equals("500,000")
                    || !d.findElement(By.id("top-up-amount")).getDomProperty("value").isBlank());
            browser.findElement(By.id("top-up-pay")).click();

            wait.until(ExpectedConditions.urlContains("/simulator/zarinpal/pg/StartPay/"));
            assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("500,000 IRR");
            browser.findElement(By.id("pay")).click();

            wait.until(ExpectedConditions.urlContains("/payment/result"));
            wait.until(d -> d.findElement(By.id("payment-outcome")).getText().equals("Payment successful"));
            assertThat(browser.findElement(By.id("payment-balance")).getText()).isEqualTo("Available balance: 5,500,000 IRR");

            browser.get(baseUrl + "/wallet/top-up");
            wait.until(d -> d.findElement(By.id("top-up-balance")).getText().equals("Available balance: 5,500,000 IRR"));
        } finally {
            browser.quit();
        }
    }

}
