package app.assets.listing.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.DateField;
import app.assets.base.ui.component.MonthCalendar;
import app.assets.identity.CurrentUser;
import app.assets.listing.ListingPanels;
import app.assets.listing.ListingRatings;
import app.assets.listing.ListingSummary;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

/** One listing: photos, price, description; the owner also edits, pauses or resumes it here. */
@Route("listings/:id(\\d+)")
@PageTitle("Assets")
@PermitAll
// Panels of other modules (the ticket module's request form) render here; the production bundle
// loads web components per route, so the fields they use are declared on this route.
@Uses(TextField.class)
@Uses(DateField.class)
@Uses(MonthCalendar.class)
public class ListingDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final ListingService listings;
    private final CurrentUser currentUser;
    private final ObjectProvider<ListingPanels> panels;
    private final ListingRatings ratings;

    public ListingDetailView(
            ListingService listings,
            CurrentUser currentUser,
            ObjectProvider<ListingPanels> panels,
            ListingRatings ratings) {
        this.listings = listings;
        this.currentUser = currentUser;
        this.panels = panels;
        this.ratings = ratings;
        addClassName("page");
        setMaxWidth("60rem");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        var listing = listings.find(id);
        if (listing.isEmpty()) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        show(listing.get());
    }

    /** The item's rating from its published reviews (ListingRatings), or "no reviews yet". */
    private Span rating(long listingId) {
        var rating = ratings.of(listingId);
        var text = rating.count() == 0
                ? getTranslation("listing.rating.none")
                : getTranslation(
                        "listing.rating",
                        Formats.oneDecimal(rating.average(), getLocale()),
                        Formats.number(rating.count(), getLocale()),
                        rating.count());
        var span = new Span(text);
        span.setId("listing-rating");
        return span;
    }

    /** The rental rules and rates: length, lead time, weekly and monthly prices, deposit. */
    private Span terms(Listing listing) {
        var t = listing.terms();
        var locale = getLocale();
        var parts = new java.util.ArrayList<String>();
        parts.add(getTranslation(
                "listing.rentalLength", Formats.number(t.minDays(), locale), Formats.number(t.maxDays(), locale)));
        parts.add(
                t.leadDays() == 0
                        ? getTranslation("listing.noLeadTime")
                        : getTranslation("listing.leadTime", t.leadDays()));
        if (t.weeklyPrice() != null) {
            parts.add(getTranslation("listing.perWeek", Formats.money(t.weeklyPrice(), locale)));
        }
        if (t.monthlyPrice() != null) {
            parts.add(getTranslation("listing.perMonth", Formats.money(t.monthlyPrice(), locale)));
        }
        parts.add(
                t.deposit() == 0
                        ? getTranslation("listing.noDeposit")
                        : getTranslation("listing.depositIs", Formats.money(t.deposit(), locale)));
        var terms = new Span(String.join(" · ", parts));
        terms.setId("listing-terms");
        return terms;
    }

    private void show(Listing listing) {
        removeAll();
        var title = new H2(listing.title());
        title.setId("listing-title");
        var price = new Span(getTranslation("listing.perDay", Formats.money(listing.dailyPrice(), getLocale())));
        price.setId("listing-price");
        price.getStyle()
                .set("font-size", "var(--lumo-font-size-xl)")
                .set("color", "var(--lumo-primary-text-color)")
                .set("font-weight", "700");
        // The owner's name opens their public profile (the review module's /people/{id}).
        var owner = new Anchor("people/" + listing.ownerUserId(), listing.ownerName());
        owner.setId("listing-owner");
        var meta = new Span(new Span(getTranslation("category." + listing.category()) + " · "), owner);
        meta.addClassName("muted");
        var header = new HorizontalLayout(title, ListingBadges.status(this, listing));
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        var photos = new Div();
        photos.setId("listing-photos");
        photos.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");
        listings.photoIds(listing.id()).forEach(p -> photos.add(ListingBadges.thumbnail(this, p, "180px")));
        var description = new Paragraph(listing.description());
        description.getStyle().set("white-space", "pre-wrap");
        add(header, meta, price, rating(listing.id()), terms(listing));
        // City and area only: the exact address goes to a borrower once the lender accepts (ticket page).
        String place = java.util.stream.Stream.of(listing.city(), listing.area())
                .filter(p -> !p.isBlank())
                .collect(java.util.stream.Collectors.joining(" · "));
        if (!place.isEmpty()) {
            var location = new Span(VaadinIcon.MAP_MARKER.create(), new Span(" " + place));
            location.setId("listing-location");
            add(location);
        }
        add(photos, description);
        if (listing.moderationNote() != null && !listing.isPublic()) {
            var note = new Paragraph(getTranslation("listing.moderatorNote", listing.moderationNote()));
            note.getStyle().set("color", "var(--lumo-error-text-color)");
            add(note);
        }
        long viewer = currentUser.require().id();
        // Other modules' panels (such as the ticket module's request form) decide themselves whether they apply.
        var summary = new ListingSummary(
                listing.id(),
                listing.ownerUserId(),
                listing.ownerName(),
                listing.title(),
                listing.dailyPrice(),
                listing.isBorrowable());
        panels.orderedStream().forEach(p -> p.panelFor(summary, viewer).ifPresent(this::add));
        if (listing.ownerUserId() == viewer) {
            var edit = new Button(
                    getTranslation("listing.edit"),
                    VaadinIcon.EDIT.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate("listings/" + listing.id() + "/edit")));
            edit.setId("edit-listing");
            boolean paused = listing.availability() == Listing.Availability.PAUSED;
            var pause = new Button(getTranslation(paused ? "listing.resume" : "listing.pause"), e -> {
                listings.setPaused(listing.id(), !paused);
                listings.find(listing.id()).ifPresent(this::show);
            });
            pause.setId("pause-listing");
            add(new HorizontalLayout(edit, pause));
        }
    }
}
