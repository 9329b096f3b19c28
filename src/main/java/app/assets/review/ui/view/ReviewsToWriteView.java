package app.assets.review.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.review.service.ReviewService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The reviews the signed-in user may still write: completed tickets whose window is open, soonest-closing first. */
@Route("reviews")
@PageTitle("Assets")
@Menu(order = 8, icon = "vaadin:star-o", title = "nav.reviews")
@PermitAll
public class ReviewsToWriteView extends VerticalLayout {

    final Grid<ReviewService.ToWrite> grid = new Grid<>();

    public ReviewsToWriteView(ReviewService reviews) {
        addClassName("page");
        setSizeFull();
        var locale = getLocale();
        grid.setId("reviews-to-write");
        grid.addColumn(ReviewService.ToWrite::listingTitle).setHeader(getTranslation("review.listing"));
        grid.addColumn(ReviewService.ToWrite::otherName).setHeader(getTranslation("review.otherSide"));
        grid.addColumn(w -> Formats.dateTime(w.closesAt(), locale)).setHeader(getTranslation("review.closesAt"));
        grid.setItems(reviews.toWrite());
        grid.setEmptyStateText(getTranslation("review.noneToWrite"));
        grid.addItemClickListener(e ->
                getUI().ifPresent(ui -> ui.navigate("tickets/" + e.getItem().ticketId() + "/review")));
        add(new H2(getTranslation("nav.reviews")), new Paragraph(getTranslation("review.toWriteIntro")), grid);
        setFlexGrow(1, grid);
    }
}
