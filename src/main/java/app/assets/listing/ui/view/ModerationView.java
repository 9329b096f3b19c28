package app.assets.listing.ui.view;

import app.assets.base.security.Permissions;
import app.assets.base.ui.component.ReasonDialog;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.apache.commons.lang3.StringUtils;

/** Listings waiting for review: read them, approve, or reject with a reason the owner sees. */
@Route("admin/moderation")
@PageTitle("Assets")
@Menu(order = 30, icon = "vaadin:check-square-o", title = "nav.moderation")
@RolesAllowed(Permissions.LISTING_MODERATE)
public class ModerationView extends VerticalLayout {

    final Grid<Listing> grid = new Grid<>();

    public ModerationView(ListingService listings) {
        addClassName("page");
        setSizeFull();
        grid.setId("moderation-queue");
        grid.addColumn(new ComponentRenderer<>(l -> ListingBadges.summary(this, l)))
                .setHeader(getTranslation("listing.title"))
                .setFlexGrow(1);
        grid.addColumn(l -> StringUtils.abbreviate(l.description(), "…", 161))
                .setHeader(getTranslation("listing.description"))
                .setFlexGrow(2);
        grid.addComponentColumn(l -> {
                    var open = new Button(
                            getTranslation("moderation.open"),
                            e -> getUI().ifPresent(ui -> ui.navigate("listings/" + l.id())));
                    open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    var approve = new Button(getTranslation("withdrawal.approve"), e -> {
                        listings.approve(l.id());
                        grid.getDataProvider().refreshAll();
                    });
                    approve.setId("approve-" + l.id());
                    approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
                    var reject = new Button(getTranslation("withdrawal.reject"), e -> reject(listings, l));
                    reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    return new HorizontalLayout(open, approve, reject);
                })
                .setKey("actions")
                .setAutoWidth(true);
        grid.setItems(q -> listings.pending(q.getOffset(), q.getLimit()).stream(), q -> listings.pendingCount());
        grid.setEmptyStateText(getTranslation("moderation.empty"));
        add(new H2(getTranslation("nav.moderation")), new Paragraph(getTranslation("moderation.intro")), grid);
        setFlexGrow(1, grid);
    }

    private void reject(ListingService listings, Listing listing) {
        new ReasonDialog(
                        listing.title(),
                        Listing.NOTE_MAX,
                        "moderation",
                        reason -> listings.reject(listing.id(), reason),
                        grid.getDataProvider()::refreshAll)
                .open();
    }
}
