package app.assets.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.BrowserTest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Starts the packaged jar exactly as the README's run command does (embedded PostgreSQL and AMQP
 * broker, demo accounts), then signs in as each demo role in headless Chromium and checks the
 * menu it sees. Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium
 * chromium-driver); fails with that message when they are missing.
 */
class DemoRolesBrowserIT extends BrowserTest {

    static List<Object[]> roles() {
        return List.of(
                // The demo lender's saved language is Persian: the menu follows it, whatever the browser asks for.
                new Object[] {
                    "lender@assets.local",
                    List.of(
                            "داشبورد",
                            "آگهی‌ها",
                            "آگهی‌های من",
                            "درخواست‌ها",
                            "دیدگاه‌ها",
                            "کیف پول",
                            "افزایش موجودی",
                            "گزارش‌ها",
                            "تنظیمات اعلان",
                            "نمایه")
                },
                new Object[] {
                    "borrower@assets.local",
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Notification settings",
                            "Profile")
                },
                new Object[] {
                    "moderator@assets.local",
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Moderation",
                            "Reported reviews",
                            "Notification settings",
                            "Profile")
                },
                new Object[] {
                    "support@assets.local",
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Damage claims",
                            "Users",
                            "Notification settings",
                            "Profile")
                },
                new Object[] {
                    "auditor@assets.local",
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Admin dashboard",
                            "Wallets",
                            "Ledger check",
                            "Payments",
                            "Audit log",
                            "Notification settings",
                            "Profile")
                },
                new Object[] {
                    "admin@assets.local",
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Admin dashboard",
                            "Moderation",
                            "Reported reviews",
                            "Damage claims",
                            "Withdrawals",
                            "Wallets",
                            "Adjustments to approve",
                            "Ledger check",
                            "Payments",
                            "Users",
                            "Permissions",
                            "Encryption keys",
                            "Audit log",
                            "Captured email",
                            "Notifications",
                            "Templates",
                            "Broadcasts",
                            "Notification settings",
                            "Profile")
                });
    }

    @ParameterizedTest(name = "{0} sees {1}")
    @MethodSource("roles")
    void eachDemoRoleSignsInAndSeesItsMenu(String email, List<String> menu) {
        browser.get(baseUrl + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        signIn(email);
        wait.until(d ->
                d.findElements(By.cssSelector("#main-nav vaadin-side-nav-item")).size() == menu.size());
        var items = browser.findElements(By.cssSelector("#main-nav vaadin-side-nav-item")).stream()
                .map(e -> e.getText().trim())
                .toList();
        assertThat(items).containsExactlyElementsOf(menu);
        assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo(email);
        // The dashboard is the first page: both of its charts are drawn.
        waitForChart("dashboard-flows");
        waitForChart("dashboard-tickets");

        if (menu.contains("Admin dashboard")) {
            open("/admin");
            for (String chart : List.of(
                    "chart-tickets", "chart-revenue-day", "chart-revenue-month", "chart-payments", "chart-delivery")) {
                waitForChart(chart);
            }
            // Today's aggregates are computed in the background after start-up: reload until they are there.
            wait.until(d -> {
                if (d.findElement(By.id("wallet-check")).getText().startsWith("✓")) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
        }
        signOut();
    }
}
