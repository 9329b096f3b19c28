package app.assets.ticket.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.base.ui.component.MoneyField;
import app.assets.identity.service.AccountService;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.ledger.Posting;
import app.assets.report.service.DashboardService;
import app.assets.support.KaribuTest;
import app.assets.support.TestUsers;
import app.assets.ticket.domain.ConditionReport;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.service.ConditionReportService;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.TicketLifecycle;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The deposit and condition report panels of a ticket, and SUPPORT's queue of disputed claims. */
class DepositViewsTest extends KaribuTest {

    static final String LENDER = "lender@assets.local";
    static final String SUPPORT = "support@assets.local";
    static final String MODERATOR = "moderator@assets.local";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    DepositService deposits;

    @Autowired
    ConditionReportService reports;

    @Autowired
    AccountService accounts;

    @Autowired
    DashboardService dashboards;

    /** A borrower of this test's own: deposits left held on it never show in other tests' balances. */
    String borrower;

    @BeforeEach
    void aBorrower() {
        borrower = TestUsers.uniqueEmail("deposit-view-borrower");
        new TestUsers(accounts, jdbc).verified(borrower);
    }

    long userId(String email) {
        return jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }

    /** An active loan of a new listing of the lender's, with this deposit held on the borrower's wallet. */
    long activeTicket(long deposit) {
        long listing = jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price, moderation)
                select id, 'Karibu drone', 'CAMERA', 20000, 'APPROVED' from users where email = ? returning id""").param(LENDER).query(Long.class).single();
        ledger.post(Posting.move(
                "test-fund:" + UUID.randomUUID(),
                "ADJUSTMENT",
                "test",
                ledger.systemAccount(AccountKind.ADJUSTMENTS),
                ledger.walletOf(userId(borrower)),
                20_000 + deposit));
        signIn(borrower);
        long id = lifecycle.request(UUID.randomUUID(), listing, 1, null);
        jdbc.sql("update tickets set deposit = ? where id = ?")
                .params(deposit, id)
                .update();
        signIn(LENDER);
        lifecycle.accept(id);
        return id;
    }

    String text(String id) {
        return _get(Div.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    static byte[] png() throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void oneSideWritesAConditionReportWithPhotosAndTheOtherConfirmsIt() throws Exception {
        long id = activeTicket(30_000);
        signIn(LENDER);
        navigate("tickets/" + id);
        assertThat(text("deposit-panel")).contains("30,000 IRR").contains("held");
        _setValue(_get(TextArea.class, spec -> spec.withId("condition-notes-handover")), "Two batteries, no scratches");
        _get(ConditionReportPanel.class).received(png());
        _click(_get(Button.class, spec -> spec.withId("submit-condition-handover")));
        assertThat(text("condition-handover"))
                .contains("Two batteries, no scratches")
                .contains("Waiting for the other side's confirmation");
        _assertNone(Button.class, spec -> spec.withId("confirm-condition-handover"));

        signIn(borrower);
        navigate("tickets/" + id);
        _click(_get(Button.class, spec -> spec.withId("confirm-condition-handover")));
        assertThat(text("condition-handover")).contains("Confirmed by");
        _assertNone(Button.class, spec -> spec.withId("confirm-condition-handover"));
        var report = reports.reports(id).getFirst();
        assertThat(report.confirmed()).isTrue();
        assertThat(report.photoIds()).hasSize(1);
    }

    @Test
    void theLenderClaimsTheBorrowerDisputesAndSupportDecidesFromTheQueue() throws Exception {
        long id = activeTicket(50_000);
        signIn(LENDER);
        lifecycle.confirmReturn(id);
        long report = reports.submit(id, ConditionReport.Stage.RETURN, "Cracked propeller", java.util.List.of(png()));
        long lenderBefore = ledger.balance(ledger.walletOf(userId(LENDER))).posted();

        navigate("tickets/" + id);
        _get(Button.class, spec -> spec.withId("release-deposit"));
        _click(_get(Button.class, spec -> spec.withId("file-claim")));
        _setValue(_get(MoneyField.class, spec -> spec.withId("claim-amount")), "20000");
        _setValue(_get(TextArea.class, spec -> spec.withId("claim-text")), "A propeller is cracked");
        @SuppressWarnings("unchecked")
        CheckboxGroup<ConditionReport> evidence = _get(CheckboxGroup.class, spec -> spec.withId("claim-evidence"));
        evidence.setValue(Set.copyOf(evidence.getListDataView().getItems().toList()));
        _click(_get(Button.class, spec -> spec.withId("confirm-claim")));
        assertThat(text("deposit-panel")).contains("claims 20,000 IRR").contains("A propeller is cracked");
        assertThat(deposits.find(id).orElseThrow().evidence()).containsExactly(report);
        _assertNone(Button.class, spec -> spec.withId("release-deposit"));

        signIn(borrower);
        navigate("tickets/" + id);
        _get(Button.class, spec -> spec.withId("accept-claim"));
        _click(_get(Button.class, spec -> spec.withId("dispute-claim")));
        _setValue(_get(TextArea.class, spec -> spec.withId("claim-dispute-reason")), "It was cracked at handover");
        _click(_get(Button.class, spec -> spec.withId("confirm-claim-dispute")));
        assertThat(text("deposit-panel")).contains("It was cracked at handover").contains("Support decides");

        signIn(SUPPORT);
        navigate("admin/claims");
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(ClaimsView.class);
        @SuppressWarnings("unchecked")
        Grid<DepositService.DisputedClaim> grid = _get(Grid.class, spec -> spec.withId("claim-queue"));
        int rows = GridKt._size(grid);
        assertThat(rows).isGreaterThanOrEqualTo(1);
        int row = -1;
        for (int i = 0; i < rows; i++) {
            if (GridKt._get(grid, i).ticketId() == id) {
                row = i;
            }
        }
        assertThat(row).as("the disputed claim is in the queue").isNotNegative();
        _click((Button) GridKt._getCellComponent(grid, row, "decide"));
        _setValue(_get(MoneyField.class, spec -> spec.withId("decide-amount")), "60000");
        _setValue(_get(TextArea.class, spec -> spec.withId("decide-reason")), "Handover photos show it intact");
        _click(_get(Button.class, spec -> spec.withId("confirm-decision")));
        assertThat(_get(MoneyField.class, spec -> spec.withId("decide-amount")).isInvalid())
                .as("more than claimed is refused on the field")
                .isTrue();
        _setValue(_get(MoneyField.class, spec -> spec.withId("decide-amount")), "10000");
        _click(_get(Button.class, spec -> spec.withId("confirm-decision")));
        assertThat(GridKt._size(grid)).isEqualTo(rows - 1);

        var decided = deposits.find(id).orElseThrow();
        assertThat(decided.status()).isEqualTo(Deposit.Status.SETTLED);
        assertThat(decided.capturedAmount()).isEqualTo(10_000);
        assertThat(ledger.balance(ledger.walletOf(userId(LENDER))).posted() - lenderBefore)
                .isEqualTo(10_000);
        signIn(borrower);
        navigate("tickets/" + id);
        assertThat(text("deposit-panel"))
                .contains("10,000 IRR went to the lender")
                .contains("40,000 IRR back");
        assertThat(ledgerCheck.check().ok()).isTrue();
    }

    @Test
    void theBorrowerSeesTheDepositBeforePayingAndTheAdminDashboardShowsDepositsHeldNow() {
        long listing = jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price, moderation)
                select id, 'Karibu kayak', 'OTHER', 20000, 'APPROVED' from users where email = ? returning id""").param(LENDER).query(Long.class).single();
        signIn(borrower);
        long pending = lifecycle.request(UUID.randomUUID(), listing, 1, null);
        jdbc.sql("update tickets set deposit = 70000 where id = ?")
                .param(pending)
                .update();
        navigate("tickets/" + pending);
        assertThat(text("deposit-panel")).contains("70,000 IRR").contains("held on the borrower's wallet on payment");

        activeTicket(10_000);
        signIn("admin@assets.local");
        navigate("admin");
        var figures = dashboards.deposits();
        assertThat(figures.heldAmount()).isGreaterThanOrEqualTo(10_000);
        assertThat(_get(Span.class, spec -> spec.withId("kpi-deposits")).getText())
                .isEqualTo(String.format(Locale.ROOT, "%,d IRR", figures.heldAmount()));
    }

    @Test
    void thePanelsSpeakPersianInPersian() {
        long id = activeTicket(10_000);
        signIn(borrower);
        useLanguage(Languages.PERSIAN);
        navigate("tickets/" + id);
        assertThat(text("deposit-panel")).contains("ودیعه").contains("۱۰٬۰۰۰").doesNotContain("10,000");
        assertThat(text("condition-reports")).contains("گزارش‌های وضعیت", "تحویل", "بازگرداندن");
        useLanguage(Languages.ENGLISH);
    }

    @Test
    void othersSeeNoDepositActionsAndOnlyClaimDecidersOpenTheQueue() {
        long id = activeTicket(10_000);
        signIn(LENDER);
        lifecycle.confirmReturn(id);
        signIn(borrower);
        navigate("tickets/" + id);
        _assertNone(Button.class, spec -> spec.withId("release-deposit"));
        _assertNone(Button.class, spec -> spec.withId("file-claim"));
        signIn(SUPPORT);
        navigate("tickets/" + id);
        assertThat(text("deposit-panel")).contains("10,000 IRR");
        _assertNone(Button.class, spec -> spec.withId("release-deposit"));
        _assertNone(Button.class, spec -> spec.withId("decide-claim"));

        for (String refused : new String[] {LENDER, borrower, MODERATOR}) {
            signIn(refused);
            navigate("admin/claims");
            assertThat(NavigatorKt.getCurrentView()).as(refused).isNotEqualTo(ClaimsView.class);
        }
        signIn(MODERATOR);
        navigate("tickets/" + id);
        _assertNone(Div.class, spec -> spec.withId("deposit-panel"));
    }
}
