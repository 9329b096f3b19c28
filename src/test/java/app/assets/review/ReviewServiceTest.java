package app.assets.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.review.domain.Review;
import app.assets.review.service.ReviewService;
import app.assets.review.service.ReviewTimers;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import app.assets.ticket.TicketParties;
import app.assets.ticket.service.TicketDisputes;
import app.assets.ticket.service.TicketLifecycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

class ReviewServiceTest extends IntegrationTest {

    static final String MODERATOR = "moderator@assets.local";

    @Autowired
    ReviewService reviews;

    @Autowired
    ReviewTimers timers;

    @Autowired
    TicketDisputes disputes;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    AccountService accounts;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDetailsService details;

    ReviewFixtures f;

    @BeforeEach
    void fixtures() {
        f = new ReviewFixtures(new TestUsers(accounts, jdbc), jdbc, ledger, lifecycle, details);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReviewStaysHiddenFromTheOtherSideAndTheProfileUntilBothHaveWritten() {
        var loan = f.completedLoan();
        f.as(loan.lender());
        reviews.write(loan.ticketId(), 4, "Careful borrower, returned on time.", null);

        var lenderView = reviews.round(loan.ticketId()).orElseThrow();
        assertThat(lenderView.mine()).get().extracting(Review::stars).isEqualTo(4);
        assertThat(lenderView.publishedAt()).isNull();

        f.as(loan.borrower());
        var borrowerView = reviews.round(loan.ticketId()).orElseThrow();
        assertThat(borrowerView.theirs()).as("double-blind").isEmpty();
        assertThat(borrowerView.canWrite(reviews.now())).isTrue();
        var profile = reviews.profile(loan.borrowerId()).orElseThrow();
        assertThat(profile.recentReviews()).isEmpty();
        assertThat(profile.reputation().asBorrower()).isNull();
        assertThat(f.notifications("REVIEW_RECEIVED", loan.borrowerId())).isZero();
    }

    @Test
    void theSecondReviewPublishesBothAddsTheItemStarsAndTellsBothSides() {
        var loan = f.completedLoan();
        f.as(loan.lender());
        reviews.write(loan.ticketId(), 4, "Careful borrower.", null);
        f.as(loan.borrower());
        reviews.write(loan.ticketId(), 5, "Great tent, friendly lender.", 3);

        var borrowerView = reviews.round(loan.ticketId()).orElseThrow();
        assertThat(borrowerView.publishedAt()).isNotNull();
        assertThat(borrowerView.theirs()).get().extracting(Review::body).isEqualTo("Careful borrower.");
        f.as(loan.lender());
        assertThat(reviews.round(loan.ticketId()).orElseThrow().theirs())
                .get()
                .extracting(Review::itemStars)
                .isEqualTo(3);

        assertThat(f.ratingCount(loan.listingId())).isEqualTo(1);
        assertThat(f.ratingSum(loan.listingId())).isEqualTo(3);
        var lenderProfile = reviews.profile(loan.lenderId()).orElseThrow();
        assertThat(lenderProfile.reputation().asLender()).isEqualTo(5.0);
        assertThat(lenderProfile.reputation().lenderReviews()).isEqualTo(1);
        assertThat(lenderProfile.completedLoans()).isEqualTo(new TicketParties.CompletedLoans(1, 0));
        assertThat(lenderProfile.recentReviews())
                .singleElement()
                .satisfies(r -> assertThat(r.authorName()).isEqualTo("Test Person"));
        assertThat(reviews.profile(loan.borrowerId()).orElseThrow().reputation().asBorrower())
                .isEqualTo(4.0);
        assertThat(f.notifications("REVIEW_RECEIVED", loan.lenderId())).isPositive();
        assertThat(f.notifications("REVIEW_RECEIVED", loan.borrowerId())).isPositive();
    }

    @Test
    void whenTheWindowClosesTheJobPublishesWhatWasWrittenAndNothingMoreCanBeWritten() {
        var loan = f.completedLoan();
        f.as(loan.borrower());
        reviews.write(loan.ticketId(), 2, "Tent had a tear.", 2);
        f.closeWindow(loan.ticketId());
        SecurityContextHolder.clearContext();

        assertThat(timers.publishDue()).isPositive();

        f.as(loan.lender());
        var round = reviews.round(loan.ticketId()).orElseThrow();
        assertThat(round.publishedAt()).isNotNull();
        assertThat(round.theirs()).get().extracting(Review::stars).isEqualTo(2);
        assertThat(round.canWrite(reviews.now())).isFalse();
        assertThat(f.ratingCount(loan.listingId())).isEqualTo(1);
        assertThatThrownBy(() -> reviews.write(loan.ticketId(), 5, "late", null))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("review.windowClosed");
        assertThat(timers.publishDue()).as("published once").isZero();
        assertThat(f.ratingCount(loan.listingId())).isEqualTo(1);
    }

    @Test
    void eachSideReviewsOnce() {
        var loan = f.completedLoan();
        f.as(loan.lender());
        reviews.write(loan.ticketId(), 4, "ok", null);
        assertThatThrownBy(() -> reviews.write(loan.ticketId(), 1, "changed my mind", null))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("review.already");
    }

    @Test
    void twoSubmissionsAtOnceLeaveOneReviewAndTellTheOtherItIsAlreadyWritten() throws Exception {
        var loan = f.completedLoan();
        var barrier = new CyclicBarrier(2);
        var done = new CountDownLatch(2);
        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            int stars = i + 3;
            new Thread(() -> {
                        try {
                            f.as(loan.borrower());
                            barrier.await(10, TimeUnit.SECONDS);
                            outcomes.add(reviews.write(loan.ticketId(), stars, "twice", stars));
                        } catch (UserInputException e) {
                            outcomes.add(e.messageKey());
                        } catch (Exception e) {
                            outcomes.add(e);
                        } finally {
                            SecurityContextHolder.clearContext();
                            done.countDown();
                        }
                    })
                    .start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(outcomes).hasSize(2).filteredOn(o -> o instanceof Long).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof String).containsExactly("review.already");
        assertThat(jdbc.sql("select count(*) from reviews where ticket_id = ?")
                        .param(loan.ticketId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void onlyTheTwoSidesOfACompletedLoanMayReview() {
        var loan = f.completedLoan();
        String stranger = TestUsers.uniqueEmail("stranger");
        f.users().verified(stranger);
        f.as(stranger);
        assertThatThrownBy(() -> reviews.write(loan.ticketId(), 1, "never met them", null))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("review.notParty");
        assertThat(reviews.round(loan.ticketId())).isEmpty();

        var running = f.activeLoan();
        f.as(running.borrower());
        assertThatThrownBy(() -> reviews.write(running.ticketId(), 5, "early", 5))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("review.notCompleted");
    }

    @Test
    void theBorrowerMustRateTheItemAndStarsStayBetweenOneAndFive() {
        var loan = f.completedLoan();
        f.as(loan.borrower());
        assertThatThrownBy(() -> reviews.write(loan.ticketId(), 5, "no item stars", null))
                .hasMessageContaining("review.starsRange");
        assertThatThrownBy(() -> reviews.write(loan.ticketId(), 6, "too many", 5))
                .hasMessageContaining("review.starsRange");
        assertThatThrownBy(() -> reviews.write(loan.ticketId(), 5, "x".repeat(Review.BODY_MAX + 1), 5))
                .hasMessageContaining("review.bodyTooLong");
    }

    @Test
    void aModeratorHidesAReportedReviewAndItLeavesTheProfileAndTheRatings() {
        var loan = f.completedLoan();
        f.as(loan.lender());
        reviews.write(loan.ticketId(), 5, "Fine", null);
        f.as(loan.borrower());
        reviews.write(loan.ticketId(), 1, "Abusive words", 1);
        long abusive = reviews.round(loan.ticketId())
                .orElseThrow()
                .mine()
                .orElseThrow()
                .id();
        assertThat(f.ratingCount(loan.listingId())).isEqualTo(1);
        assertThatThrownBy(() -> reviews.report(abusive, "my own words"))
                .as("nobody reports their own review")
                .hasMessageContaining("review.ownReport");

        String reader = TestUsers.uniqueEmail("reader");
        f.users().verified(reader);
        f.as(reader);
        reviews.report(abusive, "Insults the lender");
        assertThatThrownBy(() -> reviews.report(abusive, "again"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("review.alreadyReported");
        assertThatThrownBy(() -> reviews.hide(abusive, "not mine to hide")).isInstanceOf(AccessDeniedException.class);

        f.as(MODERATOR);
        assertThat(reviews.reported(0, 1000))
                .filteredOn(r -> r.review().id() == abusive)
                .singleElement()
                .satisfies(r -> assertThat(r.reports()).isEqualTo(1));
        assertThatThrownBy(() -> reviews.hide(abusive, " ")).hasMessageContaining("reason.required");
        reviews.hide(abusive, "Insults");

        assertThat(reviews.reported(0, 1000)).noneMatch(r -> r.review().id() == abusive);
        assertThat(f.ratingCount(loan.listingId())).isZero();
        assertThat(f.ratingSum(loan.listingId())).isZero();
        var profile = reviews.profile(loan.lenderId()).orElseThrow();
        assertThat(profile.recentReviews()).isEmpty();
        assertThat(profile.reputation().asLender()).isNull();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'review.hide' and entity_id = ?")
                        .param(String.valueOf(abusive))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        f.as(loan.lender());
        assertThat(reviews.round(loan.ticketId()).orElseThrow().theirs())
                .as("hidden from its subject")
                .isEmpty();
    }

    @Test
    void onlyPublishedReviewsCanBeReported() {
        var loan = f.completedLoan();
        f.as(loan.lender());
        long id = reviews.write(loan.ticketId(), 3, "still blind", null);
        f.as(loan.borrower());
        assertThatThrownBy(() -> reviews.report(id, "I guessed it is there"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("review.notFound");
    }

    @Test
    void theReviewsToWriteListShowsOpenRoundsUntilWritten() {
        var loan = f.completedLoan();
        f.as(loan.borrower());
        assertThat(reviews.toWrite()).singleElement().satisfies(w -> {
            assertThat(w.ticketId()).isEqualTo(loan.ticketId());
            assertThat(w.listingTitle()).isEqualTo("Review test tent");
            assertThat(w.otherUserId()).isEqualTo(loan.lenderId());
        });
        reviews.write(loan.ticketId(), 4, "", 4);
        assertThat(reviews.toWrite()).isEmpty();
    }

    @Test
    void aReviewsTextIsStoredWithoutControlCharacters() {
        var loan = f.completedLoan();
        f.as(loan.lender());
        long id = reviews.write(loan.ticketId(), 3, "Good\r\nthen \u0000bad\u001b[31m", null);
        assertThat(jdbc.sql("select body from reviews where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("Good\nthen bad[31m");
    }

    @Test
    void aDisputeSettledBySupportOpensTheReviewRoundToo() {
        var loan = f.activeLoan();
        f.as(loan.borrower());
        disputes.openDispute(loan.ticketId(), "The tent leaked");
        f.as("support@assets.local");
        disputes.settle(loan.ticketId(), 10_000L, "Half each");
        f.as(loan.borrower());
        assertThat(reviews.toWrite()).anyMatch(w -> w.ticketId() == loan.ticketId());
        reviews.write(loan.ticketId(), 2, "Leaked", 1);
        assertThat(reviews.round(loan.ticketId()).orElseThrow().mine()).isPresent();
    }
}
