package app.assets.base.ui.component;

import static com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.i18n.Languages;
import app.assets.base.ui.component.MonthCalendar.Mark;
import app.assets.base.ui.component.MonthCalendar.MarkedRange;
import app.assets.base.ui.component.MonthCalendar.Selection;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.UI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The month view's Java API: what it sends to the browser, and which picks reach a listener. */
class MonthCalendarTest extends KaribuTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

    private static MonthCalendar calendar() {
        var calendar = new MonthCalendar();
        UI.getCurrent().add(calendar);
        return calendar;
    }

    /** What the browser sends when the user clicks a first and a last day: [start, end). */
    private static void pick(MonthCalendar calendar, LocalDate start, LocalDate end) {
        var data = JsonMapper.builder().build().createObjectNode();
        data.put("event.detail.start", start.toString());
        data.put("event.detail.end", end.toString());
        _fireDomEvent(calendar, "assets-select", data);
    }

    @Test
    void drawsPersianAsAJalaliMonthFromSaturdayRightToLeft() {
        useLanguage(Languages.PERSIAN);
        var calendar = calendar();
        assertThat(calendar.getElement().getProperty("config"))
                .contains(
                        "\"locale\":\"fa-IR\"", "\"dir\":\"rtl\"", "\"startOfWeek\":6", "\"timeZone\":\"Asia/Tehran\"")
                .contains("\"prev\":\"ماه قبل\"");
    }

    @Test
    void drawsEnglishAsAGregorianMonthFromMonday() {
        var calendar = calendar();
        assertThat(calendar.getElement().getProperty("config"))
                .contains("\"locale\":\"en-GB\"", "\"dir\":\"ltr\"", "\"startOfWeek\":1", "\"mode\":\"none\"");
    }

    @Test
    void sendsMarkedRangesAndShowsTheCallersLegend() {
        var calendar = calendar();
        calendar.setMarked(List.of(
                new MarkedRange(DAY, DAY.plusDays(3), Mark.BOOKED),
                new MarkedRange(DAY.plusDays(5), DAY.plusDays(6), Mark.BLOCKED)));
        calendar.setLegend(Mark.BOOKED, "Booked");
        calendar.setLegend(Mark.BLOCKED, "Closed by the owner");

        assertThat(calendar.getElement().getProperty("config"))
                .contains(
                        "{\"start\":\"2026-11-27\",\"end\":\"2026-11-30\",\"kind\":\"booked\"}",
                        "{\"start\":\"2026-12-02\",\"end\":\"2026-12-03\",\"kind\":\"blocked\"}");
        assertThat(calendar.getElement().getTextRecursively()).contains("Booked", "Closed by the owner");
        assertThat(calendar.getLegend(Mark.BOOKED)).contains("Booked");
        assertThat(calendar.getMarked()).hasSize(2);

        calendar.setLegend(Mark.BOOKED, null);
        assertThat(calendar.getElement().getTextRecursively()).doesNotContain("Booked");
    }

    @Test
    void aPickedRangeReachesTheListenerAsStartAndExclusiveEnd() {
        var calendar = calendar();
        calendar.setSelection(Selection.RANGE);
        var picked = new ArrayList<List<LocalDate>>();
        calendar.addSelectionListener(e -> {
            assertThat(e.isFromClient()).isTrue();
            picked.add(List.of(e.getStart(), e.getEnd()));
        });

        pick(calendar, DAY, DAY.plusDays(4));

        assertThat(picked).containsExactly(List.of(DAY, DAY.plusDays(4)));
        assertThat(calendar.getSelectedStart()).isEqualTo(DAY);
        assertThat(calendar.getSelectedEnd()).isEqualTo(DAY.plusDays(4));
        // the browser is told the first and the last day, both inclusive
        assertThat(calendar.getElement().getProperty("config")).contains("\"value\":[\"2026-11-27\",\"2026-11-30\"]");
    }

    @Test
    void picksTouchingAMarkedDayOrOutsideMinAndMaxNeverReachTheListener() {
        var calendar = calendar();
        calendar.setSelection(Selection.RANGE);
        calendar.setMarked(List.of(new MarkedRange(DAY.plusDays(10), DAY.plusDays(12), Mark.BOOKED)));
        calendar.setMin(DAY);
        calendar.setMax(DAY.plusDays(30));
        var picked = new ArrayList<LocalDate>();
        calendar.addSelectionListener(e -> picked.add(e.getStart()));

        String before = calendar.getElement().getProperty("config");
        pick(calendar, DAY.plusDays(8), DAY.plusDays(11)); // overlaps the booking
        // the browser is sent the spec again, so it draws no selection instead of the refused one
        assertThat(calendar.getElement().getProperty("config")).isNotEqualTo(before);
        pick(calendar, DAY.minusDays(1), DAY.plusDays(2)); // starts before min
        pick(calendar, DAY.plusDays(28), DAY.plusDays(32)); // last day after max
        pick(calendar, DAY.plusDays(3), DAY.plusDays(3)); // empty

        assertThat(picked).isEmpty();
        assertThat(calendar.getSelectedStart()).isNull();
        assertThat(calendar.isAvailable(DAY.plusDays(12), DAY.plusDays(31))).isTrue();
        assertThat(calendar.isAvailable(DAY.plusDays(9), DAY.plusDays(10))).isTrue(); // ends where the booking starts

        pick(calendar, DAY.plusDays(12), DAY.plusDays(31));
        assertThat(picked).containsExactly(DAY.plusDays(12));
    }

    @Test
    void aReadOnlyCalendarAcceptsNoPickAndASingleDayCalendarOnlyOneDay() {
        var calendar = calendar();
        var picked = new ArrayList<LocalDate>();
        calendar.addSelectionListener(e -> picked.add(e.getStart()));
        pick(calendar, DAY, DAY.plusDays(1));
        assertThat(picked).isEmpty();

        calendar.setSelection(Selection.SINGLE);
        pick(calendar, DAY, DAY.plusDays(2));
        assertThat(picked).isEmpty();
        pick(calendar, DAY, DAY.plusDays(1));
        assertThat(picked).containsExactly(DAY);
    }

    @Test
    void programmaticSelectionShowsItsMonthWithoutAnEvent() {
        var calendar = calendar();
        calendar.setSelection(Selection.RANGE);
        var picked = new ArrayList<LocalDate>();
        calendar.addSelectionListener(e -> picked.add(e.getStart()));
        calendar.setSelected(DAY, DAY.plusDays(2));
        assertThat(picked).isEmpty();
        assertThat(calendar.getElement().getProperty("config")).contains("\"focus\":\"2026-11-27\"");
        calendar.showMonth(DAY.plusMonths(2));
        assertThat(calendar.getElement().getProperty("config")).contains("\"focus\":\"2027-01-27\"");
        assertThatThrownBy(() -> calendar.setSelected(DAY, DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarkedRange(DAY, DAY, Mark.BLOCKED)).isInstanceOf(IllegalArgumentException.class);
    }
}
