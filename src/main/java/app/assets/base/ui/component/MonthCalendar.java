package app.assets.base.ui.component;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A month view of days: Jalali (Persian month and weekday names, Saturday first, Persian digits,
 * right to left) in Persian, Gregorian in English. It shades marked ranges in two styles
 * ({@link Mark#BOOKED}, {@link Mark#BLOCKED}) with a legend whose words the caller supplies, and
 * either only shows them ({@link Selection#NONE}, the default) or lets the user pick one day
 * ({@link Selection#SINGLE}) or a range of days ({@link Selection#RANGE}) that avoids every marked
 * day and stays within min and max.
 *
 * <p>Every range is half-open, {@code [start, end)} in Tehran days, like {@code tickets.start_date/end_date}
 * and {@code listing_calendar.during}: the user clicks the first and the last day, and the range's
 * end is the day after the last one. A single day {@code d} is the range {@code [d, d+1)}.
 *
 * <pre>{@code
 * var calendar = new MonthCalendar();
 * calendar.setMarked(List.of(
 *         new MonthCalendar.MarkedRange(bookedFrom, bookedTo, MonthCalendar.Mark.BOOKED),
 *         new MonthCalendar.MarkedRange(blockedFrom, blockedTo, MonthCalendar.Mark.BLOCKED)));
 * calendar.setLegend(MonthCalendar.Mark.BOOKED, bookedText);     // the caller's words, e.g. "Booked"
 * calendar.setLegend(MonthCalendar.Mark.BLOCKED, blockedText);
 * calendar.setMin(today.plusDays(leadDays));        // first day that can be picked
 * calendar.setMax(today.plusMonths(6));             // last day that can be picked
 * calendar.setSelection(MonthCalendar.Selection.RANGE);
 * calendar.addSelectionListener(e -> quote(e.getStart(), e.getEnd()));   // end exclusive
 * }</pre>
 *
 * The calendar logic in the browser is Zag's date picker ({@code @zag-js/date-picker} over
 * {@code @internationalized/date}, MIT and Apache-2.0, bundled at build time) run inline in our own
 * {@code <assets-month-calendar>} element; the Java side checks every selection again before it
 * reaches a listener, so a tampered browser cannot pick a marked day.
 */
@Tag("assets-month-calendar")
@NpmPackage(value = "@zag-js/date-picker", version = MonthCalendar.ZAG_VERSION)
@NpmPackage(value = "@zag-js/vanilla", version = MonthCalendar.ZAG_VERSION)
@NpmPackage(value = "@internationalized/date", version = "3.12.4")
@JsModule("./components/assets-month-calendar.ts")
public class MonthCalendar extends Component implements HasSize {

    /** One version for every Zag package: they share {@code @zag-js/core}, which must be a single copy. */
    static final String ZAG_VERSION = "1.44.0";

    /** How a marked range is shaded: days already taken by a booking, or days the owner closed. */
    public enum Mark {
        BOOKED,
        BLOCKED
    }

    /** What the user may pick: nothing (a calendar to look at), one day, or a range of days. */
    public enum Selection {
        NONE,
        SINGLE,
        RANGE
    }

    /** Days {@code [start, end)} shown with a mark. */
    public record MarkedRange(LocalDate start, LocalDate end, Mark mark) {
        public MarkedRange {
            Objects.requireNonNull(start);
            Objects.requireNonNull(end);
            Objects.requireNonNull(mark);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("A marked range ends after it starts: " + start + ".." + end);
            }
        }

        boolean overlaps(LocalDate otherStart, LocalDate otherEnd) {
            return start.isBefore(otherEnd) && otherStart.isBefore(end);
        }
    }

    /** Fired when the user picks a day or a range: {@code [start, end)}, already checked against marks, min and max. */
    public static class SelectionEvent extends ComponentEvent<MonthCalendar> {
        private final LocalDate start;
        private final LocalDate end;

        public SelectionEvent(MonthCalendar source, boolean fromClient, LocalDate start, LocalDate end) {
            super(source, fromClient);
            this.start = start;
            this.end = end;
        }

        /** The first day picked. */
        public LocalDate getStart() {
            return start;
        }

        /** The day after the last day picked. */
        public LocalDate getEnd() {
            return end;
        }
    }

    /** A marked range as the browser reads it. */
    private record MarkJson(String start, String end, String kind) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Div legend = new Div();
    private final Map<Mark, String> legendTexts = new EnumMap<>(Mark.class);
    private List<MarkedRange> marked = List.of();
    private Selection selection = Selection.NONE;
    private LocalDate min;
    private LocalDate max;
    private LocalDate selectedStart;
    private LocalDate selectedEnd;
    private LocalDate shownMonth;
    private int revision;

    public MonthCalendar() {
        legend.addClassName("month-calendar-legend");
        legend.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        legend.getStyle().set("font-size", "var(--lumo-font-size-s)");
        getElement().appendChild(legend.getElement());
        getElement()
                .addEventListener(
                        "assets-select",
                        e -> picked(
                                e.getEventData().get("event.detail.start").asString(),
                                e.getEventData().get("event.detail.end").asString()))
                .addEventData("event.detail.start")
                .addEventData("event.detail.end");
        addAttachListener(e -> refresh());
        refresh();
    }

    /** The ranges to shade; they may touch but a day should carry one mark only. */
    public void setMarked(Collection<MarkedRange> ranges) {
        this.marked = List.copyOf(ranges);
        refresh();
    }

    public List<MarkedRange> getMarked() {
        return marked;
    }

    /** The legend's words for a mark, e.g. "Booked"; a mark without words has no legend entry. */
    public void setLegend(Mark mark, String text) {
        if (text == null || text.isBlank()) {
            legendTexts.remove(mark);
        } else {
            legendTexts.put(mark, text);
        }
        legend.removeAll();
        legendTexts.forEach((m, t) -> {
            var swatch = new Span();
            swatch.getStyle()
                    .set("display", "inline-block")
                    .set("width", "0.9em")
                    .set("height", "0.9em")
                    .set("margin-inline-end", "0.4em")
                    .set("vertical-align", "middle")
                    .set("border-radius", "var(--lumo-border-radius-s)")
                    .set(
                            "background",
                            m == Mark.BOOKED ? "var(--lumo-error-color-10pct)" : "var(--lumo-contrast-20pct)");
            var item = new Span(swatch, new Span(t));
            item.addClassName("legend-" + m.name().toLowerCase(Locale.ROOT));
            legend.add(item);
        });
    }

    /** The legend's words for a mark, or empty. */
    public Optional<String> getLegend(Mark mark) {
        return Optional.ofNullable(legendTexts.get(mark));
    }

    /** Whether the user may pick nothing, one day or a range; {@link Selection#NONE} by default. */
    public void setSelection(Selection selection) {
        this.selection = Objects.requireNonNull(selection);
        refresh();
    }

    public Selection getSelection() {
        return selection;
    }

    /** The first day that can be picked (inclusive), or null for no limit. */
    public void setMin(LocalDate min) {
        this.min = min;
        refresh();
    }

    public LocalDate getMin() {
        return min;
    }

    /** The last day that can be picked (inclusive, as in DatePicker), or null for no limit. */
    public void setMax(LocalDate max) {
        this.max = max;
        refresh();
    }

    public LocalDate getMax() {
        return max;
    }

    /** Shows the range {@code [start, end)} as picked (and its month), or nothing for nulls; fires no event. */
    public void setSelected(LocalDate start, LocalDate end) {
        if ((start == null) != (end == null) || (start != null && !end.isAfter(start))) {
            throw new IllegalArgumentException("A selection ends after it starts: " + start + ".." + end);
        }
        this.selectedStart = start;
        this.selectedEnd = end;
        refresh();
    }

    /** The first day picked, or null. */
    public LocalDate getSelectedStart() {
        return selectedStart;
    }

    /** The day after the last day picked, or null. */
    public LocalDate getSelectedEnd() {
        return selectedEnd;
    }

    /** Shows the month of this day (in the reader's calendar); otherwise the selection's month, or today's. */
    public void showMonth(LocalDate day) {
        this.shownMonth = day;
        refresh();
    }

    /**
     * Whether the user could pick {@code [start, end)}: within min and max and touching no marked
     * day. The same check guards every selection from the browser.
     */
    public boolean isAvailable(LocalDate start, LocalDate end) {
        if (start == null || end == null || !end.isAfter(start)) {
            return false;
        }
        if ((min != null && start.isBefore(min))
                || (max != null && end.minusDays(1).isAfter(max))) {
            return false;
        }
        return marked.stream().noneMatch(m -> m.overlaps(start, end));
    }

    public Registration addSelectionListener(ComponentEventListener<SelectionEvent> listener) {
        return addListener(SelectionEvent.class, listener);
    }

    private void picked(String startText, String endText) {
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(startText);
            end = LocalDate.parse(endText);
        } catch (DateTimeParseException | NullPointerException e) {
            return;
        }
        boolean allowed = switch (selection) {
            case NONE -> false;
            case SINGLE -> end.equals(start.plusDays(1));
            case RANGE -> true;
        };
        if (!allowed || !isAvailable(start, end)) {
            // draws the last accepted selection again: a new revision, or an unchanged spec would not be sent
            revision++;
            refresh();
            return;
        }
        selectedStart = start;
        selectedEnd = end;
        // stays on the month where the last day was clicked, and a re-attached calendar draws this pick
        shownMonth = end.minusDays(1);
        refresh();
        fireEvent(new SelectionEvent(this, true, start, end));
    }

    private void refresh() {
        Locale locale = locale();
        boolean persian = Languages.isRightToLeft(locale);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("locale", persian ? "fa-IR" : "en-GB");
        spec.put("dir", persian ? "rtl" : "ltr");
        spec.put("startOfWeek", persian ? 6 : 1);
        spec.put("timeZone", Formats.ZONE_ID);
        spec.put("mode", selection.name().toLowerCase(Locale.ROOT));
        spec.put("min", min == null ? null : min.toString());
        spec.put("max", max == null ? null : max.toString());
        var value = new ArrayList<String>();
        if (selectedStart != null && selection != Selection.NONE) {
            value.add(selectedStart.toString());
            if (selection == Selection.RANGE) {
                value.add(selectedEnd.minusDays(1).toString());
            }
        }
        spec.put("value", value);
        LocalDate focus = shownMonth != null ? shownMonth : selectedStart;
        spec.put("focus", focus == null ? null : focus.toString());
        spec.put(
                "marked",
                marked.stream()
                        .map(m -> new MarkJson(
                                m.start().toString(),
                                m.end().toString(),
                                m.mark().name().toLowerCase(Locale.ROOT)))
                        .toList());
        spec.put("prev", getTranslation(locale, "calendar.previousMonth"));
        spec.put("next", getTranslation(locale, "calendar.nextMonth"));
        spec.put("revision", revision);
        getElement().setProperty("config", JSON.writeValueAsString(spec));
    }

    private Locale locale() {
        return getUI().or(() -> Optional.ofNullable(UI.getCurrent()))
                .map(UI::getLocale)
                .orElse(Locale.ENGLISH);
    }
}
