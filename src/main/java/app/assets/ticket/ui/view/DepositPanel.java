package app.assets.ticket.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.ConditionReport;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.service.ConditionReportService;
import app.assets.ticket.service.DepositService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A ticket's security deposit: where it stands, and what the viewer may do now: the lender
 * releases it or files a damage claim, the borrower accepts or disputes a claim, SUPPORT decides a
 * disputed one. Shows nothing on a ticket without a deposit. Embedded in {@link TicketDetailView}.
 */
public class DepositPanel extends Div {

    private final Ticket ticket;
    private final DepositService deposits;
    private final ConditionReportService reports;
    private final CurrentUser currentUser;
    private final Runnable changed;

    public DepositPanel(
            Ticket ticket,
            DepositService deposits,
            ConditionReportService reports,
            CurrentUser currentUser,
            Runnable changed) {
        this.ticket = ticket;
        this.deposits = deposits;
        this.reports = reports;
        this.currentUser = currentUser;
        this.changed = changed;
        setId("deposit-panel");
        setWidthFull();
        deposits.find(ticket.id()).ifPresentOrElse(this::show, this::quote);
    }

    /** Before payment: the deposit the quote names, so the borrower knows what will be held. */
    private void quote() {
        if (ticket.status() != TicketStatus.PENDING && ticket.status() != TicketStatus.ACCEPTED) {
            return;
        }
        long quoted = deposits.quotedDeposit(ticket.id());
        if (quoted > 0) {
            add(new H3(getTranslation("deposit.title")));
            var note = new Paragraph(getTranslation("deposit.onPayment", Formats.money(quoted, getLocale())));
            note.setId("deposit-state");
            add(note);
        }
    }

    private void show(Deposit d) {
        var locale = getLocale();
        add(new H3(getTranslation("deposit.title")));
        String amount = Formats.money(d.amount(), locale);
        String claim = d.claimAmount() == null ? "" : Formats.money(d.claimAmount(), locale);
        var state = new Paragraph(
                switch (d.status()) {
                    case HELD -> getTranslation("deposit.state.HELD", amount);
                    case AWAITING ->
                        getTranslation("deposit.state.AWAITING", amount, Formats.dateTime(d.decideBy(), locale));
                    case CLAIMED ->
                        getTranslation(
                                "deposit.state.CLAIMED",
                                claim,
                                amount,
                                Formats.isolated(d.claimText()),
                                Formats.dateTime(d.answerBy(), locale));
                    case DISPUTED ->
                        getTranslation(
                                "deposit.state.DISPUTED",
                                claim,
                                d.disputeReason() == null
                                        ? getTranslation("deposit.unanswered")
                                        : Formats.isolated(d.disputeReason()));
                    case RELEASED -> getTranslation("deposit.state.RELEASED", amount);
                    case SETTLED ->
                        getTranslation(
                                "deposit.state.SETTLED",
                                amount,
                                Formats.money(d.capturedAmount(), locale),
                                Formats.money(d.releasedAmount(), locale));
                });
        state.setId("deposit-state");
        add(state);
        if (!d.evidence().isEmpty()) {
            add(new Paragraph(getTranslation(
                    "deposit.evidenceIs",
                    d.evidence().stream()
                            .map(id -> "#" + Formats.digits(String.valueOf(id), locale))
                            .collect(Collectors.joining(Languages.isRightToLeft(locale) ? "، " : ", ")))));
        }
        if (d.decisionReason() != null) {
            add(new Paragraph(getTranslation("deposit.decisionWas", Formats.isolated(d.decisionReason()))));
        }
        var actions = new Div();
        actions.setId("deposit-actions");
        actions.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");
        var side = ticket.sideOf(currentUser.require().id());
        for (var action : d.actionsFor(side, currentUser.has(Permissions.CLAIM_DECIDE))) {
            switch (action) {
                case RELEASE_DEPOSIT ->
                    actions.add(button("release-deposit", "deposit.release", VaadinIcon.UNLOCK, false, () -> {
                        deposits.release(ticket.id());
                        return "deposit.released";
                    }));
                case CLAIM -> {
                    var claimButton = new Button(
                            getTranslation("deposit.fileClaim"), VaadinIcon.WARNING.create(), e -> openClaim(d));
                    claimButton.setId("file-claim");
                    claimButton.addThemeVariants(ButtonVariant.LUMO_ERROR);
                    actions.add(claimButton);
                }
                case ACCEPT_CLAIM ->
                    actions.add(button("accept-claim", "deposit.acceptClaim", VaadinIcon.CHECK, true, () -> {
                        deposits.accept(ticket.id());
                        return "deposit.decided";
                    }));
                case DISPUTE_CLAIM -> {
                    var dispute = new Button(
                            getTranslation("deposit.disputeClaim"), VaadinIcon.SCALE.create(), e -> openDispute());
                    dispute.setId("dispute-claim");
                    dispute.addThemeVariants(ButtonVariant.LUMO_ERROR);
                    actions.add(dispute);
                }
                case DECIDE_CLAIM -> {
                    var decide = new Button(
                            getTranslation("deposit.decide"), VaadinIcon.GAVEL.create(), e -> openDecision(d));
                    decide.setId("decide-claim");
                    decide.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                    actions.add(decide);
                }
                default -> {
                    // the ticket's own steps are the detail view's
                }
            }
        }
        add(actions);
    }

    private Button button(String id, String label, VaadinIcon icon, boolean primary, Supplier<String> action) {
        var button = new Button(getTranslation(label), icon.create(), e -> run(action));
        button.setId(id);
        button.setDisableOnClick(true);
        if (primary) {
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        return button;
    }

    private void openClaim(Deposit d) {
        var dialog = new Dialog(getTranslation("deposit.fileClaim"));
        var amount = new MoneyField(getTranslation("deposit.claimAmount"));
        amount.setId("claim-amount");
        amount.setHelperText(getTranslation("deposit.claimAmountHelp", Formats.money(d.amount(), getLocale())));
        var text = new TextArea(getTranslation("deposit.claimText"));
        text.setId("claim-text");
        text.setMaxLength(Deposit.CLAIM_TEXT_MAX);
        text.setWidthFull();
        var evidence = new CheckboxGroup<ConditionReport>(getTranslation("deposit.evidence"));
        evidence.setId("claim-evidence");
        evidence.setItems(reports.reports(ticket.id()));
        evidence.setItemLabelGenerator(r -> "#" + Formats.digits(String.valueOf(r.id()), getLocale()) + " · "
                + getTranslation("condition.stage." + r.stage()));
        var confirm = new Button(getTranslation("deposit.fileClaim"), e -> {
            var chosen = evidence.getValue().stream().map(ConditionReport::id).toList();
            if (run(() -> {
                deposits.claim(ticket.id(), amount.amount(), text.getValue(), chosen);
                return "deposit.claimFiled";
            })) {
                dialog.close();
            }
        });
        confirm.setId("confirm-claim");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(amount, text, evidence));
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        dialog.setWidth("min(32rem, 95vw)");
        dialog.open();
    }

    private void openDispute() {
        var dialog = new Dialog(getTranslation("deposit.disputeClaim"));
        var reason = new TextArea(getTranslation("deposit.disputeReason"));
        reason.setId("claim-dispute-reason");
        reason.setMaxLength(Deposit.REASON_MAX);
        reason.setWidthFull();
        var confirm = new Button(getTranslation("deposit.disputeClaim"), e -> {
            if (run(() -> {
                deposits.dispute(ticket.id(), reason.getValue());
                return null;
            })) {
                dialog.close();
            }
        });
        confirm.setId("confirm-claim-dispute");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        dialog.add(reason);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        dialog.setWidth("min(32rem, 95vw)");
        dialog.open();
    }

    private void openDecision(Deposit d) {
        new ClaimDecisionDialog(ticket.id(), d.claimAmount(), deposits, changed).open();
    }

    private boolean run(Supplier<String> action) {
        try {
            String done = action.get();
            if (done != null) {
                Toasts.success(getTranslation(done));
            }
            changed.run();
            return true;
        } catch (UserInputException ex) {
            Toasts.error(this, ex);
            return false;
        }
    }
}
