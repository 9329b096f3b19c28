package app.assets.listing.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The lender's own listings in every state, with the moderators' notes. */
@Route("my-listings")
@PageTitle("Assets")
@Menu(order = 6, icon = "vaadin:archive", title = "nav.myListings")
@PermitAll
public class MyListingsView extends VerticalLayout {

    final Grid<Listing> grid = new Grid<>();

    public MyListingsView(ListingService listings) {
        addClassName("page");
        setSizeFull();
        var create = new Button(
                getTranslation("listing.new"),
                VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ListingFormView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("my-listings-grid");
        // One column that wraps: it reads well on a phone as on a desktop.
        grid.addColumn(new ComponentRenderer<>(l -> {
                    var status = ListingBadges.status(this, l);
                    var since = new Span(Formats.date(l.createdAt(), getLocale()));
                    since.addClassName("muted");
                    var line = new Div(status, since);
                    line.getStyle()
                            .set("display", "flex")
                            .set("gap", "var(--lumo-space-s)")
                            .set("align-items", "center")
                            .set("flex-wrap", "wrap")
                            .set("margin-top", "var(--lumo-space-xs)");
                    var cell = new Div(ListingBadges.summary(this, l), line);
                    if (l.moderationNote() != null) {
                        var note = new Div(getTranslation("listing.moderatorNote", l.moderationNote()));
                        note.getStyle()
                                .set("color", "var(--lumo-error-text-color)")
                                .set("white-space", "normal");
                        cell.add(note);
                    }
                    return cell;
                }))
                .setHeader(getTranslation("nav.myListings"));
        grid.setItems(q -> listings.mine(q.getOffset(), q.getLimit()).stream(), q -> listings.mineCount());
        grid.setEmptyStateText(getTranslation("listing.noneYet"));
        grid.addItemClickListener(e ->
                getUI().ifPresent(ui -> ui.navigate("listings/" + e.getItem().id())));
        add(new H2(getTranslation("nav.myListings")), create, grid);
        setFlexGrow(1, grid);
    }
}
