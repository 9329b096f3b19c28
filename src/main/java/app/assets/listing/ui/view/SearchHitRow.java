package app.assets.listing.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.listing.ListingSearch;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.Locale;

/** One search result: photo, title, category, city and lender, rating, and the prices. */
final class SearchHitRow {

    private SearchHitRow() {}

    static Component of(Component in, ListingSearch.Hit hit) {
        Locale locale = UI.getCurrent().getLocale();
        var title = new Span(hit.title());
        title.getStyle().set("font-weight", "600");
        // A Persian title in the English page (and the reverse) keeps its own direction.
        title.getElement().setAttribute("dir", "auto");
        var meta = new StringBuilder(in.getTranslation("category." + hit.category()));
        if (!hit.city().isBlank()) {
            meta.append(" · ").append(hit.city());
        }
        meta.append(" · ").append(hit.ownerName());
        var details = new Span(meta.toString());
        details.addClassName("muted");
        var rating = new Span(
                hit.ratingCount() == 0
                        ? in.getTranslation("search.noRating")
                        : in.getTranslation(
                                "search.rating",
                                stars(hit.rating(), locale),
                                Formats.number(hit.ratingCount(), locale),
                                hit.ratingCount()));
        rating.addClassName("muted");
        rating.getStyle().set("font-size", "var(--lumo-font-size-s)");
        var prices = new StringBuilder(in.getTranslation("listing.perDay", Formats.money(hit.dailyPrice(), locale)));
        if (hit.weeklyPrice() != null) {
            prices.append(" · ").append(in.getTranslation("search.perWeek", Formats.money(hit.weeklyPrice(), locale)));
        }
        if (hit.monthlyPrice() != null) {
            prices.append(" · ")
                    .append(in.getTranslation("search.perMonth", Formats.money(hit.monthlyPrice(), locale)));
        }
        var price = new Span(prices.toString());
        price.getStyle().set("color", "var(--lumo-primary-text-color)").set("font-weight", "600");
        var text = new Div(title, new Div(details), new Div(rating), new Div(price));
        if (hit.deposit() > 0) {
            var deposit = new Span(in.getTranslation("search.deposit", Formats.money(hit.deposit(), locale)));
            deposit.addClassName("muted");
            deposit.getStyle().set("font-size", "var(--lumo-font-size-s)");
            text.add(new Div(deposit));
        }
        var row = new Div(ListingBadges.thumbnail(in, hit.firstPhotoId(), "72px"), text);
        row.getStyle()
                .set("display", "flex")
                .set("gap", "var(--lumo-space-m)")
                .set("align-items", "center")
                .set("white-space", "normal");
        return row;
    }

    /** An average such as "4.5", or "۴٫۵" in Persian. */
    static String stars(double average, Locale locale) {
        String tenths = String.format(Locale.ROOT, "%.1f", average);
        return Languages.isRightToLeft(locale) ? Formats.digits(tenths, locale).replace('.', '\u066B') : tenths;
    }
}
