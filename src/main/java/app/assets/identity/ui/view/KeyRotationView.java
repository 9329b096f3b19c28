package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.Toasts;
import app.assets.identity.service.FieldKeyRotation;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;

/**
 * Field encryption keys: how many stored values are still sealed under an old key (or the old format),
 * a button that re-encrypts them in the background, and the job's progress (polled while it runs).
 */
@Route("admin/encryption")
@PageTitle("Assets")
@Menu(order = 52, icon = "vaadin:lock", title = "nav.encryption")
@RolesAllowed(Permissions.CRYPTO_ROTATE)
public class KeyRotationView extends VerticalLayout {

    static final int POLL_MS = 2000;

    final Paragraph active = new Paragraph();
    final Grid<FieldKeyRotation.ColumnCount> grid = new Grid<>();
    final Paragraph job = new Paragraph();
    final ProgressBar progress = new ProgressBar();
    final Button start = new Button();

    private final FieldKeyRotation rotation;
    private Registration polling;

    public KeyRotationView(FieldKeyRotation rotation) {
        this.rotation = rotation;
        addClassName("page");
        active.setId("encryption-active");
        grid.setId("encryption-columns");
        grid.addColumn(FieldKeyRotation.ColumnCount::column)
                .setHeader(getTranslation("encryption.column"))
                .setAutoWidth(true);
        grid.addColumn(c -> Formats.number(c.stale(), getLocale()))
                .setHeader(getTranslation("encryption.stale"))
                .setAutoWidth(true);
        grid.addColumn(c -> Formats.number(c.sealed(), getLocale()))
                .setHeader(getTranslation("encryption.sealed"))
                .setAutoWidth(true);
        grid.setAllRowsVisible(true);
        job.setId("encryption-job");
        progress.setId("encryption-progress");
        start.setText(getTranslation("encryption.start"));
        start.setId("encryption-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> start());
        add(
                new H2(getTranslation("nav.encryption")),
                new Paragraph(getTranslation("encryption.intro")),
                active,
                grid,
                start,
                progress,
                job);
        refresh();
    }

    void start() {
        try {
            rotation.start();
            Toasts.success(getTranslation("encryption.started"));
        } catch (UserInputException e) {
            Toasts.error(this, e);
        }
        refresh();
    }

    void refresh() {
        var status = rotation.status();
        active.setText(getTranslation("encryption.active", status.activeVersion()));
        grid.setItems(status.columns());
        var latest = status.latest();
        boolean running = latest != null && "RUNNING".equals(latest.status());
        start.setEnabled(!running);
        progress.setVisible(latest != null);
        if (latest == null) {
            job.setText(getTranslation("encryption.noJob"));
            return;
        }
        progress.setValue(latest.total() == 0 ? 1 : Math.min(1, (double) latest.done() / latest.total()));
        job.setText(getTranslation(
                "encryption.job." + latest.status(),
                Formats.number(latest.done(), getLocale()),
                Formats.number(latest.total(), getLocale()),
                Formats.number(latest.failed(), getLocale()),
                Formats.dateTime(latest.startedAt(), getLocale()),
                latest.startedBy() == null ? "-" : latest.startedBy(),
                latest.keyVersion()));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        var ui = event.getUI();
        ui.setPollInterval(POLL_MS);
        polling = ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }
}
