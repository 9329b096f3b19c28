package app.assets.report.ui.view;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands where a chart goes until base.ui.component.Chart lands on main: the same calls, shown as
 * the figures in text. Replaced by Chart after the merge.
 */
class ChartPlaceholder extends Div {

    enum Kind { LINE, BAR, DONUT }

    private final Span text = new Span();
    private List<String> categories = List.of();
    private final List<String> series = new ArrayList<>();
    private String title = "";

    ChartPlaceholder(Kind kind) {
        addClassName("chart-slot");
        getElement().setAttribute("data-kind", kind.name());
        add(text);
    }

    @Override
    public void setTitle(String title) {
        this.title = title;
        getElement().setAttribute("aria-label", title);
        render();
    }

    void setCategories(List<String> categories) {
        this.categories = List.copyOf(categories);
        render();
    }

    void addSeries(String name, List<? extends Number> values) {
        var parts = new ArrayList<String>();
        for (int i = 0; i < values.size() && i < categories.size(); i++) {
            parts.add(categories.get(i) + " " + values.get(i));
        }
        series.add(name + ": " + String.join(", ", parts));
        render();
    }

    void setStacked(boolean stacked) {
        getElement().setAttribute("data-stacked", String.valueOf(stacked));
    }

    private void render() {
        text.setText(title + (series.isEmpty() ? "" : " — " + String.join("; ", series)));
    }
}
