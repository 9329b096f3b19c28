package app.assets.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.BrowserTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 15's whole path in a real browser, each step by the user who takes it: the lender lists a
 * drone with a daily price and a deposit, the moderator approves it, the borrower finds it by part
 * of a word in the search box, picks two days on the month calendar, reads the quote and requests;
 * the lender accepts; the borrower's wallet does not cover price and deposit, so the borrower tops
 * up the shortfall and the payment holds the deposit; the borrower writes the handover report and
 * the lender confirms it; the lender confirms the return and writes the return report, which the
 * borrower confirms; the lender claims part of the deposit, the borrower disputes, SUPPORT decides
 * at /admin/claims; both sides review each other and the reviews appear on both public profiles and
 * in the listing's rating; the wallets show where every Rial went and the ledger check passes.
 *
 * <p>The demo lender reads Persian, the others English; the borrower looks at the listing in Persian
 * once. Screenshots of the key steps go to target/browser-shots/.
 */
class BookingPathBrowserIT extends BrowserTest {

    private static final String LENDER = "lender@assets.local";
    private static final String BORROWER = "borrower@assets.local";
    private static final long DAILY = 1_000_000;
    /** Large enough that price + deposit exceed the demo borrower's 20,000,000 IRR. */
    private static final long DEPOSIT = 19_000_000;

    private static final long CLAIMED = 5_000_000;
    private static final long DECIDED = 3_000_000;
    private static final Path SHOTS = Path.of("target", "browser-shots");

    @Test
    void searchBookPayWithDepositReportClaimSettleAndReview() {
        // Vaadin replaces elements as pages change and the language switch reloads the page: an
        // element gone stale between finding and reading it means "look again", not a failure.
        wait.ignoring(StaleElementReferenceException.class);
        String word = "qx" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        String title = "Drone " + word;
        long lenderBefore = balanceOf(LENDER);
        long borrowerBefore = balanceOf(BORROWER);

        // The lender lists a drone at 1,000,000 IRR a day with a deposit; the moderator approves it.
        String listingId = listApproved(title, DAILY, DEPOSIT);

        // The borrower finds it by typing part of a word into the search box, and opens it.
        signIn(BORROWER);
        open("/listings");
        String part = word.substring(0, word.length() - 1);
        type("listing-search", part);
        wait.until(ExpectedConditions.urlContains("q=" + part));
        WebElement hit =
                wait.until(d -> d.findElements(By.cssSelector("#listings-grid vaadin-grid-cell-content")).stream()
                        .filter(c -> c.getText().contains(title))
                        .findFirst()
                        .orElse(null));
        hit.click();
        wait.until(ExpectedConditions.urlMatches(".*/listings/" + listingId + "$"));
        waitForCalendar("borrow-calendar");

        // The same page in Persian once (Jalali month), then back to English.
        switchLanguage();
        waitForCalendar("borrow-calendar");
        wait.until(d -> d.findElement(By.id("listing-price")).getText().contains("ریال"));
        shot("listing-calendar-fa");
        switchLanguage();
        waitForCalendar("borrow-calendar");

        // The calendar opens on this month (Tehran), named as such even though the browser runs on UTC.
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tehran"));
        assertThat(browser.findElement(By.id("borrow-calendar"))
                        .getShadowRoot()
                        .findElement(By.cssSelector(".title"))
                        .getText())
                .isEqualTo(today.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + today.getYear());

        // Two days from tomorrow (Tehran), picked on the month calendar: first day, then last day.
        LocalDate start = today.plusDays(1);
        pickDay("borrow-calendar", start);
        pickDay("borrow-calendar", start.plusDays(1));
        wait.until(d -> d.findElement(By.id("request-borrow")).getDomAttribute("disabled") == null);
        String quote = browser.findElement(By.id("borrow-quote")).getText();
        assertThat(quote)
                .as("the quote names days, price, deposit and total before the request")
                .contains("2 days", "price 2,000,000 IRR", "deposit 19,000,000 IRR", "total 21,000,000 IRR");
        shot("listing-calendar-en");
        click("request-borrow");
        wait.until(ExpectedConditions.urlMatches(".*/tickets/\\d+$"));
        String ticketId = browser.getCurrentUrl().replaceAll(".*/tickets/(\\d+)$", "$1");
        String lenderId = profileIdOfOtherSide();
        signOut();

        // The lender accepts; the borrower's wallet does not cover price and deposit, so it waits for payment.
        signIn(LENDER);
        open("/tickets/" + ticketId);
        click("accept-ticket");
        wait.until(d -> !d.findElements(By.id("payment-note")).isEmpty());
        String borrowerId = profileIdOfOtherSide();
        signOut();

        // The borrower tops up exactly the shortfall (price and deposit count) and the loan starts.
        signIn(BORROWER);
        open("/tickets/" + ticketId);
        long shortfall = 2 * DAILY + DEPOSIT - borrowerBefore;
        assertThat(digits(browser.findElement(By.id("payment-note")).getText())).isEqualTo(shortfall);
        assertThat(browser.findElement(By.id("deposit-state")).getText()).contains("19,000,000 IRR");
        shot("ticket-accepted-en");
        topUpShortfall(shortfall);
        open("/tickets/" + ticketId);
        wait.until(d -> !d.findElements(By.id("open-dispute")).isEmpty());
        assertThat(browser.findElement(By.id("deposit-state")).getText())
                .isEqualTo("A deposit of 19,000,000 IRR is held on the borrower's wallet during the loan."
                        + " It is not paid to anyone.");
        open("/wallet");
        assertThat(digits(wait.until(d -> d.findElement(By.id("balance-held"))).getText()))
                .as("the deposit is held on the borrower's wallet")
                .isEqualTo(DEPOSIT);

        // The borrower writes the handover report; the lender confirms it.
        open("/tickets/" + ticketId);
        typeArea("condition-notes-handover", "Drone, two batteries, remote; no scratches.");
        click("submit-condition-handover");
        waitForText("condition-handover", "Waiting for the other side's confirmation.");
        signOut();

        signIn(LENDER);
        open("/tickets/" + ticketId);
        click("confirm-condition-handover");
        wait.until(d -> d.findElements(By.id("confirm-condition-handover")).isEmpty()
                && !d.findElements(By.cssSelector("#condition-handover .condition-state"))
                        .isEmpty());
        shot("ticket-running-fa");

        // The lender confirms the return and writes the return report; the borrower confirms it.
        click("confirm-return");
        wait.until(d -> !d.findElements(By.id("ticket-outcome")).isEmpty());
        typeArea("condition-notes-return", "Returned with a cracked propeller guard.");
        click("submit-condition-return");
        wait.until(d -> d.findElements(By.id("submit-condition-return")).isEmpty());
        signOut();

        signIn(BORROWER);
        open("/tickets/" + ticketId);
        click("confirm-condition-return");
        waitForText("condition-return", "Confirmed by");
        signOut();

        // The lender claims part of the deposit, with both reports as evidence.
        signIn(LENDER);
        open("/tickets/" + ticketId);
        click("file-claim");
        type("claim-amount", String.valueOf(CLAIMED));
        typeArea("claim-text", "The propeller guard is cracked; a new one costs 5,000,000 IRR.");
        for (WebElement box : wait.until(d -> {
            var boxes = d.findElements(By.cssSelector("#claim-evidence vaadin-checkbox input"));
            return boxes.size() == 2 ? boxes : null;
        })) {
            jsClick(box);
        }
        shot("claim-dialog-fa");
        click("confirm-claim");
        wait.until(d -> d.findElements(By.id("file-claim")).isEmpty());
        open("/tickets/" + ticketId); // the page as it stands, without the closing dialog
        wait.until(d -> !d.findElements(By.id("deposit-state")).isEmpty());
        shot("ticket-claimed-fa");
        signOut();

        // The borrower disputes the claim.
        signIn(BORROWER);
        open("/tickets/" + ticketId);
        waitForText("deposit-state", "The lender claims 5,000,000 IRR of the deposit of 19,000,000 IRR");
        click("dispute-claim");
        typeArea("claim-dispute-reason", "The guard was already cracked at the handover.");
        click("confirm-claim-dispute");
        waitForText("deposit-state", "The borrower disputes the claim of 5,000,000 IRR");
        shot("ticket-disputed-en");
        signOut();

        // SUPPORT decides it on the damage claims queue: 3,000,000 to the lender.
        signIn("support@assets.local");
        open("/admin/claims");
        click("decide-" + ticketId);
        type("decide-amount", String.valueOf(DECIDED));
        typeArea("decide-reason", "A guard costs less; the report at handover shows no crack.");
        shot("claim-decision-en");
        click("confirm-decision");
        // The grid keeps its row elements: the queue is done with the claim when its button is gone from view.
        wait.until(d -> d.findElements(By.id("decide-" + ticketId)).stream().noneMatch(WebElement::isDisplayed));
        signOut();

        // Both sides review each other; the second review publishes both.
        signIn(BORROWER);
        open("/tickets/" + ticketId);
        waitForText(
                "deposit-state",
                "Of the deposit of 19,000,000 IRR, 3,000,000 IRR went to the lender and 16,000,000 IRR back to the borrower.");
        shot("ticket-settled-en");
        click("ticket-review");
        chooseStars("review-stars", 5);
        chooseStars("review-item-stars", 4);
        typeArea("review-body", "Fair lender, quick answers.");
        click("review-submit");
        wait.until(d -> !d.findElements(By.id("review-theirs-hidden")).isEmpty()
                && d.findElements(By.id("review-submit")).isEmpty());
        signOut();

        signIn(LENDER);
        open("/tickets/" + ticketId + "/review");
        chooseStars("review-stars", 4);
        typeArea("review-body", "Careful borrower.");
        click("review-submit");
        wait.until(d -> d.findElements(By.id("review-submit")).isEmpty()
                && d.findElement(By.tagName("body")).getText().contains("Fair lender, quick answers."));
        shot("review-published-fa");
        signOut();

        // Both reviews are on the public profiles, and the item's stars on the listing.
        signIn(BORROWER);
        open("/people/" + lenderId);
        waitForText("profile-reviews", "Fair lender, quick answers.");
        assertThat(browser.findElement(By.id("profile-rating-lender")).getText())
                .contains("5.0 of 5 (1 review)");
        shot("profile-lender-en");
        open("/people/" + borrowerId);
        waitForText("profile-reviews", "Careful borrower.");
        assertThat(browser.findElement(By.id("profile-rating-borrower")).getText())
                .contains("4.0 of 5 (1 review)");
        open("/listings/" + listingId);
        waitForText("listing-rating", "Item rating: 4.0 of 5 (1 review)");
        long borrowerAfter = postedBalance();
        assertThat(digits(browser.findElement(By.id("balance-held")).getText()))
                .as("nothing is held any more")
                .isZero();
        signOut();

        long price = 2 * DAILY;
        long fee = price * 500 / 10_000;
        assertThat(borrowerAfter)
                .as("topped up the shortfall, paid the price, lost the decided part of the deposit")
                .isEqualTo(borrowerBefore + shortfall - price - DECIDED);
        assertThat(balanceOf(LENDER))
                .as("the price minus the fee, and the decided part of the deposit")
                .isEqualTo(lenderBefore + price - fee + DECIDED);

        // The admin dashboard's balances still equal the ledger, and the ledger check passes now.
        signIn("admin@assets.local");
        open("/admin");
        wait.until(d -> {
            if (d.findElement(By.id("wallet-check")).getText().startsWith("✓")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        open("/admin/ledger");
        click("run-check");
        waitForText("check-result", "The ledger is consistent");
        signOut();
    }

    /** Clicks a day on a month calendar, moving to the next month until the day is shown. */
    private void pickDay(String calendarId, LocalDate day) {
        wait.until(d -> {
            SearchContext root = d.findElement(By.id(calendarId)).getShadowRoot();
            var cells = root.findElements(
                    By.cssSelector(".day[data-value='" + day + "']:not([data-outside-range]):not([data-disabled])"));
            if (cells.isEmpty()) {
                root.findElement(By.cssSelector("button.next")).click();
                return false;
            }
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", cells.getFirst());
            cells.getFirst().click();
            return true;
        });
    }

    private void waitForCalendar(String calendarId) {
        reloading()
                .until(d -> !d.findElement(By.id(calendarId))
                        .getShadowRoot()
                        .findElements(By.cssSelector(".day[data-value]"))
                        .isEmpty());
    }

    /** The globe button in the header: switches between English and Persian and reloads the page. */
    private void switchLanguage() {
        String before = browser.findElement(By.id("language-switch")).getText();
        click("language-switch");
        reloading().until(d -> {
            var buttons = d.findElements(By.id("language-switch"));
            return !buttons.isEmpty() && !buttons.getFirst().getText().equals(before);
        });
    }

    /**
     * A wait for a page that is reloading: while Chromium swaps the document, reading a node found a
     * moment before fails with "Node with given id does not belong to the document" (a plain
     * WebDriverException, not a stale element), which here means "look again".
     */
    private WebDriverWait reloading() {
        var reloading = new WebDriverWait(browser, Duration.ofSeconds(30));
        reloading.ignoring(WebDriverException.class);
        return reloading;
    }

    /** The id in the link to the other side's public profile on the ticket page. */
    private String profileIdOfOtherSide() {
        String href =
                wait.until(d -> d.findElement(By.id("ticket-other-profile"))).getDomAttribute("href");
        return href.replaceAll(".*people/(\\d+)$", "$1");
    }

    private void chooseStars(String groupId, int stars) {
        var inputs = wait.until(d -> {
            var found = d.findElements(By.cssSelector("#" + groupId + " vaadin-radio-button input"));
            return found.size() == 5 ? found : null;
        });
        jsClick(inputs.get(stars - 1));
        wait.until(d -> d.findElement(By.id(groupId))
                        .findElements(By.cssSelector("vaadin-radio-button[checked]"))
                        .size()
                == 1);
    }

    private void typeArea(String id, String text) {
        WebElement area = wait.until(d -> d.findElement(By.cssSelector("#" + id + " textarea")));
        area.clear();
        area.sendKeys(text, Keys.TAB);
    }

    private void waitForText(String id, String text) {
        wait.until(d -> {
            var found = d.findElements(By.id(id));
            return !found.isEmpty() && found.getFirst().getText().contains(text);
        });
    }

    private void jsClick(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
    }

    /** Saves the window as target/browser-shots/{name}.png, for a person to look at. */
    private void shot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
