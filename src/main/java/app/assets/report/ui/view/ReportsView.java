package app.assets.report.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Messages;
import app.assets.identity.CurrentUser;
import app.assets.report.export.Dataset;
import app.assets.report.export.ExportJob;
import app.assets.report.export.ExportProperties;
import app.assets.report.export.ReportExports;
import app.assets.report.export.ReportQueries;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports for everyone: transactions, payments, tickets, notifications and (for audit.read holders)
 * the audit log, each with filters, lazy paging and CSV/PDF exports. What a reader sees is decided
 * by {@link ReportQueries} (their own rows, or everybody's with report.read.all). Background exports
 * are listed below with their progress, polled while one runs.
 */
@Route("reports")
@PageTitle("Assets")
@Menu(order = 12, icon = "vaadin:table", title = "nav.reports")
@PermitAll
public class ReportsView extends VerticalLayout {

    private static final int POLL_MILLIS = 1000;

    final TabSheet tabs = new TabSheet();
    final List<DatasetPanel> panels = new ArrayList<>();
    final Grid<ExportJob> exportsGrid = new Grid<>();
    final Span noExports = new Span();

    private final ReportExports exports;
    private Registration polling;

    public ReportsView(
            ReportQueries queries,
            ReportExports exports,
            Messages messages,
            ExportProperties properties,
            CurrentUser currentUser) {
        this.exports = exports;
        addClassName("page");
        setWidthFull();
        tabs.setId("report-tabs");
        tabs.setWidthFull();
        for (Dataset dataset : queries.readable()) {
            var panel = new DatasetPanel(
                    dataset, queries, exports, messages, currentUser.require().email(), this::refreshExports);
            panels.add(panel);
            tabs.add(getTranslation(dataset.titleKey()), panel);
        }

        exportsGrid.setId("report-exports");
        exportsGrid
                .addColumn(j -> Formats.dateTime(j.createdAt(), getLocale()))
                .setHeader(getTranslation("report.exports.created"))
                .setAutoWidth(true);
        exportsGrid
                .addColumn(j -> getTranslation(j.dataset().titleKey()))
                .setHeader(getTranslation("report.exports.report"))
                .setAutoWidth(true);
        exportsGrid
                .addColumn(j -> j.format().name())
                .setHeader(getTranslation("report.exports.format"))
                .setAutoWidth(true);
        exportsGrid
                .addColumn(j -> getTranslation("report.exportStatus." + j.status()))
                .setHeader(getTranslation("report.exports.status"))
                .setAutoWidth(true);
        exportsGrid
                .addComponentColumn(this::progress)
                .setHeader(getTranslation("report.exports.progress"))
                .setWidth("12rem")
                .setFlexGrow(0);
        exportsGrid
                .addComponentColumn(this::downloadLink)
                .setHeader(getTranslation("report.exports.file"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        exportsGrid.setAllRowsVisible(true);
        noExports.setText(getTranslation("report.exports.empty"));
        var hint = new Span(
                getTranslation("report.exports.hint", Formats.number(properties.backgroundThreshold(), getLocale())));
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");

        add(
                new H2(getTranslation("nav.reports")),
                tabs,
                new H3(getTranslation("report.exports.title")),
                hint,
                noExports,
                exportsGrid);
        refreshExports();
    }

    private ProgressBar progress(ExportJob job) {
        var bar = new ProgressBar(0, 1, job.progress());
        bar.setId("export-progress-" + job.id());
        bar.getElement().setAttribute("aria-label", getTranslation("report.exports.progress"));
        return bar;
    }

    private com.vaadin.flow.component.Component downloadLink(ExportJob job) {
        if (job.status() != ExportJob.Status.DONE) {
            // A code in the reader's words; what went wrong in detail is only in the log.
            var failure = new Span(
                    job.failure() == null
                            ? ""
                            : getTranslation(
                                    "report.export.error." + job.failure().name()));
            failure.setId("export-failure-" + job.id());
            return failure;
        }
        long id = job.id();
        // The file is read when the link is followed, as the signed-in user: the service refuses anyone but its owner.
        var link = new Anchor(
                DownloadHandler.fromInputStream(event -> {
                    var file = exports.download(id);
                    return new DownloadResponse(
                            new ByteArrayInputStream(file.content()),
                            file.fileName(),
                            file.contentType(),
                            file.content().length);
                }),
                AttachmentType.DOWNLOAD,
                job.fileName());
        link.setId("export-download-" + id);
        return link;
    }

    /** Reloads the list of background exports, and polls while one of them runs. */
    void refreshExports() {
        var jobs = exports.recent();
        exportsGrid.setItems(jobs);
        exportsGrid.setVisible(!jobs.isEmpty());
        noExports.setVisible(jobs.isEmpty());
        boolean running = jobs.stream().anyMatch(j -> j.status() == ExportJob.Status.RUNNING);
        getUI().ifPresent(ui -> ui.setPollInterval(running ? POLL_MILLIS : -1));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        polling = event.getUI().addPollListener(e -> refreshExports());
        refreshExports();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }
}
