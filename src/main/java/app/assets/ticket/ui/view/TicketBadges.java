package app.assets.ticket.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.ticket.domain.Ticket;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** Pieces the ticket views share: the status badge and the summary of a ticket. */
final class TicketBadges {

    private TicketBadges() {}

    static Span status(Component in, Ticket ticket) {
        var badge = new Span(in.getTranslation("ticket.status." + ticket.status()));
        badge.getElement()
                .getThemeList()
                .add("badge pill "
                        + switch (ticket.status()) {
                            case ACTIVE, COMPLETED -> "success";
                            case PENDING, ACCEPTED -> "contrast";
                            case CANCELLED -> "";
                            case DISPUTED -> "error";
                        });
        badge.addClassName("ticket-status");
        return badge;
    }

    static Component summary(Component in, Ticket t, long viewer) {
        var title = new Span(in.getTranslation("ticket.number", t.id()) + " · " + t.listingTitle());
        title.getStyle().set("font-weight", "600");
        var locale = com.vaadin.flow.component.UI.getCurrent().getLocale();
        String side = switch (t.sideOf(viewer)) {
            case BORROWER -> in.getTranslation("ticket.lenderIs", t.lenderName());
            case LENDER -> in.getTranslation("ticket.borrowerIs", t.borrowerName());
            case NONE ->
                in.getTranslation("ticket.lenderIs", t.lenderName()) + " · "
                        + in.getTranslation("ticket.borrowerIs", t.borrowerName());
        };
        var meta = new Span(side);
        meta.addClassName("muted");
        var terms = new Span(
                in.getTranslation("ticket.terms", Formats.number(t.days(), locale), Formats.money(t.price(), locale)));
        terms.getStyle().set("color", "var(--lumo-primary-text-color)").set("font-weight", "600");
        var since = new Span(Formats.date(t.createdAt(), locale));
        since.addClassName("muted");
        var line = new Div(status(in, t), terms, since);
        line.getStyle()
                .set("display", "flex")
                .set("gap", "var(--lumo-space-s)")
                .set("align-items", "center")
                .set("flex-wrap", "wrap")
                .set("margin-top", "var(--lumo-space-xs)");
        var cell = new Div(title, new Div(meta), line);
        cell.getStyle().set("white-space", "normal");
        return cell;
    }
}
