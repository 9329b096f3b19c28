package app.assets.ticket.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.DepositService.DisputedClaim;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * SUPPORT's queue of disputed damage claims, oldest first: the claim, the borrower's objection, a
 * link to the ticket (its condition reports and thread) and the decision dialog. The service
 * refuses a staff member who is a party to the ticket (four eyes); the dialog shows why.
 */
@Route("admin/claims")
@PageTitle("Assets")
@Menu(order = 32, icon = "vaadin:gavel", title = "nav.claims")
@RolesAllowed(Permissions.CLAIM_DECIDE)
public class ClaimsView extends VerticalLayout {

    final Grid<DisputedClaim> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();

    public ClaimsView(DepositService deposits) {
        addClassName("page");
        setSizeFull();
        grid.setId("claim-queue");
        grid.addComponentColumn(
                        c -> new Anchor("tickets/" + c.ticketId(), getTranslation("ticket.number", c.ticketId())))
                .setHeader(getTranslation("claims.ticket"))
                .setAutoWidth(true);
        grid.addColumn(DisputedClaim::listingTitle)
                .setHeader(getTranslation("claims.listing"))
                .setAutoWidth(true);
        grid.addColumn(c -> Formats.money(c.deposit(), getLocale()))
                .setHeader(getTranslation("claims.deposit"))
                .setAutoWidth(true);
        grid.addColumn(c -> Formats.money(c.claimAmount(), getLocale()))
                .setHeader(getTranslation("claims.claimed"))
                .setAutoWidth(true);
        grid.addColumn(DisputedClaim::claimText)
                .setHeader(getTranslation("claims.claimText"))
                .setFlexGrow(1);
        grid.addColumn(c -> c.disputeReason() == null ? getTranslation("deposit.unanswered") : c.disputeReason())
                .setHeader(getTranslation("claims.disputeReason"))
                .setFlexGrow(1);
        grid.addColumn(c -> Formats.dateTime(c.disputedAt(), getLocale()))
                .setHeader(getTranslation("claims.disputedAt"))
                .setAutoWidth(true);
        grid.addComponentColumn(c -> {
                    var decide = new Button(
                            getTranslation("deposit.decide"),
                            e -> new ClaimDecisionDialog(
                                            c.ticketId(), c.claimAmount(), deposits, () -> refresh(deposits))
                                    .open());
                    decide.setId("decide-" + c.ticketId());
                    decide.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
                    return decide;
                })
                .setKey("decide")
                .setAutoWidth(true);
        empty.setId("claim-queue-empty");
        empty.setText(getTranslation("claims.none"));
        add(new H2(getTranslation("claims.title")), empty, grid);
        refresh(deposits);
    }

    private void refresh(DepositService deposits) {
        grid.setItems(
                query -> deposits.disputed(query.getOffset(), query.getLimit()).stream(),
                query -> deposits.disputedCount());
        empty.setVisible(deposits.disputedCount() == 0);
    }
}
