package app.assets.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.BrowserTest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole lending flow in a real browser against the packaged jar with its demo accounts (the
 * demo lender and borrower start with 20,000,000 IRR): the lender lists a camera, the moderator
 * approves it, the borrower asks for two days, the lender accepts (the borrower's wallet covers
 * it, so the price goes into escrow), the lender confirms the return, and both wallets show the
 * right balances: the borrower paid the price, the lender received it minus the 5% fee.
 */
class LendingFlowBrowserIT extends BrowserTest {

    private static final long START = 20_000_000;
    private static final long DAILY = 100_000;

    @Test
    void aLoanFromListingToReturnPaysTheLenderThePriceMinusTheFee() {
        String title = "IT camera " + UUID.randomUUID().toString().substring(0, 6);

        // The lender lists a camera at 100,000 IRR a day, the moderator approves it, and the borrower
        // asks for two days at the default price.
        String listingId = listApproved(title, DAILY, 0);
        String ticketId = requestTwoDays(listingId, DAILY);

        // The lender accepts (the borrower's wallet covers it) and, later, confirms the return.
        signIn("lender@assets.local");
        open("/tickets/" + ticketId);
        click("accept-ticket");
        click("confirm-return");
        wait.until(d -> !d.findElements(By.id("ticket-outcome")).isEmpty());
        long lenderBalance = postedBalance();
        signOut();

        signIn("borrower@assets.local");
        long borrowerBalance = postedBalance();

        long price = 2 * DAILY;
        long fee = price * 500 / 10_000;
        assertThat(borrowerBalance).as("the borrower paid the price").isEqualTo(START - price);
        assertThat(lenderBalance)
                .as("the lender received the price minus the fee")
                .isEqualTo(START + price - fee);
    }

    @Test
    void aBorrowerShortOfMoneyPaysTheShortfallThroughTheSimulatorAndTheLoanStarts() {
        String title = "IT tent " + UUID.randomUUID().toString().substring(0, 6);
        long daily = 15_000_000; // two days cost more than any demo wallet holds
        long lenderBefore = balanceOf("lender@assets.local");
        long borrowerBefore = balanceOf("borrower@assets.local");

        String listingId = listApproved(title, daily, 0);
        String ticketId = requestTwoDays(listingId, daily);

        // The lender accepts; the borrower's wallet does not cover the price, so the ticket waits for payment.
        signIn("lender@assets.local");
        open("/tickets/" + ticketId);
        click("accept-ticket");
        wait.until(d -> !d.findElements(By.id("payment-note")).isEmpty());
        signOut();

        // The borrower follows the top-up link (it carries the ticket and the shortfall) and pays on the simulator.
        signIn("borrower@assets.local");
        open("/tickets/" + ticketId);
        long shortfall = 2 * daily - borrowerBefore;
        topUpShortfall(shortfall);

        // Once the payment is verified the price moves into escrow on its own: the loan is running.
        open("/tickets/" + ticketId);
        wait.until(d -> !d.findElements(By.id("open-dispute")).isEmpty());
        signOut();

        signIn("lender@assets.local");
        open("/tickets/" + ticketId);
        click("confirm-return");
        wait.until(d -> !d.findElements(By.id("ticket-outcome")).isEmpty());
        signOut();

        long price = 2 * daily;
        long fee = price * 500 / 10_000;
        assertThat(balanceOf("borrower@assets.local"))
                .as("topped up the shortfall, paid the price")
                .isZero();
        assertThat(balanceOf("lender@assets.local")).isEqualTo(lenderBefore + price - fee);
    }

    /** The borrower asks for two days at the default price (days x daily); returns the ticket id. */
    private String requestTwoDays(String listingId, long daily) {
        signIn("borrower@assets.local");
        open("/listings/" + listingId);
        // Two days from tomorrow (Tehran), set on the date pickers as a pick would (ISO value, then "change").
        LocalDate start = LocalDate.now(ZoneId.of("Asia/Tehran")).plusDays(1);
        pickDate("borrow-start", start);
        pickDate("borrow-end", start.plusDays(2));
        wait.until(d -> d.findElement(By.id("request-borrow")).getDomAttribute("disabled") == null);
        assertThat(browser.findElement(By.id("borrow-quote")).getText())
                .as("the quote is shown before requesting")
                .isNotBlank();
        click("request-borrow");
        wait.until(ExpectedConditions.urlMatches(".*/tickets/\\d+$"));
        String ticketId = browser.getCurrentUrl().replaceAll(".*/tickets/(\\d+)$", "$1");
        signOut();
        return ticketId;
    }

    private void pickDate(String id, LocalDate day) {
        // The shared DateField wraps Vaadin's date picker in English (the borrower's language).
        WebElement picker = wait.until(d -> d.findElement(By.cssSelector("#" + id + " vaadin-date-picker")));
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1];"
                                + " arguments[0].dispatchEvent(new CustomEvent('change', {bubbles: true}));",
                        picker,
                        day.toString());
    }
}
