package app.assets.report.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.report.service.MyDashboard;
import app.assets.support.KaribuTest;
import app.assets.support.TestFunds;
import app.assets.support.TestUsers;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.service.TicketLifecycle;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user's dashboard: figures from their own wallet and tickets, in both languages. */
class DashboardViewTest extends KaribuTest {

    final String LENDER = TestUsers.uniqueEmail("dash-lender");
    final String BORROWER = TestUsers.uniqueEmail("dash-borrower");

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    MyDashboard dashboard;

    @Autowired
    AccountService accounts;

    @BeforeEach
    void people() {
        var users = new TestUsers(accounts, jdbc);
        users.verified(LENDER);
        users.verified(BORROWER);
    }

    long userId(String email) {
        return jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }

    void fund(String email, long amount) {
        TestFunds.fund(ledger, userId(email), amount);
    }

    /** The borrower borrows the lender's camera for three days at 100,000 a day; the loan is running. */
    long activeLoan() {
        return activeLoan("Dashboard camera");
    }

    long activeLoan(String title) {
        long listing = jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price, moderation)
                values (?, ?, 'CAMERA', 100000, 'APPROVED') returning id""")
                .param(userId(LENDER))
                .param(title)
                .query(Long.class)
                .single();
        fund(BORROWER, 1_000_000);
        signIn(BORROWER);
        long ticket = lifecycle.request(UUID.randomUUID(), listing, 3, null);
        signIn(LENDER);
        lifecycle.accept(ticket);
        return ticket;
    }

    @Test
    void showsTheBorrowersBalanceFlowsTicketsAndTheLoanWithItsDueDate() {
        long ticket = activeLoan();
        signIn(BORROWER);
        navigate("");
        var view = _get(DashboardView.class);

        assertThat(_get(Span.class, spec -> spec.withId("dashboard-available")).getText())
                .isEqualTo("700,000 IRR");
        assertThat(_get(Span.class, spec -> spec.withId("dashboard-posted")).getText())
                .isEqualTo("700,000 IRR");
        assertThat(_get(Span.class, spec -> spec.withId("dashboard-loans")).getText())
                .isEqualTo("1");
        assertThat(view.flowChart.getSummary())
                .contains("In: ")
                .contains("total 1,000,000 IRR")
                .contains("Out: ")
                .contains("total 300,000 IRR");
        assertThat(view.ticketChart.getSummary()).contains("As borrower: ").contains("As lender: ");
        assertThat(view.flowChart.getElement().getProperty("config"))
                .contains("\"kind\":\"bar\"")
                .contains("1000000");
        var loans = _get(Div.class, spec -> spec.withId("dashboard-loan-list"));
        assertThat(loans.getElement().getOuterHTML())
                .contains("tickets/" + ticket)
                .contains("Due ")
                .contains("in 3 days");
        var recent = _get(Div.class, spec -> spec.withId("dashboard-recent"));
        assertThat(recent.getElement().getOuterHTML())
                .contains("Paid into escrow")
                .contains("Dashboard camera");
    }

    @Test
    void aTitleWithMarkupIsShownAsText() {
        activeLoan("<img src=x onerror=alert(1)> & lens");
        signIn(BORROWER);
        navigate("");
        for (var id : new String[] {"dashboard-loan-list", "dashboard-recent"}) {
            assertThat(_get(Div.class, spec -> spec.withId(id)).getElement().getOuterHTML())
                    .as(id)
                    .contains("&lt;img src=x onerror=alert(1)&gt; &amp; lens")
                    .doesNotContain("<img");
        }
    }

    @Test
    void countsTicketsOnEachSideSeparately() {
        activeLoan();
        signIn(LENDER);
        var lender = dashboard.overview(Formats.ZONE);
        assertThat(lender.asLender().get(TicketStatus.ACTIVE)).isEqualTo(1);
        assertThat(lender.asBorrower().get(TicketStatus.ACTIVE)).isZero();
        signIn(BORROWER);
        var borrower = dashboard.overview(Formats.ZONE);
        assertThat(borrower.asBorrower().get(TicketStatus.ACTIVE)).isEqualTo(1);
        assertThat(borrower.flows()).hasSize(MyDashboard.FLOW_DAYS);
        assertThat(borrower.flows().getLast().in()).isEqualTo(1_000_000);
        assertThat(borrower.flows().getLast().out()).isEqualTo(300_000);
    }

    @Test
    void speaksPersianWithPersianDigits() {
        activeLoan();
        signIn(BORROWER);
        useLanguage(Languages.PERSIAN);
        navigate("");
        var view = _get(DashboardView.class);
        assertThat(_get(Span.class, spec -> spec.withId("dashboard-available")).getText())
                .isEqualTo("۷۰۰٬۰۰۰ ریال");
        assertThat(view.flowChart.getSummary()).contains("ورودی: ").contains("مجموع ۱٬۰۰۰٬۰۰۰ ریال");
        assertThat(view.flowChart.getElement().getProperty("config")).contains("\"language\":\"fa\"");
    }

    @Test
    void nobodySignedInGetsNothing() {
        SecurityContextHolder.clearContext();
        assertThatThrownBy(() -> dashboard.overview(Formats.ZONE))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void countsEveryRunningLoanThoughTheListShowsOnlyTheFirstFew() {
        int loans = MyDashboard.LIST_LIMIT + 1;
        long listing = jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price, moderation)
                values (?, 'Busy drill', 'TOOLS', 10000, 'APPROVED') returning id""").param(userId(LENDER)).query(Long.class).single();
        fund(BORROWER, 1_000_000);
        for (int i = 0; i < loans; i++) {
            signIn(BORROWER);
            long ticket = lifecycle.request(UUID.randomUUID(), listing, 1, null);
            signIn(LENDER);
            lifecycle.accept(ticket);
        }
        signIn(BORROWER);
        navigate("");
        assertThat(_get(Span.class, spec -> spec.withId("dashboard-loans")).getText())
                .isEqualTo(String.valueOf(loans));
        var list = _get(Div.class, spec -> spec.withId("dashboard-loan-list"));
        assertThat(list.getChildren().count()).isEqualTo(MyDashboard.LIST_LIMIT);
        assertThat(list.getElement().getOuterHTML()).contains("Due tomorrow");
        var recent = _get(Div.class, spec -> spec.withId("dashboard-recent"));
        assertThat(recent.getElement().getOuterHTML())
                .as("system bookkeeping text stays out")
                .doesNotContain("Ticket #")
                .contains("Paid into escrow");
    }
}
