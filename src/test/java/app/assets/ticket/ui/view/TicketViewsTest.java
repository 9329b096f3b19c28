package app.assets.ticket.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.DateField;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.ledger.Posting;
import app.assets.listing.ui.view.ListingDetailView;
import app.assets.support.KaribuTest;
import app.assets.support.TestFunds;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.service.TicketDisputes;
import app.assets.ticket.service.TicketLifecycle;
import app.assets.ticket.service.TicketQueries;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class TicketViewsTest extends KaribuTest {

    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";
    static final String SUPPORT = "support@assets.local";
    static final String MODERATOR = "moderator@assets.local";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    TicketQueries tickets;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    TicketDisputes disputes;

    long listingId;

    @BeforeEach
    void anApprovedListing() {
        listingId = jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price, moderation)
                select id, 'Karibu tent', 'TENT', 40000, 'APPROVED' from users where email = ? returning id""").param(LENDER).query(Long.class).single();
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

    long posted(String email) {
        return ledger.balance(ledger.walletOf(userId(email))).posted();
    }

    long requestAsBorrower(int days) {
        signIn(BORROWER);
        navigate("listings/" + listingId);
        LocalDate start = LocalDate.now(Formats.ZONE).plusDays(1);
        _setValue(_get(DateField.class, spec -> spec.withId("borrow-start")), start);
        _setValue(_get(DateField.class, spec -> spec.withId("borrow-end")), start.plusDays(days));
        assertThat(_get(Paragraph.class, spec -> spec.withId("borrow-quote")).getText())
                .as("the quote: days x daily price, no deposit")
                .contains(days + " days")
                .contains("price 120,000")
                .contains("total 120,000");
        _click(_get(Button.class, spec -> spec.withId("request-borrow")));
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(TicketDetailView.class);
        String path = UI().getInternals().getActiveViewLocation().getPath();
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }

    static com.vaadin.flow.component.UI UI() {
        return com.vaadin.flow.component.UI.getCurrent();
    }

    @Test
    void theLenderSeesNoRequestFormOnTheirOwnListing() {
        signIn(LENDER);
        navigate("listings/" + listingId);
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(ListingDetailView.class);
        _assertNone(Div.class, spec -> spec.withId("request-to-borrow"));
    }

    @Test
    void aBorrowerRequestsTheLenderAcceptsAndConfirmsTheReturnFromTheViews() {
        fund(BORROWER, 120_000);
        long lenderBefore = posted(LENDER);
        long id = requestAsBorrower(3);
        assertThat(_get(H2.class, spec -> spec.withId("ticket-title")).getText())
                .contains("Karibu tent");
        _get(Button.class, spec -> spec.withId("withdraw-ticket"));
        _assertNone(Button.class, spec -> spec.withId("accept-ticket"));

        signIn(LENDER);
        navigate("tickets/" + id);
        _assertNone(Button.class, spec -> spec.withId("withdraw-ticket"));
        _click(_get(Button.class, spec -> spec.withId("accept-ticket")));
        assertThat(tickets.find(id)).get().extracting(Ticket::status).isEqualTo(TicketStatus.ACTIVE);
        _click(_get(Button.class, spec -> spec.withId("confirm-return")));
        assertThat(_get(Div.class, spec -> spec.withId("ticket-facts"))
                        .getElement()
                        .getTextRecursively())
                .contains("114,000 IRR")
                .contains("6,000 IRR");
        assertThat(posted(LENDER) - lenderBefore).isEqualTo(114_000);
        assertThat(_get(Div.class, spec -> spec.withId("ticket-timeline"))
                        .getElement()
                        .getTextRecursively())
                .contains("Requested", "Accepted", "Paid into escrow", "Returned and paid out");
        assertThat(ledgerCheck.check().ok()).isTrue();
    }

    @Test
    void aShortBorrowerIsOfferedATopUpAndPaysFromTheDetailView() {
        ledger.balance(ledger.walletOf(userId(BORROWER)));
        long available = ledger.balance(ledger.walletOf(userId(BORROWER))).available();
        if (available > 0) {
            ledger.post(Posting.move(
                    "test-drain:" + UUID.randomUUID(),
                    "ADJUSTMENT",
                    "test",
                    ledger.walletOf(userId(BORROWER)),
                    ledger.systemAccount(AccountKind.ADJUSTMENTS),
                    available));
        }
        long id = requestAsBorrower(3);
        signIn(LENDER);
        navigate("tickets/" + id);
        _click(_get(Button.class, spec -> spec.withId("accept-ticket")));
        assertThat(_get(Div.class, spec -> spec.withId("ticket-actions"))
                        .getElement()
                        .getTextRecursively())
                .contains("Waiting for the borrower's payment");

        signIn(BORROWER);
        navigate("tickets/" + id);
        assertThat(_get(Div.class, spec -> spec.withId("ticket-actions"))
                        .getElement()
                        .getTextRecursively())
                .contains("120,000 IRR short");
        assertThat(_get(com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("top-up-link"))
                        .getHref())
                .isEqualTo("/wallet/top-up?ticket=" + id + "&amount=120000");
        fund(BORROWER, 120_000);
        _click(_get(Button.class, spec -> spec.withId("pay-ticket")));
        assertThat(tickets.find(id)).get().extracting(Ticket::status).isEqualTo(TicketStatus.ACTIVE);
        _get(Button.class, spec -> spec.withId("open-dispute"));
    }

    @Test
    void theThreadIsForTheTwoSidesAndSupportJoinsOnlyOnceDisputed() {
        fund(BORROWER, 120_000);
        long id = requestAsBorrower(3);
        _setValue(_get(TextArea.class, spec -> spec.withId("comment-body")), "Is the tent dry?");
        _click(_get(Button.class, spec -> spec.withId("send-comment")));
        assertThat(_get(Div.class, spec -> spec.withId("ticket-thread"))
                        .getElement()
                        .getTextRecursively())
                .contains("Is the tent dry?");

        signIn(SUPPORT);
        navigate("tickets/" + id);
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(TicketDetailView.class);
        assertThat(_get(Div.class, spec -> spec.withId("ticket-thread"))
                        .getElement()
                        .getTextRecursively())
                .doesNotContain("Is the tent dry?")
                .contains("Only the borrower and the lender read the messages");

        signIn(MODERATOR);
        navigate("tickets/" + id);
        assertThat(_get(H2.class, spec -> spec.withId("not-found")).getText()).isEqualTo("Page not found");

        signIn(LENDER);
        navigate("tickets/" + id);
        _click(_get(Button.class, spec -> spec.withId("accept-ticket")));
        _click(_get(Button.class, spec -> spec.withId("open-dispute")));
        _setValue(_get(TextArea.class, spec -> spec.withId("dispute-reason")), "The poles are bent");
        _click(_get(Button.class, spec -> spec.withId("confirm-dispute")));
        assertThat(tickets.find(id)).get().extracting(Ticket::status).isEqualTo(TicketStatus.DISPUTED);

        signIn(SUPPORT);
        navigate("tickets/" + id);
        assertThat(_get(Div.class, spec -> spec.withId("ticket-thread"))
                        .getElement()
                        .getTextRecursively())
                .contains("Is the tent dry?");
        _click(_get(Button.class, spec -> spec.withId("settle-dispute")));
        _setValue(_get(TextArea.class, spec -> spec.withId("settlement-note")), "Poles were bent before");
        _click(_get(Button.class, spec -> spec.withId("confirm-settlement")));
        assertThat(tickets.find(id)).get().extracting(Ticket::status).isEqualTo(TicketStatus.COMPLETED);
        assertThat(ledgerCheck.check().ok()).isTrue();
    }

    @Test
    void supportCannotSettleADisputeTheyAreAPartyToAndIsToldWhyInPersian() {
        fund(SUPPORT, 40_000);
        signIn(SUPPORT);
        long id = lifecycle.request(UUID.randomUUID(), listingId, 1, null);
        signIn(LENDER);
        lifecycle.accept(id);
        signIn(SUPPORT);
        disputes.openDispute(id, "The tent leaks");
        long supportBefore = posted(SUPPORT);
        useLanguage(Locale.forLanguageTag("fa"));
        navigate("tickets/" + id);

        _click(_get(Button.class, spec -> spec.withId("settle-dispute")));
        _setValue(_get(TextArea.class, spec -> spec.withId("settlement-note")), "Refund me");
        _click(_get(Button.class, spec -> spec.withId("confirm-settlement")));

        expectNotifications("شما یکی از طرفینِ این درخواست هستید؛ اختلاف آن را باید یکی دیگر از کارکنان حل‌وفصل کند.");
        assertThat(tickets.find(id)).get().extracting(Ticket::status).isEqualTo(TicketStatus.DISPUTED);
        assertThat(posted(SUPPORT)).isEqualTo(supportBefore);
        signIn("admin@assets.local");
        disputes.settle(id, 0L, "Refunded by another staff member");
        assertThat(ledgerCheck.check().ok()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTicketListShowsMyTicketsByRoleAndStatusAndAllTicketsToTicketReaders() {
        long id = requestAsBorrower(3);
        navigate("tickets");
        Grid<Ticket> grid = _get(Grid.class, spec -> spec.withId("tickets-grid"));
        assertThat(GridKt._findAll(grid)).extracting(Ticket::id).contains(id);
        Select<TicketQueries.Scope> scope = _get(Select.class, spec -> spec.withId("ticket-scope"));
        assertThat(scope.getListDataView().getItems()).doesNotContain(TicketQueries.Scope.ALL);
        _setValue(scope, TicketQueries.Scope.AS_LENDER);
        assertThat(GridKt._findAll(grid)).extracting(Ticket::id).doesNotContain(id);
        _setValue(scope, TicketQueries.Scope.AS_BORROWER);
        Select<TicketStatus> status = _get(Select.class, spec -> spec.withId("ticket-status-filter"));
        _setValue(status, TicketStatus.ACTIVE);
        assertThat(GridKt._findAll(grid)).extracting(Ticket::id).doesNotContain(id);
        _setValue(status, TicketStatus.PENDING);
        assertThat(GridKt._findAll(grid)).extracting(Ticket::id).contains(id);

        signIn(MODERATOR);
        navigate("tickets");
        grid = _get(Grid.class, spec -> spec.withId("tickets-grid"));
        assertThat(GridKt._findAll(grid)).extracting(Ticket::id).doesNotContain(id);

        signIn(SUPPORT);
        navigate("tickets");
        grid = _get(Grid.class, spec -> spec.withId("tickets-grid"));
        scope = _get(Select.class, spec -> spec.withId("ticket-scope"));
        _setValue(scope, TicketQueries.Scope.ALL);
        assertThat(GridKt._findAll(grid)).extracting(Ticket::id).contains(id);
    }

    @Test
    void theDetailViewReadsInPersian() {
        long id = requestAsBorrower(3);
        useLanguage(Locale.forLanguageTag("fa"));
        navigate("tickets/" + id);
        assertThat(_get(Div.class, spec -> spec.withId("ticket-facts"))
                        .getElement()
                        .getTextRecursively())
                .contains("۱۲۰٬۰۰۰ ریال");
    }
}
