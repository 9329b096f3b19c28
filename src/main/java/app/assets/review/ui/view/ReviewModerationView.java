package app.assets.review.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.ReasonDialog;
import app.assets.review.domain.Review;
import app.assets.review.service.ReviewService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Reported reviews, oldest report first: read the review and the reasons, then hide it (with a reason) or keep it. */
@Route("admin/review-reports")
@PageTitle("Assets")
@Menu(order = 31, icon = "vaadin:flag-o", title = "nav.reviewReports")
@RolesAllowed(Permissions.REVIEW_MODERATE)
public class ReviewModerationView extends VerticalLayout {

    final Grid<ReviewService.Reported> grid = new Grid<>();

    public ReviewModerationView(ReviewService reviews) {
        addClassName("page");
        setSizeFull();
        var locale = getLocale();
        grid.setId("review-reports");
        grid.addColumn(new ComponentRenderer<>(r -> {
                    var about = new Span(getTranslation("review.about", r.subjectName()));
                    about.addClassName("muted");
                    return new Div(ReviewCards.card(this, r.review(), locale), about);
                }))
                .setHeader(getTranslation("review.review"))
                .setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(r -> new Div(
                        new Span(getTranslation("review.reportCount", Formats.number(r.reports(), locale))),
                        new Paragraph(r.reasons()))))
                .setHeader(getTranslation("review.reports"))
                .setFlexGrow(1);
        grid.addComponentColumn(r -> {
                    var hide = new Button(
                            getTranslation("review.hide"),
                            e -> new ReasonDialog(
                                            r.review().authorName(),
                                            Review.REASON_MAX,
                                            "hide-review",
                                            reason -> reviews.hide(r.review().id(), reason),
                                            grid.getDataProvider()::refreshAll)
                                    .open());
                    hide.setId("hide-" + r.review().id());
                    hide.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    var keep = new Button(getTranslation("review.keep"), e -> {
                        reviews.keep(r.review().id());
                        grid.getDataProvider().refreshAll();
                    });
                    keep.setId("keep-" + r.review().id());
                    keep.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    return new HorizontalLayout(hide, keep);
                })
                .setKey("actions")
                .setAutoWidth(true);
        grid.setItems(q -> reviews.reported(q.getOffset(), q.getLimit()).stream(), q -> reviews.reportedCount());
        grid.setEmptyStateText(getTranslation("review.noReports"));
        add(new H2(getTranslation("nav.reviewReports")), new Paragraph(getTranslation("review.moderationIntro")), grid);
        setFlexGrow(1, grid);
    }
}
