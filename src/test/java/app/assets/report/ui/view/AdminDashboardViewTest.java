package app.assets.report.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.listing.ListingCategory;
import app.assets.report.domain.Segment;
import app.assets.report.service.DashboardService;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.button.Button;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AdminDashboardViewTest extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DashboardService dashboards;

    long allTickets;

    @BeforeEach
    void threeBookTicketsAndTwoCameraTicketsToday() {
        for (String category : new String[] {"BOOKS", "BOOKS", "BOOKS", "CAMERA", "CAMERA"}) {
            jdbc.sql("""
                            with l as (insert into listings (owner_user_id, title, category, daily_price, moderation)
                                       select id, 'Dashboard ' || ?, ?, 2000, 'APPROVED' from users where email = 'lender@assets.local'
                                       returning id, title, owner_user_id)
                            insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price, status,
                                                 activated_at)
                            select gen_random_uuid()::text, l.id, l.title, b.id, l.owner_user_id, 2, 4000, 'ACTIVE', now()
                            from l, users b where b.email = 'borrower@assets.local'""").params(category, category).update();
        }
        allTickets = jdbc.sql("select count(*) from tickets").query(Long.class).single();
        signIn("admin@assets.local");
        dashboards.recompute(dashboards.today());
    }

    @Test
    void adminSeesTheFiguresAndFiltersThemByCategoryAndSegment() {
        navigate("admin");
        var view = _get(AdminDashboardView.class);
        assertThat(text("kpi-tickets")).isEqualTo(String.valueOf(allTickets));
        assertThat(text("wallet-check")).isEqualTo("✓ equals the ledger");
        assertThat(text("computed-at")).startsWith("Figures computed at ");
        assertThat(_get(Button.class, spec -> spec.withId("recompute")).isVisible())
                .isTrue();

        view.category.setValue(ListingCategory.BOOKS);
        assertThat(text("kpi-tickets")).isEqualTo(String.valueOf(count("BOOKS")));
        long booksVolume = jdbc.sql("""
                        select sum(t.price) from tickets t join listings l on l.id = t.listing_id
                        where l.category = 'BOOKS' and t.activated_at is not null""").query(Long.class).single();
        assertThat(text("kpi-volume")).isEqualTo(String.format(Locale.ROOT, "%,d IRR", booksVolume));
        view.segment.setValue(Segment.ESTABLISHED);
        assertThat(text("kpi-tickets"))
                .as("the demo borrower signed up today: none of this test's tickets")
                .isEqualTo(String.valueOf(established("BOOKS")));
        view.segment.setValue(Segment.NEW);
        view.category.setValue(ListingCategory.CAMERA);
        assertThat(text("kpi-tickets")).isEqualTo(String.valueOf(count("CAMERA")));
    }

    @Test
    void aCustomRangeThatEndsBeforeItStartsIsExplained() {
        navigate("admin");
        var view = _get(AdminDashboardView.class);
        view.range.setValue(0);
        assertThat(view.from.isVisible()).isTrue();
        view.from.setValue(dashboards.today());
        view.to.setValue(dashboards.today().minusDays(3));
        assertThat(text("computed-at")).isEqualTo("The range starts after it ends.");
        view.range.setValue(7);
        assertThat(view.shown.filter().days()).isEqualTo(7);
    }

    @Test
    void recomputingShowsTheNewFigures() {
        navigate("admin");
        long before = Long.parseLong(text("kpi-tickets"));
        jdbc.sql("""
                insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price)
                select gen_random_uuid()::text, l.id, l.title, b.id, l.owner_user_id, 1, 2000
                from listings l, users b where l.title = 'Dashboard BOOKS' and b.email = 'borrower@assets.local' limit 1""").update();
        _click(_get(Button.class, spec -> spec.withId("recompute")));
        assertThat(Long.parseLong(text("kpi-tickets"))).isEqualTo(before + 1);
    }

    @Test
    void recomputeComputesAtMostThirtyOneDaysAClickAndIsAuditedOncePerClick() {
        navigate("admin");
        var view = _get(AdminDashboardView.class);
        long audits = recomputeAudits();
        view.range.setValue(0);
        view.from.setValue(dashboards.today().minusDays(400));
        view.to.setValue(dashboards.today().minusDays(300));
        _click(_get(Button.class, spec -> spec.withId("recompute")));
        expectNotifications(
                "Recompute computes at most 31 days at a time, and this range has 101 days to compute. Choose a shorter range.");
        assertThat(computedDays(400, 300)).isZero();
        assertThat(recomputeAudits()).isEqualTo(audits);

        view.from.setValue(dashboards.today().minusDays(330));
        _click(_get(Button.class, spec -> spec.withId("recompute")));
        expectNotifications("Recomputed 31 days.");
        assertThat(computedDays(330, 300)).isEqualTo(31);
        assertThat(recomputeAudits())
                .as("one audit row for the click, not one per day")
                .isEqualTo(audits + 1);
    }

    private long computedDays(int fromDaysAgo, int toDaysAgo) {
        return jdbc.sql("select count(*) from daily_aggregates where report_date between ? and ?")
                .params(
                        dashboards.today().minusDays(fromDaysAgo),
                        dashboards.today().minusDays(toDaysAgo))
                .query(Long.class)
                .single();
    }

    private long recomputeAudits() {
        return jdbc.sql("select count(*) from audit_log where action = 'report.recompute'")
                .query(Long.class)
                .single();
    }

    @Test
    void persianIsRightToLeftWithPersianDigitsAndJalaliDates() {
        useLanguage(Locale.forLanguageTag("fa"));
        navigate("admin");
        assertThat(documentDirection()).isEqualTo("rtl");
        assertThat(text("kpi-tickets")).isEqualTo(persian(String.valueOf(allTickets)));
        assertThat(text("computed-at")).startsWith("آمار در ").doesNotContainPattern("[0-9]");
        assertThat(text("wallet-check")).isEqualTo("✓ با دفتر کل برابر است");
        assertThat(text("kpi-volume")).endsWith("ریال");
    }

    @Test
    void anAuditorReadsTheDashboardWithoutTheRecomputeButton() {
        signIn("auditor@assets.local");
        navigate("admin");
        assertThat(text("kpi-tickets")).isEqualTo(String.valueOf(allTickets));
        _assertNone(Button.class, spec -> spec.withId("recompute"));
    }

    /** Tickets of the category whose borrower's account was at least 30 days old when asking (Segment.ESTABLISHED). */
    private long established(String category) {
        return jdbc.sql("""
                        select count(*) from tickets t join listings l on l.id = t.listing_id join users u on u.id = t.borrower_user_id
                        where l.category = ? and t.created_at - u.created_at >= interval '30 days'""").param(category).query(Long.class).single();
    }

    private long count(String category) {
        return jdbc.sql("select count(*) from tickets t join listings l on l.id = t.listing_id where l.category = ?")
                .param(category)
                .query(Long.class)
                .single();
    }

    private static String text(String id) {
        return _get(com.vaadin.flow.component.Component.class, spec -> spec.withId(id))
                .getElement()
                .getText();
    }

    private static String persian(String digits) {
        var out = new StringBuilder();
        digits.chars().forEach(c -> out.append((char) ('۰' + (c - '0'))));
        return out.toString();
    }
}
