package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.api.ApiTicketFixtures.actions;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Person;
import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import app.assets.ticket.domain.ConditionReport.Stage;
import app.assets.ticket.service.ConditionReportService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Disputes and damage claims over the API: a side opens a dispute, SUPPORT settles it from its
 * queue; the lender claims part of the deposit, the borrower disputes, SUPPORT decides. Staff who
 * are a party decide nothing, users without the permission get 403, and retries move money once.
 */
class ApiTicketDisputesTest extends WebIntegrationTest {

    static final long DAILY = 10_000;
    static final long DEPOSIT = 8_000;
    static final long PRICE = 2 * DAILY;

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    ConditionReportService reports;

    ApiClient api;
    ApiTicketFixtures tickets;
    Person lender;
    Person borrower;
    Person support;

    @BeforeEach
    void setUp() {
        api = ApiClient.on(port);
        tickets = ApiTicketFixtures.of(api, new TestUsers(accounts, jdbc), ledger, DAILY, DEPOSIT);
        // The lender is on the support team too: four eyes keeps them off their own ticket.
        lender = tickets.person("api-d-lender", "SUPPORT");
        borrower = tickets.person("api-d-borrower");
        support = tickets.person("api-d-support", "SUPPORT");
        tickets.fund(borrower.id(), 2 * (PRICE + DEPOSIT));
    }

    @Test
    void supportSettlesADisputeFromTheQueueOnceButNotTheirOwn() {
        long id = tickets.active(lender, borrower);

        Reply noReason = api.post(
                "/api/v1/tickets/" + id + "/dispute",
                Map.of("reason", " "),
                bearer(borrower.token(), "Accept-Language", "fa"));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(noReason.body().get("errors").get(0).get("message").asString())
                .containsPattern("\\p{InArabic}");
        Reply disputed = api.post(
                "/api/v1/tickets/" + id + "/dispute",
                Map.of("reason", "It does not turn on"),
                bearer(borrower.token()));
        assertThat(disputed.status()).as(disputed.text()).isEqualTo(200);
        assertThat(disputed.body().get("status").asString()).isEqualTo("DISPUTED");
        assertThat(actions(disputed.body())).isEmpty();

        Reply refused = api.get("/api/v1/disputes", bearer(borrower.token()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asString()).isEqualTo("api.forbidden");
        assertThat(api.post(
                                "/api/v1/disputes/" + id + "/settle",
                                Map.of("lenderShare", 0, "note", "Refund"),
                                bearer(
                                        borrower.token(),
                                        "Idempotency-Key",
                                        UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(403);
        Reply queue = api.get("/api/v1/disputes?size=100", bearer(support.token()));
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body().get("items").valueStream().map(t -> t.get("id").asLong()))
                .contains(id);
        assertThat(queue.body().get("total").asLong()).isPositive();

        assertThat(actions(
                        api.get("/api/v1/tickets/" + id, bearer(lender.token())).body()))
                .as("shown to a dispute handler, as in the app")
                .contains("SETTLE");
        Reply own = api.post(
                "/api/v1/disputes/" + id + "/settle",
                Map.of("lenderShare", PRICE, "note", "Mine"),
                bearer(lender.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.body().get("code").asString()).isEqualTo("ticket.settleOwn");

        assertThat(api.post(
                                "/api/v1/disputes/" + id + "/settle",
                                Map.of("lenderShare", 0, "note", "Refund"),
                                bearer(support.token()))
                        .status())
                .isEqualTo(400);
        Reply tooMuch = api.post(
                "/api/v1/disputes/" + id + "/settle",
                Map.of("lenderShare", PRICE + 1, "note", "Too much"),
                bearer(support.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body().get("errors").get(0).get("field").asString()).isEqualTo("lenderShare");
        Reply noNote = api.post(
                "/api/v1/disputes/" + id + "/settle",
                Map.of("lenderShare", PRICE / 2),
                bearer(support.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(noNote.body().get("errors").get(0).get("field").asString()).isEqualTo("note");

        String key = UUID.randomUUID().toString();
        var settlement = Map.of("lenderShare", PRICE / 2, "note", "Half each");
        Reply settled = api.post(
                "/api/v1/disputes/" + id + "/settle", settlement, bearer(support.token(), "Idempotency-Key", key));
        assertThat(settled.status()).as(settled.text()).isEqualTo(200);
        assertThat(settled.body().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(settled.body().get("outcome").get("borrowerRefund").asLong()).isEqualTo(PRICE / 2);
        long available = tickets.available(borrower.id());
        Reply retry = api.post(
                "/api/v1/disputes/" + id + "/settle", settlement, bearer(support.token(), "Idempotency-Key", key));
        assertThat(retry.status()).as("a retry answers with the settlement").isEqualTo(200);
        assertThat(tickets.available(borrower.id())).as("and moves nothing").isEqualTo(available);
        assertThat(api.post(
                                "/api/v1/disputes/" + id + "/settle",
                                Map.of("lenderShare", 0, "note", "Half each"),
                                bearer(support.token(), "Idempotency-Key", key))
                        .status())
                .isEqualTo(409);
        Reply again = api.post(
                "/api/v1/disputes/" + id + "/settle",
                Map.of("lenderShare", 0, "note", "Refund all"),
                bearer(support.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body().get("code").asString()).isEqualTo("ticket.notDisputed");
    }

    @Test
    void theLenderClaimsTheBorrowerDisputesAndSupportDecidesOnce() {
        long id = tickets.active(lender, borrower);
        Reply completed = api.post("/api/v1/tickets/" + id + "/complete", null, bearer(lender.token()));
        assertThat(completed.body().get("deposit").get("status").asString()).isEqualTo("AWAITING");
        long report = returnReport(id);

        Reply tooMuch = api.post(
                "/api/v1/tickets/" + id + "/claim",
                Map.of("amount", DEPOSIT + 1, "note", "Scratched", "evidence", List.of(report)),
                bearer(lender.token()));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        Reply noEvidence = api.post(
                "/api/v1/tickets/" + id + "/claim",
                Map.of("amount", 3_000, "note", "Scratched"),
                bearer(lender.token(), "Accept-Language", "fa"));
        assertThat(noEvidence.body().get("errors").get(0).get("field").asString())
                .isEqualTo("evidence");
        assertThat(noEvidence.body().get("errors").get(0).get("message").asString())
                .containsPattern("\\p{InArabic}");
        assertThat(api.post(
                                "/api/v1/tickets/" + id + "/claim",
                                Map.of("amount", 3_000, "note", "Scratched", "evidence", List.of(report)),
                                bearer(borrower.token()))
                        .status())
                .isEqualTo(403);
        Reply claimed = api.post(
                "/api/v1/tickets/" + id + "/claim",
                Map.of("amount", 3_000, "note", "Scratched lens", "evidence", List.of(report)),
                bearer(lender.token()));
        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.body().get("deposit").get("status").asString()).isEqualTo("CLAIMED");
        assertThat(claimed.body().get("deposit").get("claim").get("amount").asLong())
                .isEqualTo(3_000);
        assertThat(actions(api.get("/api/v1/tickets/" + id, bearer(borrower.token()))
                        .body()))
                .containsExactly("ACCEPT_CLAIM", "DISPUTE_CLAIM");

        Reply objected = api.post(
                "/api/v1/tickets/" + id + "/claim/dispute",
                Map.of("reason", "It was scratched before"),
                bearer(borrower.token()));
        assertThat(objected.status()).isEqualTo(200);
        assertThat(objected.body().get("deposit").get("status").asString()).isEqualTo("DISPUTED");

        assertThat(api.get("/api/v1/claims", bearer(borrower.token())).status()).isEqualTo(403);
        Reply queue = api.get("/api/v1/claims?status=DISPUTED&size=100", bearer(support.token()));
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()
                        .get("items")
                        .valueStream()
                        .map(c -> c.get("ticketId").asLong()))
                .contains(id);
        Reply otherStatus = api.get("/api/v1/claims?status=CLAIMED", bearer(support.token()));
        assertThat(otherStatus.status()).isEqualTo(422);
        assertThat(otherStatus.body().get("errors").get(0).get("field").asString())
                .isEqualTo("status");

        Reply own = api.post(
                "/api/v1/claims/" + id + "/decide",
                Map.of("amount", 3_000, "reason", "Mine"),
                bearer(lender.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.body().get("code").asString()).isEqualTo("deposit.decideOwn");
        Reply outOfRange = api.post(
                "/api/v1/claims/" + id + "/decide",
                Map.of("amount", 3_001, "reason", "Too much"),
                bearer(support.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(outOfRange.body().get("errors").get(0).get("field").asString())
                .isEqualTo("amount");
        long before = tickets.available(borrower.id());
        String key = UUID.randomUUID().toString();
        var decision = Map.of("amount", 1_000, "reason", "Partly old damage");
        Reply decided =
                api.post("/api/v1/claims/" + id + "/decide", decision, bearer(support.token(), "Idempotency-Key", key));
        assertThat(decided.status()).as(decided.text()).isEqualTo(200);
        assertThat(decided.body().get("status").asString()).isEqualTo("SETTLED");
        assertThat(decided.body().get("capturedAmount").asLong()).isEqualTo(1_000);
        assertThat(tickets.available(borrower.id())).isEqualTo(before + DEPOSIT - 1_000);
        Reply retry =
                api.post("/api/v1/claims/" + id + "/decide", decision, bearer(support.token(), "Idempotency-Key", key));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(tickets.available(borrower.id())).as("decided once").isEqualTo(before + DEPOSIT - 1_000);
    }

    @Test
    void theBorrowerAcceptsAClaimWithAnIdempotencyKey() {
        long id = tickets.active(lender, borrower);
        api.post("/api/v1/tickets/" + id + "/complete", null, bearer(lender.token()));
        long report = returnReport(id);
        api.post(
                "/api/v1/tickets/" + id + "/claim",
                Map.of("amount", 2_000, "note", "Dent", "evidence", List.of(report)),
                bearer(lender.token()));
        assertThat(api.post("/api/v1/tickets/" + id + "/claim/accept", null, bearer(borrower.token()))
                        .status())
                .isEqualTo(400);
        long before = tickets.available(borrower.id());
        Reply accepted = api.post(
                "/api/v1/tickets/" + id + "/claim/accept",
                null,
                bearer(borrower.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.body().get("deposit").get("status").asString()).isEqualTo("SETTLED");
        assertThat(accepted.body().get("deposit").get("resolution").asString()).isEqualTo("ACCEPTED");
        assertThat(tickets.available(borrower.id())).isEqualTo(before + DEPOSIT - 2_000);
    }

    // ---- helpers -------------------------------------------------------------------------------

    long returnReport(long ticketId) {
        actAs(lender.email());
        try {
            return reports.submit(ticketId, Stage.RETURN, "Scratched lens", List.of());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
