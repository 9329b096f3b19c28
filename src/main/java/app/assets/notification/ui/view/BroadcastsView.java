package app.assets.notification.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.base.ui.component.Toasts;
import app.assets.notification.domain.Channel;
import app.assets.notification.service.BroadcastService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumSet;

/** ADMIN writes a broadcast, picks channels and an audience, sees the recipient count, sends, and watches progress. */
@Route("admin/broadcasts")
@PageTitle("Assets")
@Menu(order = 73, icon = "vaadin:megaphone", title = "nav.broadcasts")
@RolesAllowed(Permissions.NOTIFICATION_BROADCAST)
public class BroadcastsView extends VerticalLayout {

    final TextField subject = new TextField();
    final TextArea message = new TextArea();
    final CheckboxGroup<Channel> channels = new CheckboxGroup<>();
    final ComboBox<BroadcastService.Audience> audience = new ComboBox<>();
    final ComboBox<String> role = new ComboBox<>();
    final TextField minimum = new TextField();
    final Span count = new Span();
    final Button send = new Button();
    final Grid<BroadcastService.Broadcast> history = new Grid<>();
    private final BroadcastService broadcasts;
    private com.vaadin.flow.shared.Registration polling;

    public BroadcastsView(BroadcastService broadcasts) {
        this.broadcasts = broadcasts;
        addClassName("page");
        setSizeFull();
        subject.setLabel(getTranslation("broadcast.subject"));
        subject.setWidthFull();
        subject.setMaxLength(200);
        message.setLabel(getTranslation("broadcast.message"));
        message.setWidthFull();
        message.setMinHeight("8rem");
        channels.setLabel(getTranslation("broadcast.channels"));
        channels.setItems(Channel.values());
        channels.setItemLabelGenerator(c -> getTranslation("channel." + c.name()));
        channels.setValue(EnumSet.of(Channel.EMAIL));
        audience.setLabel(getTranslation("broadcast.audience"));
        audience.setItems(BroadcastService.Audience.values());
        audience.setItemLabelGenerator(a -> getTranslation("broadcast.audience." + a.name()));
        audience.setValue(BroadcastService.Audience.EVERYONE);
        role.setLabel(getTranslation("broadcast.role"));
        role.setItems(Roles.ALL);
        minimum.setLabel(getTranslation("broadcast.minimum"));
        audience.addValueChangeListener(e -> audienceChanged());
        role.addValueChangeListener(e -> count.setText(""));
        minimum.addValueChangeListener(e -> count.setText(""));
        var countButton = new Button(getTranslation("broadcast.count"), e -> count());
        countButton.setId("broadcast-count");
        count.setId("broadcast-recipients");
        send.setText(getTranslation("broadcast.send"));
        send.setId("broadcast-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> confirmAndSend());
        var audienceRow = new FlexLayout(audience, role, minimum);
        audienceRow.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        audienceRow.getStyle().set("gap", "var(--lumo-space-m)");
        var actions = new HorizontalLayout(countButton, count, send);
        actions.setAlignItems(Alignment.CENTER);

        history.setId("broadcast-history");
        history.addColumn(b -> Formats.dateTime(b.createdAt(), getLocale()))
                .setHeader(getTranslation("notifications.created"))
                .setAutoWidth(true);
        history.addColumn(BroadcastService.Broadcast::subject)
                .setHeader(getTranslation("broadcast.subject"))
                .setFlexGrow(1);
        history.addColumn(b -> getTranslation("broadcast.audience." + b.audience()))
                .setHeader(getTranslation("broadcast.audience"))
                .setAutoWidth(true);
        history.addColumn(b -> getTranslation("broadcast.status." + b.status()))
                .setHeader(getTranslation("notifications.status"))
                .setAutoWidth(true);
        history.addComponentColumn(b -> {
                    var bar = new ProgressBar(
                            0, Math.max(1, b.recipients()), Math.min(b.enqueued(), Math.max(1, b.recipients())));
                    var text = new Span(getTranslation(
                            "broadcast.progress",
                            Formats.number(b.enqueued(), getLocale()),
                            Formats.number(b.recipients(), getLocale()),
                            Formats.number(b.sent(), getLocale()),
                            Formats.number(b.failed(), getLocale())));
                    text.getStyle().set("font-size", "var(--lumo-font-size-s)");
                    var box = new VerticalLayout(bar, text);
                    box.setPadding(false);
                    box.setSpacing(false);
                    return box;
                })
                .setHeader(getTranslation("broadcast.history"))
                .setWidth("18rem")
                .setFlexGrow(0);
        history.setItems(q -> broadcasts.history(q.getOffset(), q.getLimit()).stream(), q -> broadcasts.historySize());
        add(
                new H2(getTranslation("nav.broadcasts")),
                subject,
                message,
                channels,
                audienceRow,
                actions,
                new H3(getTranslation("broadcast.history")),
                history);
        setFlexGrow(1, history);
        audienceChanged();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // progress: refresh the history while the view is open
        event.getUI().setPollInterval(2000);
        polling = event.getUI().addPollListener(e -> history.getDataProvider().refreshAll());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }

    private void audienceChanged() {
        role.setVisible(audience.getValue() == BroadcastService.Audience.ROLE);
        minimum.setVisible(audience.getValue() == BroadcastService.Audience.BALANCE_ABOVE);
        count.setText("");
    }

    private String audienceValue() {
        return switch (audience.getValue() == null ? BroadcastService.Audience.EVERYONE : audience.getValue()) {
            case EVERYONE -> null;
            case ROLE -> role.getValue();
            case BALANCE_ABOVE -> minimum.getValue();
        };
    }

    Integer count() {
        try {
            int n = broadcasts.count(audience.getValue(), audienceValue());
            count.setText(getTranslation("broadcast.recipients", Formats.number(n, getLocale())));
            return n;
        } catch (UserInputException e) {
            Toasts.error(this, e);
            return null;
        }
    }

    private void confirmAndSend() {
        Integer n = count();
        if (n == null) {
            return;
        }
        var dialog = new ConfirmDialog();
        dialog.setText(getTranslation("broadcast.confirm", Formats.number(n, getLocale())));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("common.cancel"));
        dialog.setConfirmText(getTranslation("broadcast.send"));
        dialog.addConfirmListener(e -> sendNow());
        dialog.open();
    }

    void sendNow() {
        try {
            broadcasts.send(
                    subject.getValue(), message.getValue(), channels.getValue(), audience.getValue(), audienceValue());
            Toasts.success(getTranslation("broadcast.started"));
            history.getDataProvider().refreshAll();
        } catch (UserInputException e) {
            Toasts.error(this, e);
        }
    }
}
