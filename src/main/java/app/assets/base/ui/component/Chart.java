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
import java.util.List;
import java.util.Locale;
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

    /**
     * What the browser draws, sent as the {@code config} property. That JSON text is the only copy
     * the server keeps (a chart per dashboard in every session): each change reads it back.
     */
    private record Spec(
            String kind,
            String title,
            String language,
            boolean stacked,
            boolean horizontal,
            List<String> categories,
            List<Series> series) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Kind kind;
    private final Paragraph summary = new Paragraph();
    private Function<Number, String> valueFormat;

    public Chart(Kind kind) {
        this.kind = Objects.requireNonNull(kind);
        getElement().setAttribute("role", "figure");
        summary.addClassName("chart-summary");
        getElement().appendChild(summary.getElement());
        setWidthFull();
        setHeight("16rem");
        write("", List.of(), List.of(), false, false);
    }

    public Kind getKind() {
        return kind;
    }

    /** The chart's name, used as its accessible name and at the head of its summary. */
    public void setTitle(String title) {
        var spec = spec();
        String name = title == null ? "" : title;
        getElement().setAttribute("aria-label", name);
        write(name, spec.categories(), spec.series(), spec.stacked(), spec.horizontal());
    }

    /** The x-axis labels, or the slice names of a pie or donut; already in the reader's language. */
    public void setCategories(List<String> categories) {
        var spec = spec();
        write(spec.title(), List.copyOf(categories), spec.series(), spec.stacked(), spec.horizontal());
    }

    /** Adds one series; a pie or donut draws only the first, one value per category. */
    public void addSeries(String name, List<? extends Number> values) {
        var spec = spec();
        var series = new ArrayList<>(spec.series());
        series.add(new Series(
                name, values.stream().map(v -> v == null ? 0d : v.doubleValue()).toList()));
        write(spec.title(), spec.categories(), series, spec.stacked(), spec.horizontal());
    }

    public void clearSeries() {
        var spec = spec();
        write(spec.title(), spec.categories(), List.of(), spec.stacked(), spec.horizontal());
    }

    /** Stacks bar or line series on each other (a line becomes a stacked area). */
    public void setStacked(boolean stacked) {
        var spec = spec();
        write(spec.title(), spec.categories(), spec.series(), stacked, spec.horizontal());
    }

    /** Draws bars across with the categories down the side: better for long category names. */
    public void setHorizontal(boolean horizontal) {
        var spec = spec();
        write(spec.title(), spec.categories(), spec.series(), spec.stacked(), horizontal);
    }

    /** How the summary writes a value (for example as money); whole numbers by default. */
    public void setValueFormat(Function<Number, String> valueFormat) {
        this.valueFormat = valueFormat;
        var spec = spec();
        write(spec.title(), spec.categories(), spec.series(), spec.stacked(), spec.horizontal());
    }

    /** The text summary of what the chart shows, in the reader's language. */
    public String getSummary() {
        return summary.getText();
    }

    private Spec spec() {
        return JSON.readValue(getElement().getProperty("config"), Spec.class);
    }

    private void write(
            String title, List<String> categories, List<Series> series, boolean stacked, boolean horizontal) {
        var spec = new Spec(
                kind.name().toLowerCase(Locale.ROOT),
                title,
                locale().getLanguage(),
                stacked,
                horizontal,
                categories,
                series);
        getElement().setProperty("config", JSON.writeValueAsString(spec));
        summary.setText(describe(spec));
    }

    private String describe(Spec spec) {
        var lines = new ArrayList<String>();
        if (!spec.title().isBlank()) {
            lines.add(spec.title() + ".");
        }
        if (spec.series().isEmpty() || spec.categories().isEmpty()) {
            lines.add(getTranslation("chart.summary.empty"));
            return String.join(" ", lines);
        }
        if (kind == Kind.PIE || kind == Kind.DONUT) {
            var values = spec.series().getFirst().values();
            var categories = spec.categories();
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
        var categories = spec.categories();
        for (var s : spec.series()) {
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
