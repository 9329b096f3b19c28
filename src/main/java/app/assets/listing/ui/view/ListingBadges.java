package app.assets.listing.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.listing.domain.Listing;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

/** Small pieces the listing views share: the status badge, the thumbnail and the summary row. */
final class ListingBadges {

    private ListingBadges() {}

    static Span status(Component in, Listing listing) {
        var badge = new Span(in.getTranslation("listing.moderation." + listing.moderation())
                + (listing.availability() == Listing.Availability.PAUSED
                        ? " · " + in.getTranslation("listing.paused")
                        : ""));
        badge.getElement()
                .getThemeList()
                .add("badge pill "
                        + switch (listing.moderation()) {
                            case APPROVED -> "success";
                            case PENDING -> "contrast";
                            default -> "error";
                        });
        return badge;
    }

    static Component thumbnail(Component in, Long photoId, String size) {
        if (photoId == null) {
            var placeholder = VaadinIcon.PICTURE.create();
            placeholder.setSize(size);
            placeholder.setColor("var(--lumo-contrast-30pct)");
            return placeholder;
        }
        var image = new Image("/listing-photos/" + photoId, in.getTranslation("listing.photo"));
        image.setWidth(size);
        image.setHeight(size);
        image.getStyle().set("object-fit", "cover").set("border-radius", "var(--lumo-border-radius-m)");
        return image;
    }

    static Component summary(Component in, Listing listing) {
        var title = new Span(listing.title());
        title.getStyle().set("font-weight", "600");
        var meta = new Span(in.getTranslation("category." + listing.category()) + " · " + listing.ownerName());
        meta.addClassName("muted");
        var price = new Span(in.getTranslation(
                "listing.perDay",
                Formats.money(
                        listing.dailyPrice(),
                        com.vaadin.flow.component.UI.getCurrent().getLocale())));
        price.getStyle().set("color", "var(--lumo-primary-text-color)").set("font-weight", "600");
        var text = new Div(title, new Div(meta), new Div(price));
        var row = new Div(thumbnail(in, listing.firstPhotoId(), "64px"), text);
        row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("align-items", "center");
        return row;
    }
}
