package app.assets.review.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.Toasts;
import app.assets.review.domain.Review;
import app.assets.review.service.ReviewService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.Locale;

/** How a review, stars and an average look, and the "report this review" dialog, shared by the review views. */
final class ReviewCards {

    private ReviewCards() {}

    static String stars(int stars) {
        return "★".repeat(stars) + "☆".repeat(Review.STARS_MAX - stars);
    }

    /** An average with one decimal in the page's digits, e.g. "4.5" or "۴٫۵". */
    static String average(double average, Locale locale) {
        return Formats.oneDecimal(average, locale);
    }

    /** One review: who wrote it (linked to their profile), stars, the item's stars, text and date. */
    static Div card(Component view, Review review, Locale locale) {
        var card = new Div();
        card.addClassName("review-card");
        card.setId("review-" + review.id());
        card.getStyle()
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)");
        var author = new Anchor("people/" + review.authorUserId(), review.authorName());
        var stars = new Span(" " + stars(review.stars()));
        stars.getElement().setAttribute("aria-label", view.getTranslation("review.starsOf", review.stars()));
        stars.getStyle().set("color", "var(--lumo-warning-color, #c98a00)");
        var when = new Span(
                " · " + Formats.date(review.publishedAt() == null ? review.createdAt() : review.publishedAt(), locale));
        when.addClassName("muted");
        card.add(new Div(author, stars, when));
        if (review.itemStars() != null) {
            card.add(new Div(new Span(view.getTranslation("review.itemStars") + " " + stars(review.itemStars()))));
        }
        if (!review.body().isEmpty()) {
            var body = new Paragraph(review.body());
            // The writer's own direction, whatever the page's: "Careful borrower." keeps its full stop on the right.
            body.getElement().setAttribute("dir", "auto");
            body.getStyle().set("white-space", "pre-wrap").set("margin", "var(--lumo-space-xs) 0");
            card.add(body);
        }
        return card;
    }

    /** A "Report" button that asks for a reason and reports the review once. */
    static Button reportButton(Component view, ReviewService reviews, Review review) {
        var report = new Button(
                view.getTranslation("review.report"),
                e -> reportDialog(view, reviews, review).open());
        report.setId("report-" + review.id());
        report.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return report;
    }

    static Dialog reportDialog(Component view, ReviewService reviews, Review review) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(view.getTranslation("review.reportTitle", review.authorName()));
        dialog.setWidth("min(26rem, 95vw)");
        var reason = new TextArea(view.getTranslation("common.reason"));
        reason.setId("report-reason");
        reason.setMaxLength(Review.REASON_MAX);
        reason.setWidthFull();
        var confirm = new Button(view.getTranslation("review.report"), e -> {
            try {
                reviews.report(review.id(), reason.getValue());
                dialog.close();
                Toasts.success(view.getTranslation("review.reported"));
            } catch (UserInputException ex) {
                reason.setErrorMessage(view.getTranslation(ex.messageKey(), ex.arguments()));
                reason.setInvalid(true);
            }
        });
        confirm.setId("report-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason);
        dialog.getFooter().add(new Button(view.getTranslation("common.cancel"), e -> dialog.close()), confirm);
        return dialog;
    }
}
