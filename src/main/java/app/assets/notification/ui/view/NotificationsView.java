package app.assets.notification.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.DateField;
import app.assets.base.ui.component.Toasts;
import app.assets.notification.domain.Channel;
import app.assets.notification.service.NotificationAdmin;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Every notification with its status and attempt log; filters by date, channel and status; failed ones can be resent. */
@Route("admin/notifications")
@PageTitle("Assets")
@Menu(order = 71, icon = "vaadin:bell", title = "nav.notifications")
@RolesAllowed(Permissions.NOTIFICATION_MANAGE)
public class NotificationsView extends VerticalLayout {

    final DateField from = new DateField();
    final DateField to = new DateField();
    final ComboBox<Channel> channel = new ComboBox<>();
    final ComboBox<String> status = new ComboBox<>();
    final Grid<NotificationAdmin.Row> grid = new Grid<>();
    final Div rates = new Div();
    private final NotificationAdmin admin;

    public NotificationsView(NotificationAdmin admin) {
        this.admin = admin;
        addClassName("page");
        setSizeFull();
        from.setLabel(getTranslation("notifications.from"));
        to.setLabel(getTranslation("notifications.to"));
        channel.setLabel(getTranslation("notifications.channel"));
        channel.setItems(Channel.values());
        channel.setItemLabelGenerator(c -> getTranslation("channel." + c.name()));
        channel.setClearButtonVisible(true);
        status.setLabel(getTranslation("notifications.status"));
        status.setItems(List.of("QUEUED", "SENT", "FAILED"));
        status.setItemLabelGenerator(s -> getTranslation("status." + s));
        status.setClearButtonVisible(true);
        status.setId("notifications-status");
        List.of(from, to).forEach(d -> d.addValueChangeListener(e -> refresh()));
        channel.addValueChangeListener(e -> refresh());
        status.addValueChangeListener(e -> refresh());
        var filters = new FlexLayout(from, to, channel, status);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-m)");

        grid.setId("notifications-grid");
        grid.addColumn(n -> Formats.dateTime(n.createdAt(), getLocale()))
                .setHeader(getTranslation("notifications.created"))
                .setAutoWidth(true);
        grid.addColumn(n -> getTranslation("channel." + n.channel().name()))
                .setHeader(getTranslation("notifications.channel"))
                .setAutoWidth(true);
        grid.addColumn(n -> getTranslation("event." + n.event()))
                .setHeader(getTranslation("notifications.event"))
                .setAutoWidth(true);
        grid.addColumn(NotificationAdmin.Row::recipient)
                .setHeader(getTranslation("notifications.recipient"))
                .setAutoWidth(true);
        grid.addColumn(n -> getTranslation("status." + n.status())
                        + (n.providerStatus() == null ? "" : " (" + n.providerStatus() + ")"))
                .setHeader(getTranslation("notifications.status"))
                .setAutoWidth(true);
        grid.addColumn(n -> Formats.number(n.attempts(), getLocale()))
                .setHeader(getTranslation("notifications.attempts"))
                .setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(n -> {
                    if (!"FAILED".equals(n.status())) {
                        return new Span();
                    }
                    var resend = new Button(getTranslation("notifications.resend"), e -> resend(n.id()));
                    resend.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    return resend;
                }))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(n -> {
            var details = new Pre((n.subject().isEmpty() ? "" : n.subject() + "\n\n") + n.body()
                    + "\n\n" + getTranslation("notifications.provider") + ": "
                    + (n.providerId() == null ? "-" : n.providerId())
                    + (n.sentAt() == null
                            ? ""
                            : "\n" + getTranslation("notifications.sent") + ": "
                                    + Formats.dateTime(n.sentAt(), getLocale()))
                    + (n.errorLog() == null
                            ? ""
                            : "\n\n" + getTranslation("notifications.errors") + ":\n" + n.errorLog()));
            details.getStyle().set("white-space", "pre-wrap");
            return details;
        }));
        grid.setItems(q -> admin.list(filter(), q.getOffset(), q.getLimit()).stream(), q -> admin.count(filter()));
        rates.setId("notifications-rates");
        add(new H2(getTranslation("nav.notifications")), rates, filters, grid);
        setFlexGrow(1, grid);
        showRates();
    }

    void resend(long id) {
        try {
            admin.resend(id);
            Toasts.success(getTranslation("notifications.resent"));
            refresh();
        } catch (UserInputException e) {
            Toasts.error(this, e);
        }
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        showRates();
    }

    private void showRates() {
        rates.removeAll();
        var row = new HorizontalLayout();
        row.getStyle().set("flex-wrap", "wrap");
        for (var r : admin.lastDay()) {
            var card = new Span(getTranslation(
                    "notifications.rate",
                    getTranslation("channel." + r.channel().name()),
                    Formats.number(r.sent(), getLocale()),
                    Formats.number(r.failed(), getLocale()),
                    Formats.number(r.queued(), getLocale()),
                    Formats.number(r.delivered(), getLocale())));
            card.getElement().getThemeList().add("badge contrast");
            row.add(card);
        }
        rates.add(row);
    }

    private NotificationAdmin.Filter filter() {
        return new NotificationAdmin.Filter(
                start(from.getValue()),
                start(to.getValue() == null ? null : to.getValue().plusDays(1)),
                channel.getValue(),
                status.getValue());
    }

    private static Instant start(LocalDate date) {
        return date == null ? null : date.atStartOfDay(Formats.ZONE).toInstant();
    }
}
