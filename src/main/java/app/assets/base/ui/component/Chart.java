package app.assets.base.ui.component;

import app.assets.base.i18n.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.html.Paragraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chart drawn in the browser by Apache ECharts (our own {@code <assets-chart>} element): line,
 * bar, pie or donut, optionally stacked; themed from the Lumo variables, mirrored for right-to-left
 * languages and resized with its container. It carries a text summary of the same data (first,
 * last, total, highest and lowest per series; each slice's share for pies) for screen readers and
 * for tests.
 */
@Tag("assets-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/assets-chart.ts")
public class Chart extends Component implements HasSize {

    /** The chart types the dashboards use. */
    public enum Kind {
        LINE,
        BAR,
        PIE,
        DONUT
    }

    private record Series(String name, List<Double> values) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Kind kind;
    private final Paragraph summary = new Paragraph();
    private final List<Series> series = new ArrayList<>();
    private List<String> categories = List.of();
    private String title = "";
    private boolean stacked;
    private boolean horizontal;
    private Function<Number, String> valueFormat;

    public Chart(Kind kind) {
        this.kind = Objects.requireNonNull(kind);
        getElement().setAttribute("role", "figure");
        summary.addClassName("chart-summary");
        getElement().appendChild(summary.getElement());
        setWidthFull();
        setHeight("16rem");
        refresh();
    }

    public Kind getKind() {
        return kind;
    }

    /** The chart's name, used as its accessible name and at the head of its summary. */
    public void setTitle(String title) {
        this.title = title == null ? "" : title;
        getElement().setAttribute("aria-label", this.title);
        refresh();
    }

    /** The x-axis labels, or the slice names of a pie or donut; already in the reader's language. */
    public void setCategories(List<String> categories) {
        this.categories = List.copyOf(categories);
        refresh();
    }

    /** Adds one series; a pie or donut draws only the first, one value per category. */
    public void addSeries(String name, List<? extends Number> values) {
        series.add(new Series(
                name, values.stream().map(v -> v == null ? 0d : v.doubleValue()).toList()));
        refresh();
    }

    public void clearSeries() {
        series.clear();
        refresh();
    }

    /** Stacks bar or line series on each other (a line becomes a stacked area). */
    public void setStacked(boolean stacked) {
        this.stacked = stacked;
        refresh();
    }

    /** Draws bars across with the categories down the side: better for long category names. */
    public void setHorizontal(boolean horizontal) {
        this.horizontal = horizontal;
        refresh();
    }

    /** How the summary writes a value (for example as money); whole numbers by default. */
    public void setValueFormat(Function<Number, String> valueFormat) {
        this.valueFormat = valueFormat;
        refresh();
    }

    /** The text summary of what the chart shows, in the reader's language. */
    public String getSummary() {
        return summary.getText();
    }

    private void refresh() {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("kind", kind.name().toLowerCase(Locale.ROOT));
        spec.put("title", title);
        spec.put("language", locale().getLanguage());
        spec.put("stacked", stacked);
        spec.put("horizontal", horizontal);
        spec.put("categories", categories);
        spec.put(
                "series",
                series.stream()
                        .map(s -> Map.of("name", s.name(), "values", s.values()))
                        .toList());
        getElement().setProperty("config", JSON.writeValueAsString(spec));
        summary.setText(describe());
    }

    private String describe() {
        var lines = new ArrayList<String>();
        if (!title.isBlank()) {
            lines.add(title + ".");
        }
        if (series.isEmpty() || categories.isEmpty()) {
            lines.add(getTranslation("chart.summary.empty"));
            return String.join(" ", lines);
        }
        if (kind == Kind.PIE || kind == Kind.DONUT) {
            var values = series.getFirst().values();
            double total = values.stream().mapToDouble(Double::doubleValue).sum();
            for (int i = 0; i < categories.size() && i < values.size(); i++) {
                long percent = total == 0 ? 0 : Math.round(values.get(i) * 100 / total);
                lines.add(getTranslation(
                        "chart.summary.slice",
                        categories.get(i),
                        format(values.get(i)),
                        Formats.number(percent, locale())));
            }
            return String.join(" ", lines);
        }
        for (var s : series) {
            int count = Math.min(s.values().size(), categories.size());
            if (count == 0) {
                continue;
            }
            int highest = 0;
            int lowest = 0;
            double total = 0;
            for (int i = 0; i < count; i++) {
                double v = s.values().get(i);
                total += v;
                highest = v > s.values().get(highest) ? i : highest;
                lowest = v < s.values().get(lowest) ? i : lowest;
            }
            lines.add(getTranslation(
                    "chart.summary.series",
                    s.name(),
                    categories.getFirst(),
                    categories.get(count - 1),
                    format(total),
                    format(s.values().get(highest)),
                    categories.get(highest),
                    format(s.values().get(lowest)),
                    categories.get(lowest)));
        }
        return String.join(" ", lines);
    }

    private String format(double value) {
        return valueFormat != null ? valueFormat.apply(value) : Formats.number(Math.round(value), locale());
    }

    private Locale locale() {
        return getUI().or(() -> Optional.ofNullable(UI.getCurrent()))
                .map(UI::getLocale)
                .orElse(Locale.ENGLISH);
    }
}
