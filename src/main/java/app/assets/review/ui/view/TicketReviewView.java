package app.assets.review.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.Toasts;
import app.assets.review.domain.Review;
import app.assets.review.service.ReviewService;
import app.assets.ticket.TicketParties;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.stream.IntStream;

/**
 * A completed ticket's reviews, for its two sides: write yours (stars, text, and the item's stars
 * from the borrower), see it, and see the other side's once the round is published. To anyone
 * else the page does not exist.
 */
@Route("tickets/:id(\\d+)/review")
@PageTitle("Assets")
@PermitAll
public class TicketReviewView extends VerticalLayout implements BeforeEnterObserver {

    final RadioButtonGroup<Integer> stars = starsField("review-stars");
    final RadioButtonGroup<Integer> itemStars = starsField("review-item-stars");
    final TextArea body = new TextArea();
    final Button submit = new Button();

    private final ReviewService reviews;
    private long ticketId;

    public TicketReviewView(ReviewService reviews) {
        this.reviews = reviews;
        addClassName("page");
        setMaxWidth("50rem");
        submit.addClickListener(e -> {
            try {
                reviews.write(ticketId, stars.getValue(), body.getValue(), itemStars.getValue());
                // The second review publishes both at once: say so rather than "published later".
                boolean published = reviews.round(ticketId)
                        .map(r -> r.publishedAt() != null)
                        .orElse(false);
                Toasts.success(getTranslation(published ? "review.savedAndPublished" : "review.saved"));
                refresh();
            } catch (UserInputException ex) {
                Toasts.error(this, ex);
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ticketId = event.getRouteParameters().getLong("id").orElse(-1L);
        if (reviews.round(ticketId).isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        refresh();
    }

    private void refresh() {
        removeAll();
        var round = reviews.round(ticketId).orElseThrow();
        var locale = getLocale();
        var title = new H2(getTranslation("review.titleFor", round.otherName()));
        title.setId("review-title");
        add(title, new Anchor("tickets/" + ticketId, round.ticket().listingTitle()));
        add(new Anchor("people/" + round.otherUserId(), getTranslation("review.otherProfile", round.otherName())));
        if (!round.ticket().isCompleted()) {
            add(paragraph("review-state", getTranslation("review.notCompletedYet")));
            return;
        }
        if (round.canWrite(reviews.now())) {
            add(paragraph(
                    "review-state", getTranslation("review.blindUntil", Formats.dateTime(round.closesAt(), locale))));
            add(form(round));
        } else if (round.mine().isEmpty()) {
            add(paragraph("review-state", getTranslation("review.windowClosed")));
        }
        round.mine().ifPresent(mine -> {
            add(new H3(getTranslation("review.yours")));
            add(ReviewCards.card(this, mine, locale));
            if (mine.hiddenAt() != null) {
                add(paragraph("review-mine-hidden", getTranslation("review.hiddenByModerator", mine.hiddenReason())));
            }
        });
        add(new H3(getTranslation("review.theirs", round.otherName())));
        if (round.theirs().isPresent()) {
            var theirs = round.theirs().get();
            add(ReviewCards.card(this, theirs, locale), ReviewCards.reportButton(this, reviews, theirs));
        } else if (round.publishedAt() == null && round.closesAt() != null) {
            add(paragraph(
                    "review-theirs-hidden",
                    getTranslation("review.theirsHidden", Formats.dateTime(round.closesAt(), locale))));
        } else {
            add(paragraph("review-theirs-hidden", getTranslation("review.theirsNone")));
        }
    }

    private VerticalLayout form(ReviewService.Round round) {
        var form = new VerticalLayout();
        form.setPadding(false);
        stars.setLabel(getTranslation("review.starsFor", round.otherName()));
        form.add(stars);
        if (round.mySide() == TicketParties.Side.BORROWER) {
            itemStars.setLabel(
                    getTranslation("review.itemStarsFor", round.ticket().listingTitle()));
            form.add(itemStars);
        }
        body.setId("review-body");
        body.setLabel(getTranslation("review.body"));
        body.setMaxLength(Review.BODY_MAX);
        body.setWidthFull();
        submit.setText(getTranslation("review.submit"));
        submit.setId("review-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        form.add(body, submit);
        return form;
    }

    private static RadioButtonGroup<Integer> starsField(String id) {
        var field = new RadioButtonGroup<Integer>();
        field.setId(id);
        field.setItems(IntStream.rangeClosed(Review.STARS_MIN, Review.STARS_MAX)
                .boxed()
                .toList());
        field.setItemLabelGenerator(ReviewCards::stars);
        return field;
    }

    private static Paragraph paragraph(String id, String text) {
        var p = new Paragraph(text);
        p.setId(id);
        return p;
    }
}
