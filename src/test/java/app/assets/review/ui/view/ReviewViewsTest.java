package app.assets.review.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.ui.view.AccessDeniedView;
import app.assets.base.ui.view.NotFoundView;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.listing.ui.view.ListingDetailView;
import app.assets.review.ReviewFixtures;
import app.assets.review.service.ReviewService;
import app.assets.support.KaribuTest;
import app.assets.support.TestUsers;
import app.assets.ticket.service.TicketLifecycle;
import app.assets.ticket.ui.view.TicketDetailView;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

class ReviewViewsTest extends KaribuTest {

    static final String MODERATOR = "moderator@assets.local";

    @Autowired
    ReviewService reviews;

    @Autowired
    AccountService accounts;

    @Autowired
    Ledger ledger;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDetailsService details;

    ReviewFixtures f;

    @BeforeEach
    void fixtures() {
        f = new ReviewFixtures(new TestUsers(accounts, jdbc), jdbc, ledger, lifecycle, details);
    }

    /** Both sides write from the ticket's review page, reached from the completed ticket. */
    ReviewFixtures.Loan reviewedLoan() {
        var loan = f.completedLoan();
        signIn(loan.borrower());
        navigate("tickets/" + loan.ticketId());
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(TicketDetailView.class);
        assertThat(_get(Anchor.class, spec -> spec.withId("ticket-review")).getHref())
                .isEqualTo("tickets/" + loan.ticketId() + "/review");
        assertThat(_get(Anchor.class, spec -> spec.withId("ticket-other-profile"))
                        .getHref())
                .isEqualTo("people/" + loan.lenderId());

        navigate("tickets/" + loan.ticketId() + "/review");
        write(5, "Clean tent, kind lender.", 4);
        assertThat(_get(Paragraph.class, spec -> spec.withId("review-theirs-hidden"))
                        .getText())
                .as("the lender has not written yet")
                .startsWith("Hidden until you have both written");
        _assertNone(Button.class, spec -> spec.withId("review-submit"));

        signIn(loan.lender());
        navigate("tickets/" + loan.ticketId() + "/review");
        assertThat(_get(Paragraph.class, spec -> spec.withId("review-theirs-hidden"))
                        .getText())
                .as("double-blind")
                .doesNotContain("Clean tent");
        write(4, "Returned on time.", null);
        _assertNone(Paragraph.class, spec -> spec.withId("review-theirs-hidden"));
        return loan;
    }

    void write(int stars, String body, Integer itemStars) {
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(TicketReviewView.class);
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Integer> starsField = _get(RadioButtonGroup.class, spec -> spec.withId("review-stars"));
        _setValue(starsField, stars);
        if (itemStars != null) {
            @SuppressWarnings("unchecked")
            RadioButtonGroup<Integer> item = _get(RadioButtonGroup.class, spec -> spec.withId("review-item-stars"));
            _setValue(item, itemStars);
        } else {
            _assertNone(RadioButtonGroup.class, spec -> spec.withId("review-item-stars"));
        }
        _setValue(_get(TextArea.class, spec -> spec.withId("review-body")), body);
        _click(_get(Button.class, spec -> spec.withId("review-submit")));
    }

    @Test
    void bothSidesWriteFromTheTicketAndEachThenSeesTheOthersReview() {
        var loan = reviewedLoan();
        signIn(loan.borrower());
        navigate("tickets/" + loan.ticketId() + "/review");
        assertThat(cards()).anyMatch(c -> c.contains("Returned on time.") && c.contains("★★★★☆"));
    }

    @Test
    void theProfileShowsLoansRatingsAndRecentReviewsAndTheListingShowsTheItemsRating() {
        var loan = reviewedLoan();
        String visitor = TestUsers.uniqueEmail("visitor");
        f.users().verified(visitor);
        signIn(visitor);
        navigate("listings/" + loan.listingId());
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(ListingDetailView.class);
        assertThat(text("listing-rating")).isEqualTo("Item rating: 4.0 of 5 (1 review)");
        assertThat(_get(Anchor.class, spec -> spec.withId("listing-owner")).getHref())
                .isEqualTo("people/" + loan.lenderId());

        navigate("people/" + loan.lenderId());
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(PublicProfileView.class);
        assertThat(_get(H2.class, spec -> spec.withId("profile-name")).getText())
                .isEqualTo("Test Person");
        assertThat(text("profile-email")).isEqualTo("Email verified");
        assertThat(text("profile-loans")).isEqualTo("Completed loans: 1 as lender, 0 as borrower");
        assertThat(text("profile-rating-lender")).isEqualTo("As lender: 5.0 of 5 (1 review)");
        assertThat(text("profile-rating-borrower")).isEqualTo("As borrower: no reviews yet");
        assertThat(cards())
                .singleElement()
                .satisfies(
                        c -> assertThat(c).contains("Clean tent, kind lender.").contains("★★★★★"));
        // no email address anywhere on the page
        assertThat(_get(PublicProfileView.class).getElement().getOuterHTML()).doesNotContain("@example.com");
    }

    @Test
    void aReportedReviewReachesTheModeratorWhoHidesItWithAReason() {
        var loan = reviewedLoan();
        String visitor = TestUsers.uniqueEmail("visitor");
        f.users().verified(visitor);
        signIn(visitor);
        navigate("people/" + loan.lenderId());
        long reviewId = reviews.profile(loan.lenderId())
                .orElseThrow()
                .recentReviews()
                .getFirst()
                .id();
        _click(_get(Button.class, spec -> spec.withId("report-" + reviewId)));
        _setValue(_get(TextArea.class, spec -> spec.withId("report-reason")), "Spam");
        _click(_get(Button.class, spec -> spec.withId("report-confirm")));

        signIn(MODERATOR);
        navigate("admin/review-reports");
        var view = _get(ReviewModerationView.class);
        var row = GridKt._findAll(view.grid).stream()
                .filter(r -> r.review().id() == reviewId)
                .findFirst()
                .orElseThrow();
        assertThat(row.reasons()).isEqualTo("Spam");
        var hide = button(cell(view.grid, 2, row), "hide-" + reviewId);
        hide.click();
        _setValue(_get(TextArea.class, spec -> spec.withId("hide-review-reason")), "Advertising");
        _click(_get(Button.class, spec -> spec.withId("hide-review-confirm")));
        assertThat(GridKt._findAll(view.grid)).noneMatch(r -> r.review().id() == reviewId);

        navigate("people/" + loan.lenderId());
        assertThat(text("profile-rating-lender")).isEqualTo("As lender: no reviews yet");
        navigate("listings/" + loan.listingId());
        assertThat(text("listing-rating")).isEqualTo("No reviews of this item yet");

        signIn(loan.borrower());
        navigate("tickets/" + loan.ticketId() + "/review");
        assertThat(text("review-mine-hidden")).isEqualTo("A moderator hid this review: Advertising");
    }

    @Test
    void theProfileSpeaksPersianWithPersianDigits() {
        var loan = reviewedLoan();
        useLanguage(java.util.Locale.forLanguageTag("fa"));
        signIn(loan.borrower());
        navigate("people/" + loan.lenderId());
        assertThat(text("profile-loans"))
                .isEqualTo("امانت‌های پایان‌یافته: ۱ به‌عنوان امانت‌دهنده، ۰ به‌عنوان امانت‌گیرنده");
        assertThat(text("profile-rating-lender")).isEqualTo("به‌عنوان امانت‌دهنده: ۵٫۰ از ۵ (۱ دیدگاه)");
        assertThat(documentDirection()).isEqualTo("rtl");
    }

    @Test
    void othersCannotOpenATicketsReviewPageOrTheModerationQueue() {
        var loan = f.completedLoan();
        String stranger = TestUsers.uniqueEmail("stranger");
        f.users().verified(stranger);
        signIn(stranger);
        navigate("tickets/" + loan.ticketId() + "/review");
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(NotFoundView.class);
        navigate("admin/review-reports");
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(AccessDeniedView.class);

        signIn(loan.borrower());
        navigate("admin/review-reports");
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(AccessDeniedView.class);
    }

    private static java.util.List<String> cards() {
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(Div.class, spec -> spec.withClasses("review-card"))
                .stream()
                .map(d -> d.getElement().getTextRecursively())
                .toList();
    }

    private static String text(String id) {
        return _get(Component.class, spec -> spec.withId(id)).getElement().getTextRecursively();
    }

    private static Button button(Component root, String id) {
        return root.getChildren()
                .flatMap(c -> c instanceof Button b ? java.util.stream.Stream.of(b) : c.getChildren())
                .filter(c -> c instanceof Button && c.getId().orElse("").equals(id))
                .map(Button.class::cast)
                .findFirst()
                .orElseThrow();
    }
}
