package app.assets.report.export;

import java.util.List;

/** One row of a dataset: its id and its values in the order of {@link Dataset#columns()} (Instant, Long, Integer or String). */
public record ReportRow(long id, List<Object> values) {

    public Object value(Dataset dataset, Column column) {
        return values.get(dataset.columns().indexOf(column));
    }
}
