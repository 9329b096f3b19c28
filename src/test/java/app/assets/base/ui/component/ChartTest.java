package app.assets.base.ui.component;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.UI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the chart sends to the browser and the text summary it carries for screen readers. */
class ChartTest extends KaribuTest {

    @Test
    void sendsTheSpecAsJsonAndSummarisesEachSeries() {
        var chart = new Chart(Chart.Kind.LINE);
        UI.getCurrent().add(chart);
        chart.setTitle("Revenue");
        chart.setCategories(List.of("1 Nov", "2 Nov", "3 Nov"));
        chart.addSeries("Fees", List.of(300, 100, 200));
        chart.setStacked(true);

        assertThat(chart.getElement().getProperty("config"))
                .contains(
                        "\"kind\":\"line\"",
                        "\"stacked\":true",
                        "\"categories\":[\"1 Nov\",\"2 Nov\",\"3 Nov\"]",
                        "\"name\":\"Fees\"",
                        "\"values\":[300.0,100.0,200.0]",
                        "\"language\":\"en\"");
        assertThat(chart.getElement().getAttribute("aria-label")).isEqualTo("Revenue");
        assertThat(chart.getElement().getAttribute("role")).isEqualTo("figure");
        assertThat(chart.getSummary())
                .isEqualTo("Revenue. Fees: from 1 Nov to 3 Nov, total 600, highest 300 (1 Nov), lowest 100 (2 Nov).");
    }

    @Test
    void summarisesSlicesWithTheirShare() {
        var chart = new Chart(Chart.Kind.DONUT);
        UI.getCurrent().add(chart);
        chart.setCategories(List.of("Sent", "Failed"));
        chart.addSeries("Email", List.of(3, 1));
        chart.setValueFormat(v -> v.longValue() + " messages");
        assertThat(chart.getSummary()).isEqualTo("Sent: 3 messages (75%). Failed: 1 messages (25%).");
    }

    @Test
    void saysSoWhenThereIsNothingToDraw() {
        var chart = new Chart(Chart.Kind.BAR);
        UI.getCurrent().add(chart);
        chart.setTitle("Payments");
        assertThat(chart.getSummary()).isEqualTo("Payments. No data.");
    }

    @Test
    void writesPersianSummariesWithPersianDigits() {
        useLanguage(Languages.PERSIAN);
        var chart = new Chart(Chart.Kind.BAR);
        UI.getCurrent().add(chart);
        chart.setCategories(List.of("آذر", "دی"));
        chart.addSeries("ورودی", List.of(1200, 34));
        assertThat(chart.getSummary())
                .isEqualTo("ورودی: از آذر تا دی، مجموع ۱٬۲۳۴، بیشترین ۱٬۲۰۰ (آذر)، کمترین ۳۴ (دی).");
        assertThat(chart.getElement().getProperty("config")).contains("\"language\":\"fa\"");
    }
}
