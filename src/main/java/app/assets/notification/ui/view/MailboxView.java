package app.assets.notification.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.notification.CapturedMailbox;
import app.assets.notification.OutgoingMail;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Messages captured instead of sent (no SMTP or Twilio configured), so links in a local run can be followed. */
@Route("admin/mailbox")
@PageTitle("Assets")
@Menu(order = 70, icon = "vaadin:envelope", title = "nav.mailbox")
@RolesAllowed(Permissions.MAILBOX_READ)
public class MailboxView extends VerticalLayout {

    final TextField recipient = new TextField();
    final Grid<OutgoingMail.Captured> grid = new Grid<>();

    public MailboxView(CapturedMailbox mailbox) {
        addClassName("page");
        setSizeFull();
        recipient.setPlaceholder(getTranslation("mailbox.recipient"));
        recipient.setId("mailbox-recipient");
        recipient.setValueChangeMode(ValueChangeMode.LAZY);
        recipient.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        grid.setId("mailbox-grid");
        grid.addColumn(m -> Formats.dateTime(m.createdAt(), getLocale()))
                .setHeader(getTranslation("audit.when"))
                .setAutoWidth(true);
        grid.addColumn(m -> getTranslation("channel." + m.channel()))
                .setHeader(getTranslation("notifications.channel"))
                .setAutoWidth(true);
        grid.addColumn(OutgoingMail.Captured::recipient)
                .setHeader(getTranslation("mailbox.recipient"))
                .setAutoWidth(true);
        grid.addColumn(OutgoingMail.Captured::subject)
                .setHeader(getTranslation("mailbox.subject"))
                .setFlexGrow(1);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(m -> {
            var body = new Pre(m.body());
            body.getStyle().set("white-space", "pre-wrap");
            return body;
        }));
        grid.setItems(
                q -> mailbox.list(recipient.getValue(), q.getOffset(), q.getLimit()).stream(),
                q -> mailbox.count(recipient.getValue()));
        add(new H2(getTranslation("nav.mailbox")), new Paragraph(getTranslation("mailbox.intro")), recipient, grid);
        setFlexGrow(1, grid);
    }
}
