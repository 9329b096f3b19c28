package app.assets.ticket.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.Toasts;
import app.assets.base.ui.component.Uploads;
import app.assets.identity.CurrentUser;
import app.assets.ticket.domain.ConditionReport;
import app.assets.ticket.domain.ConditionReport.Stage;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.service.ConditionReportService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket's condition reports at handover and return: each report's notes, photos and who
 * confirmed it, a confirm button for the other side, and a form for the side that writes a report
 * not yet written. Embedded in {@link TicketDetailView}; the service decides who may do what.
 */
public class ConditionReportPanel extends Div {

    private final Ticket ticket;
    private final ConditionReportService reports;
    private final CurrentUser currentUser;
    private final Runnable changed;
    private final List<byte[]> pendingPhotos = new ArrayList<>();

    public ConditionReportPanel(
            Ticket ticket, ConditionReportService reports, CurrentUser currentUser, Runnable changed) {
        this.ticket = ticket;
        this.reports = reports;
        this.currentUser = currentUser;
        this.changed = changed;
        setId("condition-reports");
        setWidthFull();
        show();
    }

    private void show() {
        removeAll();
        var list = reports.reports(ticket.id());
        var open = java.util.Arrays.stream(Stage.values())
                .filter(stage -> reports.canSubmit(ticket.id(), stage))
                .toList();
        // Before the loan starts (and for staff, until someone wrote one) there is nothing to show.
        if (list.isEmpty() && open.isEmpty()) {
            return;
        }
        add(new H3(getTranslation("condition.title")));
        for (var stage : Stage.values()) {
            var section = new Div();
            section.setId("condition-" + stage.name().toLowerCase());
            section.add(new H4(getTranslation("condition.stage." + stage)));
            var report = list.stream().filter(r -> r.stage() == stage).findFirst();
            if (report.isPresent()) {
                section.add(report(report.get()));
            } else if (open.contains(stage)) {
                section.add(form(stage));
            } else {
                section.add(new Paragraph(getTranslation("condition.none")));
            }
            add(section);
        }
    }

    private Div report(ConditionReport r) {
        var box = new Div();
        box.addClassName("condition-report");
        var locale = getLocale();
        var by = new Span(getTranslation(
                "condition.writtenBy",
                getTranslation("condition.stage." + r.stage()),
                nameOf(r.authorUserId()),
                Formats.dateTime(r.createdAt(), locale)));
        by.addClassName("muted");
        box.add(by);
        if (!r.notes().isEmpty()) {
            var notes = new Paragraph(r.notes());
            notes.getElement().setAttribute("dir", "auto");
            notes.getStyle().set("white-space", "pre-wrap");
            box.add(notes);
        }
        var photos = new Div();
        photos.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");
        int n = 1;
        for (long photo : r.photoIds()) {
            var image = new Image("/condition-photos/" + photo, getTranslation("condition.photoAlt", n++));
            image.setMaxHeight("8rem");
            image.setMaxWidth("12rem");
            var link = new Anchor("/condition-photos/" + photo, image);
            link.setTarget("_blank");
            link.setRouterIgnore(true);
            link.getElement().setAttribute("rel", "noopener");
            photos.add(link);
        }
        box.add(photos);
        var state = new Paragraph();
        state.addClassName("condition-state");
        if (r.confirmedAutomatically()) {
            state.setText(
                    getTranslation("condition.confirmedAutomatically", Formats.dateTime(r.confirmedAt(), locale)));
        } else if (r.confirmed()) {
            state.setText(getTranslation(
                    "condition.confirmedBy", nameOf(r.confirmedByUserId()), Formats.dateTime(r.confirmedAt(), locale)));
        } else {
            state.setText(getTranslation("condition.awaitingConfirmation"));
        }
        box.add(state);
        long me = currentUser.require().id();
        if (r.confirmableBy(me, ticket.isParty(me))) {
            var confirm = new Button(getTranslation("condition.confirm"), VaadinIcon.CHECK.create(), e -> {
                if (run(() -> reports.confirm(r.id()))) {
                    Toasts.success(getTranslation("condition.confirmed"));
                }
            });
            confirm.setId("confirm-condition-" + r.stage().name().toLowerCase());
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            confirm.setDisableOnClick(true);
            box.add(confirm);
        }
        return box;
    }

    private Div form(Stage stage) {
        pendingPhotos.clear();
        var notes = new TextArea(getTranslation("condition.notes"));
        notes.setId("condition-notes-" + stage.name().toLowerCase());
        notes.setMaxLength(ConditionReport.NOTES_MAX);
        notes.setWidthFull();
        var upload = new Upload(Uploads.inMemory(
                ConditionReport.PHOTO_BYTES_MAX,
                (metadata, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
                    // Only the bytes are kept; the browser's file name and type are ignored.
                    received(bytes);
                }))));
        Uploads.translated(upload);
        upload.setId("condition-photos-" + stage.name().toLowerCase());
        upload.setMaxFiles(ConditionReport.PHOTOS_MAX);
        upload.setMaxFileSize(ConditionReport.PHOTO_BYTES_MAX);
        upload.setAcceptedFileTypes("image/png", "image/jpeg", "image/webp", ".png", ".jpg", ".jpeg", ".webp");
        var help = new Span(getTranslation(
                "condition.photosHelp", ConditionReport.PHOTOS_MAX, ConditionReport.PHOTO_BYTES_MAX / (1024 * 1024)));
        help.addClassName("muted");
        var save = new Button(getTranslation("condition.submit"), VaadinIcon.CAMERA.create(), e -> {
            var photos = List.copyOf(pendingPhotos);
            if (run(() -> reports.submit(ticket.id(), stage, notes.getValue(), photos))) {
                Toasts.success(getTranslation("condition.saved"));
            }
        });
        save.setId("submit-condition-" + stage.name().toLowerCase());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new Div(
                new Paragraph(getTranslation("condition.write", getTranslation("condition.stage." + stage))),
                notes,
                upload,
                help,
                save);
        form.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        return form;
    }

    /** A photo arrived from the upload (tests call this as the upload would). */
    void received(byte[] bytes) {
        pendingPhotos.add(bytes);
    }

    private String nameOf(Long userId) {
        if (userId == null) {
            return "";
        }
        return userId == ticket.lenderUserId() ? ticket.lenderName() : ticket.borrowerName();
    }

    private boolean run(Runnable action) {
        try {
            action.run();
            changed.run();
            return true;
        } catch (UserInputException ex) {
            Toasts.error(this, ex);
            return false;
        }
    }
}
