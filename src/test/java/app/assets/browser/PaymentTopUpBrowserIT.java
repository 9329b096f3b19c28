package app.assets.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The packaged jar in its default (simulator) configuration: a user with the 20,000,000 Rials of demo
 * funds tops up 500,000 Rials, pays on the
 * simulator's StartPay page, lands on the result page and sees the new balance, also in
 * the wallet's statement; and exports their own transactions as CSV from the reports page. Needs
 * /usr/bin/chromium and /usr/bin/chromedriver.
 */
class PaymentTopUpBrowserIT extends BrowserTest {

    @Test
    void aUserTopsUpThroughTheSimulatorAndSeesTheNewBalance() {
        signIn("borrower@assets.local");

        browser.get(baseUrl + "/wallet/top-up");
        wait.until(d -> d.findElement(By.id("preset-500000"))).click();
        wait.until(d ->
                d.findElement(By.id("top-up-amount")).getDomProperty("value").equals("500,000")
                        || !d.findElement(By.id("top-up-amount"))
                                .getDomProperty("value")
                                .isBlank());
        browser.findElement(By.id("top-up-pay")).click();

        wait.until(ExpectedConditions.urlContains("/simulator/zarinpal/pg/StartPay/"));
        assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("500,000 IRR");
        browser.findElement(By.id("pay")).click();

        wait.until(ExpectedConditions.urlContains("/payment/result"));
        wait.until(d -> d.findElement(By.id("payment-outcome")).getText().equals("Payment successful"));
        assertThat(browser.findElement(By.id("payment-balance")).getText())
                .isEqualTo("Available balance: 20,500,000 IRR");

        browser.get(baseUrl + "/wallet/top-up");
        wait.until(d -> d.findElement(By.id("top-up-balance")).getText().equals("Available balance: 20,500,000 IRR"));
    }

    @Test
    void aUserExportsTheirOwnTransactionsAsCsvFromTheReportsPage() {
        signIn("borrower@assets.local");
        open("/reports");
        click("transactions-csv");
        var link = wait.until(d -> {
            var anchor = d.findElement(By.id("transactions-download"));
            return anchor.isDisplayed() && anchor.getDomAttribute("href") != null ? anchor : null;
        });
        // Fetch the offered file in the page itself, with the signed-in session, as the browser's download does.
        Object csv = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0].href).then(r => r.text()).then(done, e => done('failed: ' + e));",
                        link);
        // (text() drops the byte-order mark; ReportExportsTest checks it on the bytes)
        assertThat((String) csv)
                .startsWith("ID,Date,Type,Description")
                .contains(",Demo funds,")
                .contains("20000000")
                .doesNotContain("lender@assets.local");
    }
}
