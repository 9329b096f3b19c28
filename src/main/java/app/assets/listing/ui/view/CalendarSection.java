package app.assets.listing.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.DateField;
import app.assets.base.ui.component.MonthCalendar;
import app.assets.base.ui.component.Toasts;
import app.assets.listing.DateRange;
import app.assets.listing.ListingCalendar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The owner's calendar on the listing form: block days (first and last day, both included),
 * unblock them, see booked days, and the private iCalendar feed address with a button that
 * replaces it.
 */
class CalendarSection extends Div {

    private final ListingCalendar calendar;
    private final long listingId;
    private final String baseUrl;
    final DateField from = new DateField();
    final DateField to = new DateField();
    /** The month view: booked and blocked days; picking a range fills in the two fields. */
    final MonthCalendar month = new MonthCalendar();

    final TextField note = new TextField();
    final TextField feedUrl = new TextField();
    private final Div entries = new Div();

    CalendarSection(ListingCalendar calendar, long listingId, String baseUrl) {
        this.calendar = calendar;
        this.listingId = listingId;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        setId("listing-calendar");
        setWidthFull();
        LocalDate today = calendar.today();
        from.setLabel(getTranslation("calendar.from"));
        from.setId("calendar-from");
        from.setMin(today);
        to.setLabel(getTranslation("calendar.to"));
        to.setId("calendar-to");
        to.setMin(today);
        from.addValueChangeListener(e -> {
            if (e.getValue() != null && (to.getValue() == null || to.getValue().isBefore(e.getValue()))) {
                to.setValue(e.getValue());
            }
        });
        note.setLabel(getTranslation("calendar.note"));
        note.setId("calendar-note");
        note.setMaxLength(ListingCalendar.NOTE_MAX);
        month.setId("calendar-month");
        month.setSelection(MonthCalendar.Selection.RANGE);
        month.setMin(today);
        month.setLegend(MonthCalendar.Mark.BOOKED, getTranslation("calendar.booked"));
        month.setLegend(MonthCalendar.Mark.BLOCKED, getTranslation("calendar.blocked"));
        month.addSelectionListener(e -> {
            if (e.getStart() != null && e.getEnd() != null) {
                from.setValue(e.getStart());
                to.setValue(e.getEnd().minusDays(1));
            }
        });
        var block = new Button(getTranslation("calendar.block"), VaadinIcon.BAN.create(), e -> block());
        block.setId("calendar-block");
        var form = new HorizontalLayout(from, to, note, block);
        form.setWrap(true);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        entries.setId("calendar-entries");

        feedUrl.setLabel(getTranslation("calendar.feed"));
        feedUrl.setId("calendar-feed-url");
        feedUrl.setReadOnly(true);
        // An address reads left to right, in Persian too.
        feedUrl.getElement().setAttribute("dir", "ltr");
        feedUrl.setHelperText(getTranslation("calendar.feedHelp"));
        feedUrl.setWidthFull();
        feedUrl.setValue(url(calendar.feedToken(listingId)));
        var copy = new Button(
                VaadinIcon.COPY.create(),
                e -> feedUrl.getElement()
                        .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", feedUrl.getValue()));
        copy.setAriaLabel(getTranslation("calendar.feed"));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var renew = new Button(getTranslation("calendar.feedRenew"), VaadinIcon.REFRESH.create(), e -> {
            feedUrl.setValue(url(calendar.renewFeedToken(listingId)));
            Toasts.success(getTranslation("calendar.feedRenewed"));
        });
        renew.setId("calendar-feed-renew");
        var feed = new HorizontalLayout(feedUrl, copy, renew);
        feed.setWidthFull();
        feed.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        feed.setFlexGrow(1, feedUrl);

        add(
                new H3(getTranslation("calendar.title")),
                new Paragraph(getTranslation("calendar.help")),
                month,
                form,
                entries,
                feed);
        showEntries();
    }

    private void block() {
        if (from.getValue() == null || to.getValue() == null) {
            Toasts.error(this, new UserInputException("calendar.datesRequired"));
            return;
        }
        if (to.getValue().isBefore(from.getValue())) {
            Toasts.error(this, new UserInputException("booking.endAfterStart"));
            return;
        }
        try {
            calendar.block(listingId, DateRange.ofDays(from.getValue(), to.getValue()), note.getValue());
            from.clear();
            to.clear();
            note.clear();
            showEntries();
        } catch (UserInputException ex) {
            Toasts.error(this, ex);
        }
    }

    private void showEntries() {
        entries.removeAll();
        LocalDate today = calendar.today();
        var list = calendar.ranges(listingId, today, today.plusDays(ListingCalendar.HORIZON_DAYS));
        month.setMarked(list.stream()
                .map(entry -> new MonthCalendar.MarkedRange(
                        entry.range().start(),
                        entry.range().end(),
                        entry.kind() == ListingCalendar.Kind.BOOKED
                                ? MonthCalendar.Mark.BOOKED
                                : MonthCalendar.Mark.BLOCKED))
                .toList());
        if (list.isEmpty()) {
            entries.add(new Paragraph(getTranslation("calendar.empty")));
        }
        Locale locale = getLocale();
        for (var entry : list) {
            String kind = getTranslation(
                    entry.kind() == ListingCalendar.Kind.BOOKED ? "calendar.booked" : "calendar.blocked");
            String range = getTranslation(
                    "calendar.range",
                    day(entry.range().start(), locale),
                    day(entry.range().lastDay(), locale));
            var text = new Span(kind + ": " + range + (entry.note().isEmpty() ? "" : " · " + entry.note()));
            var row = new HorizontalLayout(text);
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
            row.addClassName("calendar-entry");
            if (entry.kind() == ListingCalendar.Kind.BLOCKED) {
                var unblock = new Button(getTranslation("calendar.unblock"), e -> {
                    try {
                        calendar.unblock(entry.id());
                    } catch (UserInputException ex) {
                        Toasts.error(this, ex);
                    }
                    showEntries();
                });
                unblock.setId("unblock-" + entry.id());
                unblock.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                row.add(unblock);
            }
            entries.add(row);
        }
    }

    private String url(String token) {
        return baseUrl + "/calendar/" + token + ".ics";
    }

    /** A Tehran day in the viewer's calendar (Jalali in Persian). */
    static String day(LocalDate day, Locale locale) {
        return Formats.date(day.atTime(12, 0).atZone(Formats.ZONE).toInstant(), locale);
    }
}
