package app.assets.review.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.identity.CurrentUser;
import app.assets.review.service.ReviewService;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/**
 * A user's public profile: name, member since, whether email and phone are verified (never the
 * addresses), completed loans, average ratings as lender and as borrower, and recent published
 * reviews. Signed-in users only (see docs/reviews.md: reputation is for people about to lend or
 * borrow, not for crawlers).
 */
@Route("people/:id(\\d+)")
@PageTitle("Assets")
@PermitAll
public class PublicProfileView extends VerticalLayout implements BeforeEnterObserver {

    private final ReviewService reviews;
    private final CurrentUser currentUser;

    public PublicProfileView(ReviewService reviews, CurrentUser currentUser) {
        this.reviews = reviews;
        this.currentUser = currentUser;
        addClassName("page");
        setMaxWidth("50rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        var profile = reviews.profile(id);
        if (profile.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        show(profile.get());
    }

    private void show(ReviewService.Profile profile) {
        removeAll();
        var locale = getLocale();
        var person = profile.person();
        var name = new H2(person.displayName());
        name.setId("profile-name");
        var facts = new Div();
        facts.setId("profile-facts");
        facts.add(fact(
                "profile-member-since",
                getTranslation("people.memberSince", Formats.date(person.memberSince(), locale))));
        facts.add(fact(
                "profile-email",
                getTranslation(person.emailVerified() ? "people.emailVerified" : "people.emailNotVerified")));
        facts.add(fact(
                "profile-phone",
                getTranslation(person.phoneVerified() ? "people.phoneVerified" : "people.phoneNotVerified")));
        var loans = profile.completedLoans();
        facts.add(fact(
                "profile-loans",
                getTranslation(
                        "people.completedLoans",
                        Formats.number(loans.asLender(), locale),
                        Formats.number(loans.asBorrower(), locale))));
        var rep = profile.reputation();
        facts.add(fact("profile-rating-lender", rating("people.ratingAsLender", rep.asLender(), rep.lenderReviews())));
        facts.add(fact(
                "profile-rating-borrower", rating("people.ratingAsBorrower", rep.asBorrower(), rep.borrowerReviews())));
        add(name, facts, new H3(getTranslation("people.recentReviews")));
        var list = new Div();
        list.setId("profile-reviews");
        list.getStyle().set("display", "grid").set("gap", "var(--lumo-space-s)");
        long me = currentUser.require().id();
        for (var review : profile.recentReviews()) {
            var card = ReviewCards.card(this, review, locale);
            if (review.authorUserId() != me) {
                card.add(ReviewCards.reportButton(this, reviews, review));
            }
            list.add(card);
        }
        if (profile.recentReviews().isEmpty()) {
            list.add(new Paragraph(getTranslation("people.noReviews")));
        }
        add(list);
    }

    private String rating(String key, Double average, long count) {
        if (average == null) {
            return getTranslation(key, getTranslation("people.noRatingYet"));
        }
        return getTranslation(
                key,
                getTranslation(
                        "people.ratingValue",
                        ReviewCards.average(average, getLocale()),
                        Formats.number(count, getLocale()),
                        count));
    }

    private static Div fact(String id, String text) {
        var div = new Div(new Span(text));
        div.setId(id);
        return div;
    }
}
