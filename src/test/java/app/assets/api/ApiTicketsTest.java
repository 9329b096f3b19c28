package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.api.ApiTicketFixtures.actions;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Tickets over the API, as a mobile client drives them: requesting dates, each side's steps with
 * the actions the ticket lists, the refusals (anonymous 401, not yours 404, the other side's step
 * 403, a wrong state 422 in the caller's language) and that racing payments pay once.
 */
class ApiTicketsTest extends WebIntegrationTest {

    static final long DAILY = 10_000;
    static final long DEPOSIT = 5_000;

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    ApiClient api;
    ApiTicketFixtures tickets;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = ApiClient.on(port);
        tickets = ApiTicketFixtures.of(api, new TestUsers(accounts, jdbc), ledger, DAILY, DEPOSIT);
        today = tickets.today();
    }

    @Test
    void aBorrowerRequestsDatesAndTheTicketShowsTheQuoteTheThreadAndOnlyToItsSides() {
        var lender = tickets.person("api-t-lender");
        var borrower = tickets.person("api-t-borrower");
        var stranger = tickets.person("api-t-stranger");
        long listing = tickets.listing(lender.id());
        String key = UUID.randomUUID().toString();
        var body = tickets.request(listing, 1, 3, "Hello, is it still free?");

        assertThat(api.post("/api/v1/tickets", body).status()).isEqualTo(401);
        Reply created = api.post("/api/v1/tickets", body, bearer(borrower.token(), "Idempotency-Key", key));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/tickets/" + id);
        JsonNode ticket = created.body();
        assertThat(ticket.get("status").asString()).isEqualTo("PENDING");
        assertThat(ticket.get("side").asString()).isEqualTo("BORROWER");
        assertThat(ticket.get("booking").get("start").asString())
                .isEqualTo(today.plusDays(1).toString());
        assertThat(ticket.get("booking").get("days").asInt()).isEqualTo(2);
        assertThat(ticket.get("booking").get("price").asLong()).isEqualTo(2 * DAILY);
        assertThat(ticket.get("booking").get("deposit").asLong()).isEqualTo(DEPOSIT);
        assertThat(ticket.get("address").isNull())
                .as("the address once accepted")
                .isTrue();
        assertThat(actions(ticket)).containsExactly("WITHDRAW");

        Reply retry = api.post("/api/v1/tickets", body, bearer(borrower.token(), "Idempotency-Key", key));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("id").asLong())
                .as("a retry is the first ticket")
                .isEqualTo(id);
        assertThat(api.post(
                                "/api/v1/tickets",
                                tickets.request(listing, 2, 4, null),
                                bearer(borrower.token(), "Idempotency-Key", key))
                        .status())
                .isEqualTo(409);

        Reply read = api.get("/api/v1/tickets/" + id, bearer(borrower.token()));
        assertThat(read.status()).isEqualTo(200);
        String etag = read.header("ETag");
        assertThat(etag).isNotBlank();
        assertThat(api.get("/api/v1/tickets/" + id, bearer(borrower.token(), "If-None-Match", etag))
                        .status())
                .isEqualTo(304);
        Reply asLender = api.get("/api/v1/tickets/" + id + "/", bearer(lender.token()));
        assertThat(asLender.status()).isEqualTo(200);
        assertThat(asLender.body().get("side").asString()).isEqualTo("LENDER");
        assertThat(actions(asLender.body())).containsExactly("ACCEPT", "DECLINE");
        assertThat(asLender.header("ETag")).as("the actions differ by side").isNotEqualTo(etag);

        Reply hidden = api.get("/api/v1/tickets/" + id, bearer(stranger.token(), "Accept-Language", "fa"));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body().get("code").asString()).isEqualTo("ticket.notFound");
        assertThat(hidden.body().get("detail").asString()).containsPattern("\\p{InArabic}");
        assertThat(api.get("/api/v1/tickets/" + id + "/comments", bearer(stranger.token()))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/tickets/" + id + "/comments", Map.of("body", "hi"), bearer(stranger.token()))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/tickets/" + id + "/accept", null, bearer(stranger.token()))
                        .status())
                .isEqualTo(404);

        Reply thread = api.get("/api/v1/tickets/" + id + "/comments", bearer(lender.token()));
        assertThat(thread.status()).isEqualTo(200);
        assertThat(thread.body().get("total").asLong()).isEqualTo(1);
        assertThat(thread.body().get("items").get(0).get("body").asString()).isEqualTo("Hello, is it still free?");
        Reply answer =
                api.post("/api/v1/tickets/" + id + "/comments", Map.of("body", "Yes, it is."), bearer(lender.token()));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().get("authorUserId").asLong()).isEqualTo(lender.id());
        Reply empty = api.post(
                "/api/v1/tickets/" + id + "/comments",
                Map.of("body", "  "),
                bearer(lender.token(), "Accept-Language", "fa"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body().get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(empty.body().get("errors").get(0).get("message").asString()).containsPattern("\\p{InArabic}");
        Reply tooLong = api.post(
                "/api/v1/tickets/" + id + "/comments", Map.of("body", "x".repeat(2001)), bearer(lender.token()));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body().get("errors").get(0).get("code").asString()).isEqualTo("ticket.commentTooLong");
        assertThat(api.get("/api/v1/tickets/" + id + "/comments", bearer(borrower.token()))
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(2);

        Reply mine = api.get("/api/v1/tickets?role=lender&status=pending&size=100", bearer(lender.token()));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().get("total").asLong()).isEqualTo(1);
        assertThat(mine.body().get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(api.get("/api/v1/tickets?role=borrower", bearer(lender.token()))
                        .body()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/v1/tickets", bearer(borrower.token()))
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/tickets?status=ACTIVE", bearer(borrower.token()))
                        .body()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(field(api.get("/api/v1/tickets?role=owner", bearer(borrower.token()))))
                .isEqualTo("role");
        assertThat(field(api.get("/api/v1/tickets?status=LOST", bearer(borrower.token()))))
                .isEqualTo("status");
        assertThat(api.get("/api/v1/tickets").status()).isEqualTo(401);
    }

    @Test
    void badRequestsNameTheFieldInTheCallersLanguageAndLeaveNoTicket() {
        var lender = tickets.person("api-t-lender");
        var borrower = tickets.person("api-t-borrower");
        long listing = tickets.listing(lender.id());

        Reply badDate = api.post(
                "/api/v1/tickets",
                Map.of(
                        "listingId",
                        listing,
                        "start",
                        "27/11/2026",
                        "end",
                        today.plusDays(3).toString()),
                bearer(borrower.token(), "Accept-Language", "fa"));
        assertThat(badDate.status()).isEqualTo(422);
        assertThat(badDate.body().get("errors").get(0).get("field").asString()).isEqualTo("start");
        assertThat(badDate.body().get("errors").get(0).get("message").asString())
                .containsPattern("\\p{InArabic}");
        Reply backwards = api.post("/api/v1/tickets", tickets.request(listing, 3, 1, null), bearer(borrower.token()));
        assertThat(field(backwards)).isEqualTo("end");
        assertThat(backwards.body().get("errors").get(0).get("code").asString()).isEqualTo("booking.endAfterStart");
        assertThat(backwards.body().get("errors").get(0).get("message").asString())
                .isEqualTo("The return day must be after the start.");
        Reply past = api.post("/api/v1/tickets", tickets.request(listing, -2, 1, null), bearer(borrower.token()));
        assertThat(field(past)).isEqualTo("start");
        Reply own = api.post("/api/v1/tickets", tickets.request(listing, 1, 2, null), bearer(lender.token()));
        assertThat(field(own)).isEqualTo("listingId");
        assertThat(own.body().get("errors").get(0).get("code").asString()).isEqualTo("ticket.ownListing");
        Reply longMessage =
                api.post("/api/v1/tickets", tickets.request(listing, 1, 2, "x".repeat(2001)), bearer(borrower.token()));
        assertThat(field(longMessage)).isEqualTo("message");
        assertThat(field(api.post(
                        "/api/v1/tickets",
                        Map.of(
                                "start",
                                today.plusDays(1).toString(),
                                "end",
                                today.plusDays(2).toString()),
                        bearer(borrower.token()))))
                .isEqualTo("listingId");
        assertThat(api.get("/api/v1/tickets", bearer(borrower.token()))
                        .body()
                        .get("total")
                        .asLong())
                .as("nothing half-written")
                .isZero();
    }

    @Test
    void eachSideTakesOnlyItsStepsAndRacingPaymentsPayOnce() throws Exception {
        var lender = tickets.person("api-t-lender");
        var borrower = tickets.person("api-t-borrower");
        long listing = tickets.listing(lender.id());
        long id = tickets.requested(borrower, listing);
        long price = 2 * DAILY;

        Reply wrongSide = api.send("PATCH", "/api/v1/tickets/" + id + "/accept", null, bearer(borrower.token()));
        assertThat(wrongSide.status()).isEqualTo(403);
        assertThat(wrongSide.body().get("code").asString()).isEqualTo("ticket.lenderOnly");
        assertThat(api.post("/api/v1/tickets/" + id + "/withdraw", null, bearer(lender.token()))
                        .status())
                .isEqualTo(403);

        // The original design's PATCH, with a trailing slash: the borrower's wallet is empty, so it waits.
        Reply accepted = api.send("PATCH", "/api/v1/tickets/" + id + "/accept/", null, bearer(lender.token()));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.body().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(actions(accepted.body())).isEmpty();
        assertThat(api.send("PATCH", "/api/v1/tickets/" + id + "/accept", null, bearer(lender.token()))
                        .body()
                        .get("status")
                        .asString())
                .as("accepting twice is harmless")
                .isEqualTo("ACCEPTED");
        JsonNode asBorrower =
                api.get("/api/v1/tickets/" + id, bearer(borrower.token())).body();
        assertThat(actions(asBorrower)).containsExactly("PAY", "WITHDRAW");
        assertThat(asBorrower.get("address").asString()).isEqualTo("Secret street 7");

        assertThat(api.post("/api/v1/tickets/" + id + "/pay", null, bearer(borrower.token()))
                        .status())
                .as("no Idempotency-Key")
                .isEqualTo(400);
        Reply short_ = api.post(
                "/api/v1/tickets/" + id + "/pay",
                null,
                bearer(borrower.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(short_.status()).isEqualTo(422);
        assertThat(short_.body().get("code").asString()).isEqualTo("ticket.payShort");

        tickets.fund(borrower.id(), price + DEPOSIT + 1_000);
        String key = UUID.randomUUID().toString();
        var start = new CountDownLatch(1);
        Callable<Reply> pay = () -> {
            start.await();
            return api.post("/api/v1/tickets/" + id + "/pay", null, bearer(borrower.token(), "Idempotency-Key", key));
        };
        var statuses = new HashSet<String>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var replies = new ArrayList<Future<Reply>>();
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(pay));
            }
            start.countDown();
            for (var reply : replies) {
                Reply r = reply.get();
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                statuses.add(r.body().get("status").asString());
            }
        }
        assertThat(statuses).containsExactly("ACTIVE");
        var wallet = api.get("/api/v1/wallet", bearer(borrower.token())).body();
        assertThat(wallet.get("available").asLong()).as("paid once").isEqualTo(1_000);
        assertThat(wallet.get("held").asLong()).as("the deposit").isEqualTo(DEPOSIT);
        assertThat(escrow(id)).isEqualTo(price);

        Reply wrongState =
                api.post("/api/v1/tickets/" + id + "/decline", null, bearer(lender.token(), "Accept-Language", "fa"));
        assertThat(wrongState.status()).isEqualTo(422);
        assertThat(wrongState.body().get("code").asString()).isEqualTo("ticket.transition.DECLINED");
        assertThat(wrongState.body().get("detail").asString()).containsPattern("\\p{InArabic}");
        assertThat(actions(
                        api.get("/api/v1/tickets/" + id, bearer(lender.token())).body()))
                .containsExactly("COMPLETE", "DISPUTE");

        Reply completed = api.send("PATCH", "/api/v1/tickets/" + id + "/complete", null, bearer(lender.token()));
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(completed.body().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.body().get("outcome").get("lenderPayout").asLong()
                        + completed.body().get("outcome").get("platformFee").asLong())
                .isEqualTo(price);
        assertThat(completed.body().get("deposit").get("status").asString()).isEqualTo("AWAITING");
        assertThat(actions(completed.body())).containsExactly("RELEASE_DEPOSIT", "CLAIM");
        assertThat(api.post("/api/v1/tickets/" + id + "/complete", null, bearer(lender.token()))
                        .status())
                .as("confirming twice is harmless")
                .isEqualTo(200);

        assertThat(api.post(
                                "/api/v1/tickets/" + id + "/deposit/release",
                                null,
                                bearer(
                                        borrower.token(),
                                        "Idempotency-Key",
                                        UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(403);
        Reply released = api.post(
                "/api/v1/tickets/" + id + "/deposit/release",
                null,
                bearer(lender.token(), "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(released.status()).as(released.text()).isEqualTo(200);
        assertThat(released.body().get("deposit").get("status").asString()).isEqualTo("RELEASED");
        assertThat(api.get("/api/v1/wallet", bearer(borrower.token()))
                        .body()
                        .get("available")
                        .asLong())
                .isEqualTo(1_000 + DEPOSIT);
    }

    @Test
    void theLenderDeclinesWithAReasonTheBorrowerReadsAndTheBorrowerWithdrawsAnother() {
        var lender = tickets.person("api-t-lender");
        var borrower = tickets.person("api-t-borrower");
        long listing = tickets.listing(lender.id());
        long first = tickets.requested(borrower, listing);

        Reply declined = api.post(
                "/api/v1/tickets/" + first + "/decline/",
                Map.of("reason", "Away that week, sorry."),
                bearer(lender.token()));
        assertThat(declined.status()).as(declined.text()).isEqualTo(200);
        assertThat(declined.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(declined.body().get("cancelReason").asString()).isEqualTo("DECLINED");
        var thread = api.get("/api/v1/tickets/" + first + "/comments", bearer(borrower.token()))
                .body();
        assertThat(thread.get("items").get(0).get("body").asString()).isEqualTo("Away that week, sorry.");

        long second = tickets.requested(borrower, listing);
        Reply withdrawn = api.post("/api/v1/tickets/" + second + "/withdraw", null, bearer(borrower.token()));
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.body().get("cancelReason").asString()).isEqualTo("WITHDRAWN");
        assertThat(actions(withdrawn.body())).isEmpty();
    }

    @Test
    void bothSidesReviewACompletedLoanDoubleBlind() {
        var lender = tickets.person("api-t-lender");
        var borrower = tickets.person("api-t-borrower");
        var stranger = tickets.person("api-t-stranger");
        tickets.fund(borrower.id(), 2 * DAILY + DEPOSIT);
        long id = tickets.active(lender, borrower);
        Reply early = api.post("/api/v1/tickets/" + id + "/review", Map.of("stars", 5), bearer(lender.token()));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body().get("code").asString()).isEqualTo("review.notCompleted");
        api.post("/api/v1/tickets/" + id + "/complete", null, bearer(lender.token()));

        var good = Map.of("stars", 5, "text", "Careful borrower", "itemStars", 4);
        assertThat(api.post("/api/v1/tickets/" + id + "/review", good).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/tickets/" + id + "/review", good, bearer(stranger.token()))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/tickets/" + id + "/review", bearer(stranger.token()))
                        .status())
                .isEqualTo(404);
        assertThat(field(api.post(
                        "/api/v1/tickets/" + id + "/review",
                        Map.of("stars", 6, "itemStars", 4),
                        bearer(borrower.token()))))
                .isEqualTo("stars");
        Reply noItem = api.post(
                "/api/v1/tickets/" + id + "/review",
                Map.of("stars", 4),
                bearer(borrower.token(), "Accept-Language", "fa"));
        assertThat(field(noItem)).as("the borrower rates the item too").isEqualTo("itemStars");
        assertThat(noItem.body().get("errors").get(0).get("message").asString()).containsPattern("\\p{InArabic}");
        assertThat(field(api.post(
                        "/api/v1/tickets/" + id + "/review",
                        Map.of("stars", 4, "itemStars", 4, "text", "x".repeat(2001)),
                        bearer(borrower.token()))))
                .isEqualTo("text");

        Reply written = api.post("/api/v1/tickets/" + id + "/review", good, bearer(borrower.token()));
        assertThat(written.status()).as(written.text()).isEqualTo(201);
        assertThat(written.body().get("mine").get("itemStars").asInt()).isEqualTo(4);
        assertThat(written.body().get("canWrite").asBoolean()).isFalse();
        Reply twice = api.post("/api/v1/tickets/" + id + "/review", good, bearer(borrower.token()));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body().get("code").asString()).isEqualTo("review.already");
        Reply blind = api.get("/api/v1/tickets/" + id + "/review", bearer(lender.token()));
        assertThat(blind.body().get("theirs").isNull()).as("double-blind").isTrue();
        assertThat(blind.body().get("canWrite").asBoolean()).isTrue();

        Reply second = api.post(
                "/api/v1/tickets/" + id + "/review", Map.of("stars", 4, "text", "Fine camera"), bearer(lender.token()));
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(second.body().get("publishedAt").isNull()).isFalse();
        assertThat(second.body().get("theirs").get("text").asString()).isEqualTo("Careful borrower");
    }

    @Test
    void oneSideWritesTheHandoverReportAndOnlyTheOtherConfirmsIt() {
        var lender = tickets.person("api-t-lender");
        var borrower = tickets.person("api-t-borrower");
        var stranger = tickets.person("api-t-stranger");
        long listing = tickets.listing(lender.id());
        long id = tickets.requested(borrower, listing);
        String path = "/api/v1/tickets/" + id + "/condition-reports";
        Reply early = api.post(path, Map.of("stage", "HANDOVER", "notes", "Like new"), bearer(borrower.token()));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body().get("code").asString()).isEqualTo("condition.notNow.HANDOVER");
        tickets.fund(borrower.id(), 2 * DAILY + DEPOSIT);
        api.post("/api/v1/tickets/" + id + "/accept", null, bearer(lender.token()));

        assertThat(field(api.post(path, Map.of("stage", "LATER", "notes", "x"), bearer(borrower.token()))))
                .isEqualTo("stage");
        Reply empty = api.post(
                path, Map.of("stage", "handover", "notes", " "), bearer(borrower.token(), "Accept-Language", "fa"));
        assertThat(field(empty)).isEqualTo("notes");
        assertThat(empty.body().get("errors").get(0).get("message").asString()).containsPattern("\\p{InArabic}");
        assertThat(api.post(path, Map.of("stage", "HANDOVER", "notes", "x"), bearer(stranger.token()))
                        .status())
                .isEqualTo(404);
        Reply written =
                api.post(path, Map.of("stage", "HANDOVER", "notes", "Like new, one scratch"), bearer(borrower.token()));
        assertThat(written.status()).as(written.text()).isEqualTo(201);
        JsonNode report = written.body().get("conditionReports").get(0);
        assertThat(report.get("stage").asString()).isEqualTo("HANDOVER");
        assertThat(report.get("confirmable").asBoolean())
                .as("not by its author")
                .isFalse();
        long reportId = report.get("id").asLong();
        assertThat(api.post(path, Map.of("stage", "HANDOVER", "notes", "Again"), bearer(lender.token()))
                        .body()
                        .get("code")
                        .asString())
                .isEqualTo("condition.exists");

        Reply own = api.post(path + "/" + reportId + "/confirm", null, bearer(borrower.token()));
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.body().get("code").asString()).isEqualTo("condition.confirmOwn");
        assertThat(api.post(path + "/" + reportId + "/confirm", null, bearer(stranger.token()))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/tickets/" + id, bearer(lender.token()))
                        .body()
                        .get("conditionReports")
                        .get(0)
                        .get("confirmable")
                        .asBoolean())
                .isTrue();
        Reply confirmed = api.post(path + "/" + reportId + "/confirm", null, bearer(lender.token()));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        assertThat(confirmed
                        .body()
                        .get("conditionReports")
                        .get(0)
                        .get("confirmed")
                        .asBoolean())
                .isTrue();
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String field(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        return reply.body().get("errors").get(0).get("field").asString();
    }

    long escrow(long ticketId) {
        return ledger.balance(ledger.escrowAccount("ticket:" + ticketId)).posted();
    }
}
