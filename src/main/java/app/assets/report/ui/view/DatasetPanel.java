package app.assets.report.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Messages;
import app.assets.base.ui.component.DateField;
import app.assets.base.ui.component.Toasts;
import app.assets.report.export.Column;
import app.assets.report.export.Dataset;
import app.assets.report.export.ExportFile;
import app.assets.report.export.ExportFormat;
import app.assets.report.export.ReportCells;
import app.assets.report.export.ReportExports;
import app.assets.report.export.ReportFilter;
import app.assets.report.export.ReportQueries;
import app.assets.report.export.ReportRow;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;

/**
 * One dataset of the reports view: its filters, a lazily paged grid of exactly the rows those
 * filters select in the reader's scope, and the CSV and PDF export buttons for the same rows.
 */
class DatasetPanel extends VerticalLayout {

    final Dataset dataset;
    final DateField from = new DateField();
    final DateField to = new DateField();
    final ComboBox<String> status = new ComboBox<>();
    final TextField text = new TextField();
    final TextField user = new TextField();
    final Button csv = new Button();
    final Button pdf = new Button();
    final Anchor download = new Anchor();
    final Span rows = new Span();
    /** For a reader of everybody's rows without report.export: what they may export, and how. */
    final Span exportHint = new Span();

    final Grid<ReportRow> grid = new Grid<>();

    private final ReportQueries queries;
    private final ReportExports exports;
    private final Runnable exportStarted;

    DatasetPanel(
            Dataset dataset,
            ReportQueries queries,
            ReportExports exports,
            Messages messages,
            String myEmail,
            Runnable exportStarted) {
        this.dataset = dataset;
        this.queries = queries;
        this.exports = exports;
        this.exportStarted = exportStarted;
        setPadding(false);
        setWidthFull();
        String id = dataset.name().toLowerCase().replace('_', '-');
        setId("report-" + id);
        var scope = queries.scope(dataset);

        from.setLabel(getTranslation("report.filter.from"));
        to.setLabel(getTranslation("report.filter.to"));
        status.setLabel(getTranslation(dataset.statusLabelKey()));
        status.setItems(dataset.statuses());
        status.setItemLabelGenerator(code -> ReportCells.code(dataset.statusColumn(), code, getLocale(), messages));
        status.setClearButtonVisible(true);
        text.setLabel(getTranslation("report.filter.text"));
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setClearButtonVisible(true);
        user.setLabel(getTranslation("report.filter.user"));
        user.setValueChangeMode(ValueChangeMode.LAZY);
        user.setClearButtonVisible(true);
        user.setVisible(scope.everybody());
        // narrow enough for two side by side on a phone
        for (var field : new com.vaadin.flow.component.HasSize[] {from, to, status, text, user}) {
            field.setWidth("9.5rem");
        }
        var filters = new FlexLayout(from, to, status, text, user);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("column-gap", "var(--lumo-space-m)");

        csv.setText(getTranslation("report.export.csv"));
        csv.setIcon(VaadinIcon.FILE_TABLE.create());
        csv.setId(id + "-csv");
        csv.addClickListener(e -> export(ExportFormat.CSV));
        pdf.setText(getTranslation("report.export.pdf"));
        pdf.setIcon(VaadinIcon.FILE_TEXT_O.create());
        pdf.setId(id + "-pdf");
        pdf.addClickListener(e -> export(ExportFormat.PDF));
        download.setId(id + "-download");
        download.setVisible(false);
        var note = new Span(getTranslation(scope.everybody() ? "report.scope.noteEverybody" : "report.scope.noteOwn"));
        note.addClassName("report-note");
        rows.setId(id + "-rows");
        rows.addClassName("report-note");
        exportHint.setId(id + "-export-hint");
        exportHint.addClassName("report-note");
        exportHint
                .getStyle()
                .set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");
        boolean ownOnly = scope.everybody() && !exports.mayExportEverybody();
        exportHint.setVisible(ownOnly);
        if (ownOnly) {
            exportHint.setText(
                    dataset.hasOwnRows()
                            ? getTranslation("report.export.ownOnly", myEmail)
                            : getTranslation("report.export.needsPermission"));
        }
        var actions = new HorizontalLayout(csv, pdf, download, exportHint);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.setWrap(true);
        var summary = new HorizontalLayout(note, rows);
        summary.setWrap(true);
        summary.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");

        grid.setId(id + "-grid");
        // Widths are set, not measured: a lazily loaded grid measures auto widths before its rows arrive,
        // by the headers alone, which cut "Adjustment" short. Text wraps rather than being cut, and the
        // columns of a staff reader's transactions fit a 1280-pixel window beside the side navigation.
        grid.addClassName("report-grid");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        for (Column column : dataset.columns(scope.everybody())) {
            ValueProvider<ReportRow, String> text =
                    row -> ReportCells.display(column, row.value(dataset, column), getLocale(), messages);
            var gridColumn = grid.addColumn(text)
                    .setHeader(getTranslation("report.col." + column.key()))
                    .setWidth(width(column.kind()))
                    .setFlexGrow(flexGrow(column.kind()))
                    .setResizable(true);
            if (column.kind().numeric()) {
                gridColumn.setTextAlign(ColumnTextAlign.END);
            }
            if (column.kind() == Column.Kind.TEXT || column.kind() == Column.Kind.PARTIES) {
                gridColumn.setTooltipGenerator(text::apply);
            }
        }
        grid.setItems(q -> queries.find(dataset, filter(), q.getOffset(), q.getLimit()).stream(), q -> {
            int count = queries.count(dataset, filter());
            rows.setText(getTranslation("report.rows", Formats.number(count, getLocale())));
            return count;
        });
        // tall enough to read on a desktop, never taller than a phone screen can scroll past
        grid.setHeight("60vh");
        grid.setMinHeight("20rem");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        text.addValueChangeListener(e -> refresh());
        user.addValueChangeListener(e -> refresh());
        add(filters, actions, summary, grid);
    }

    /** The narrowest a column gets; what it needs at the grid's small font (dates and codes may wrap to two lines). */
    private static String width(Column.Kind kind) {
        return switch (kind) {
            case ID, NUMBER -> "4rem";
            case DATE_TIME -> "8.5rem";
            case CODE -> "7rem";
            case MONEY, SIGNED_MONEY, TEXT, PARTIES -> "7.5rem";
        };
    }

    /** How the room left over is shared: most to free text, some to codes and dates, none to numbers. */
    private static int flexGrow(Column.Kind kind) {
        return switch (kind) {
            case ID, NUMBER, MONEY, SIGNED_MONEY -> 0;
            case DATE_TIME, CODE -> 1;
            case TEXT, PARTIES -> 2;
        };
    }

    ReportFilter filter() {
        return new ReportFilter(
                from.getValue(),
                to.getValue(),
                status.getValue(),
                text.getValue(),
                user.isVisible() ? user.getValue() : null);
    }

    private void refresh() {
        download.setVisible(false);
        grid.getDataProvider().refreshAll();
    }

    private void export(ExportFormat format) {
        switch (exports.export(dataset, format, filter(), getLocale())) {
            case ReportExports.Ready ready -> offer(ready.file());
            case ReportExports.Background background -> {
                Toasts.info(getTranslation("report.export.started", Formats.number(background.rows(), getLocale())));
                exportStarted.run();
            }
        }
    }

    /** The file is downloaded at once; the link stays for another copy. */
    private void offer(ExportFile file) {
        byte[] content = file.content();
        download.setHref(
                DownloadHandler.fromInputStream(event -> new DownloadResponse(
                        new ByteArrayInputStream(content), file.fileName(), file.contentType(), content.length)),
                AttachmentType.DOWNLOAD);
        download.setText(getTranslation("report.export.ready", file.fileName()));
        download.setVisible(true);
        download.getElement().executeJs("this.click()");
    }
}
