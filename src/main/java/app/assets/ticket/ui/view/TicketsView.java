package app.assets.ticket.ui.view;

import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.service.TicketQueries;
import app.assets.ticket.service.TicketQueries.Scope;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;

/** The signed-in user's tickets as borrower and as lender, filtered by status; ticket.read.any holders may list all. */
@Route("tickets")
@PageTitle("Assets")
@Menu(order = 7, icon = "vaadin:handshake", title = "nav.tickets")
@PermitAll
public class TicketsView extends VerticalLayout {

    final Select<Scope> scope = new Select<>();
    final Select<TicketStatus> status = new Select<>();
    final Grid<Ticket> grid = new Grid<>();

    public TicketsView(TicketQueries tickets, CurrentUser currentUser) {
        addClassName("page");
        setSizeFull();
        long me = currentUser.require().id();
        var scopes = new ArrayList<>(List.of(Scope.MINE, Scope.AS_BORROWER, Scope.AS_LENDER));
        if (currentUser.has(Permissions.TICKET_READ_ANY)) {
            scopes.add(Scope.ALL);
        }
        scope.setId("ticket-scope");
        scope.setLabel(getTranslation("ticket.show"));
        scope.setItems(scopes);
        scope.setItemLabelGenerator(s -> getTranslation("ticket.scope." + s));
        scope.setValue(Scope.MINE);
        status.setId("ticket-status-filter");
        status.setLabel(getTranslation("ticket.statusLabel"));
        status.setItems(TicketStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("ticket.anyStatus"));
        status.setItemLabelGenerator(
                s -> s == null ? getTranslation("ticket.anyStatus") : getTranslation("ticket.status." + s));
        grid.setId("tickets-grid");
        grid.addColumn(new ComponentRenderer<>(t -> TicketBadges.summary(this, t, me)))
                .setHeader(getTranslation("nav.tickets"));
        grid.setItems(q -> tickets.list(filter(), q.getOffset(), q.getLimit()).stream(), q -> tickets.count(filter()));
        grid.setEmptyStateText(getTranslation("ticket.none"));
        grid.addItemClickListener(e ->
                getUI().ifPresent(ui -> ui.navigate("tickets/" + e.getItem().id())));
        scope.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        var filters = new HorizontalLayout(scope, status);
        filters.setWrap(true);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2(getTranslation("nav.tickets")), filters, grid);
        setFlexGrow(1, grid);
    }

    private TicketQueries.Filter filter() {
        return new TicketQueries.Filter(scope.getValue() == null ? Scope.MINE : scope.getValue(), status.getValue());
    }
}
