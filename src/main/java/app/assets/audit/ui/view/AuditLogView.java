package app.assets.audit.ui.view;

import app.assets.audit.AuditEntry;
import app.assets.audit.AuditOutcome;
import app.assets.audit.AuditQuery;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.DateField;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;

/** The audit log for ADMIN and AUDITOR: filter by actor, action, outcome and dates; lazily paged. */
@Route("admin/audit")
@PageTitle("Assets")
@Menu(order = 60, icon = "vaadin:clipboard-text", title = "nav.audit")
@RolesAllowed(Permissions.AUDIT_READ)
public class AuditLogView extends VerticalLayout {

    final TextField actor = new TextField();
    final TextField action = new TextField();
    final ComboBox<AuditOutcome> outcome = new ComboBox<>();
    final DateField from = new DateField();
    final DateField to = new DateField();
    final Grid<AuditEntry> grid = new Grid<>();

    public AuditLogView(AuditQuery query) {
        addClassName("page");
        setSizeFull();
        actor.setLabel(getTranslation("audit.actor"));
        actor.setId("audit-actor");
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        action.setLabel(getTranslation("audit.action"));
        action.setId("audit-action");
        action.setValueChangeMode(ValueChangeMode.LAZY);
        outcome.setLabel(getTranslation("audit.outcome"));
        outcome.setItems(AuditOutcome.values());
        outcome.setClearButtonVisible(true);
        from.setLabel(getTranslation("audit.from"));
        to.setLabel(getTranslation("audit.to"));
        var filters = new HorizontalLayout(actor, action, outcome, from, to);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.setId("audit-grid");
        grid.addColumn(e -> Formats.dateTime(e.occurredAt(), getLocale()))
                .setHeader(getTranslation("audit.when"))
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::actor)
                .setHeader(getTranslation("audit.actor"))
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::action)
                .setHeader(getTranslation("audit.action"))
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::outcome)
                .setHeader(getTranslation("audit.outcome"))
                .setAutoWidth(true);
        grid.addColumn(e -> e.entity() == null ? "" : e.entity() + (e.entityId() == null ? "" : " #" + e.entityId()))
                .setHeader(getTranslation("audit.entity"))
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::clientAddress)
                .setHeader(getTranslation("audit.address"))
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::method)
                .setHeader(getTranslation("audit.method"))
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::details)
                .setHeader(getTranslation("audit.details"))
                .setFlexGrow(1);
        grid.setItems(q -> query.find(filter(), q.getOffset(), q.getLimit()).stream(), q -> query.count(filter()));
        actor.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        outcome.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(new H2(getTranslation("nav.audit")), filters, grid);
        setFlexGrow(1, grid);
    }

    private AuditQuery.Filter filter() {
        return new AuditQuery.Filter(
                actor.getValue(),
                action.getValue().trim(),
                outcome.getValue(),
                start(from.getValue()),
                start(to.getValue() == null ? null : to.getValue().plusDays(1)));
    }

    private static Instant start(LocalDate date) {
        return date == null ? null : date.atStartOfDay(Formats.ZONE).toInstant();
    }
}
