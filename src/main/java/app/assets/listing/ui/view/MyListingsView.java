package app.assets.listing.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
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
        var create = new Button(getTranslation("listing.new"), VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ListingFormView.class)));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        grid.setId("my-listings-grid");
        grid.addColumn(new ComponentRenderer<>(l -> ListingBadges.summary(this, l))).setHeader(getTranslation("listing.title")).setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(l -> ListingBadges.status(this, l))).setHeader(getTranslation("users.status")).setAutoWidth(true);
        grid.addColumn(l -> l.moderationNote() == null ? "" : l.moderationNote()).setHeader(getTranslation("listing.note")).setFlexGrow(1);
        grid.addColumn(l -> Formats.date(l.createdAt(), getLocale())).setHeader(getTranslation("users.created")).setAutoWidth(true);
        grid.setItems(q -> listings.mine(q.getOffset(), q.getLimit()).stream(), q -> listings.mineCount());
        grid.setEmptyStateText(getTranslation("listing.noneYet"));
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("listings/" + e.getItem().id())));
        add(new H2(getTranslation("nav.myListings")), create, grid);
        setFlexGrow(1, grid);
    }
}
