package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.review.ReviewFixtures;
import app.assets.review.service.ReviewService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import app.assets.ticket.service.TicketLifecycle;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Reputation over the API: public profiles and published reviews for anyone signed in (never a
 * review before its round is published), reports of abuse, and staff hiding reported reviews.
 */
class ApiReviewsTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    TicketLifecycle tickets;

    @Autowired
    UserDetailsService details;

    @Autowired
    ReviewService reviews;

    ApiClient api;
    TestUsers users;
    ReviewFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = ApiClient.on(port);
        users = new TestUsers(accounts, jdbc);
        fixtures = new ReviewFixtures(users, jdbc, ledger, tickets, details);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aProfileAndItsReviewsShowOnlyPublishedReviews() {
        var loan = fixtures.completedLoan();
        String visitor = api.newUser(users, "api-visitor");
        fixtures.as(loan.borrower());
        reviews.write(loan.ticketId(), 4, "Careful lender, on time.", 5);

        Reply blind = api.get("/api/v1/users/" + loan.lenderId() + "/reviews", bearer(visitor));
        fixtures.as(loan.lender());
        reviews.write(loan.ticketId(), 5, "Returned clean.", null);
        Reply profile = api.get("/api/v1/users/" + loan.lenderId() + "/profile", bearer(visitor));
        Reply published = api.get("/api/v1/users/" + loan.lenderId() + "/reviews/", bearer(visitor));

        assertThat(blind.status()).isEqualTo(200);
        assertThat(blind.body().get("total").asLong())
                .as("double-blind until both wrote")
                .isZero();
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        assertThat(profile.body().get("displayName").asString()).isEqualTo("Test Person");
        assertThat(profile.body().get("emailVerified").asBoolean()).isTrue();
        assertThat(profile.body().get("completedLoansAsLender").asLong()).isEqualTo(1);
        assertThat(profile.body().get("ratingAsLender").asDouble()).isEqualTo(4.0);
        assertThat(profile.body().get("lenderReviews").asLong()).isEqualTo(1);
        assertThat(profile.text()).as("never the email").doesNotContain(loan.lender());
        assertThat(published.body().get("total").asLong()).isEqualTo(1);
        var review = published.body().get("items").get(0);
        assertThat(review.get("authorId").asLong()).isEqualTo(loan.borrowerId());
        assertThat(review.get("authorSide").asString()).isEqualTo("BORROWER");
        assertThat(review.get("stars").asInt()).isEqualTo(4);
        assertThat(review.get("body").asString()).isEqualTo("Careful lender, on time.");
        assertThat(api.get("/api/v1/users/999999999/profile", bearer(visitor)).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/users/999999999/reviews", bearer(visitor)).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/users/" + loan.lenderId() + "/profile").status())
                .as("anonymous")
                .isEqualTo(401);
    }

    @Test
    void aReportedReviewIsHiddenByStaffWithAReason() {
        var loan = fixtures.completedLoan();
        fixtures.as(loan.borrower());
        long reviewId = reviews.write(loan.ticketId(), 1, "Abusive words", 1);
        fixtures.as(loan.lender());
        reviews.write(loan.ticketId(), 5, "Fine borrower.", null);
        SecurityContextHolder.clearContext();
        String visitor = api.newUser(users, "api-reporter");
        String author = api.accessToken(loan.borrower());
        String reports = "/api/v1/reviews/" + reviewId + "/reports";

        Reply noReason = api.post(reports, Map.of("reason", ""), bearer(visitor, "Accept-Language", "fa"));
        Reply reported = api.post(reports, Map.of("reason", "Insults"), bearer(visitor));
        Reply again = api.post(reports, Map.of("reason", "Insults"), bearer(visitor));
        Reply own = api.post(reports, Map.of("reason", "Oops"), bearer(author));
        Reply unknown = api.post("/api/v1/reviews/999999999/reports", Map.of("reason", "x"), bearer(visitor));

        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(noReason.body().get("errors").get(0).get("message").asString())
                .isEqualTo("دلیل را بنویسید.");
        assertThat(reported.status()).as(reported.text()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.body().get("code").asString()).isEqualTo("review.ownReport");
        assertThat(unknown.status()).isEqualTo(404);

        String moderator = api.newUser(users, "api-review-moderator", "MODERATOR");
        assertThat(api.get("/api/v1/moderation/reviews", bearer(visitor)).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/moderation/reviews/" + reviewId + "/hide", Map.of("reason", "x"), bearer(visitor))
                        .status())
                .isEqualTo(403);
        assertThat(reportedIds(moderator)).contains(reviewId);
        Reply hideWithoutReason =
                api.post("/api/v1/moderation/reviews/" + reviewId + "/hide", Map.of("reason", " "), bearer(moderator));
        Reply hidden = api.post(
                "/api/v1/moderation/reviews/" + reviewId + "/hide", Map.of("reason", "Insults"), bearer(moderator));

        assertThat(hideWithoutReason.status()).isEqualTo(422);
        assertThat(hidden.status()).as(hidden.text()).isEqualTo(204);
        assertThat(reportedIds(moderator)).doesNotContain(reviewId);
        assertThat(api.get("/api/v1/users/" + loan.lenderId() + "/reviews", bearer(visitor))
                        .body()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(api.get("/api/v1/users/" + loan.lenderId() + "/profile", bearer(visitor))
                        .body()
                        .get("ratingAsLender")
                        .isNull())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'review.hide' and entity_id = ?")
                        .param(Long.toString(reviewId))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private java.util.List<Long> reportedIds(String moderator) {
        var ids = new java.util.ArrayList<Long>();
        for (int page = 0; ; page++) {
            Reply reply = api.get("/api/v1/moderation/reviews?size=100&page=" + page, bearer(moderator));
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            reply.body()
                    .get("items")
                    .forEach(item -> ids.add(item.get("review").get("id").asLong()));
            if (reply.body().get("items").size() < 100) {
                return ids;
            }
        }
    }
}
