package app.assets.payment.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.Toasts;
import app.assets.identity.CurrentUser;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.service.PaymentQueries;
import app.assets.payment.service.PaymentReconciliation;
import app.assets.payment.service.PaymentRefunds;
import app.assets.payment.service.PaymentSettlement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Every payment for ADMIN and AUDITOR: filters, details with the timeline
 * ({@link PaymentDetailsDialog}), the reconciliation runs and their mismatches. ADMIN
 * (payment.manage) can also verify now, refund and run the reconciliation.
 */
@Route("admin/payments")
@PageTitle("Assets")
@Menu(order = 43, icon = "vaadin:credit-card", title = "nav.payments")
@RolesAllowed({Permissions.PAYMENT_MANAGE, Permissions.REPORT_READ_ALL})
public class PaymentsView extends VerticalLayout {

    final Grid<Payment> grid = new Grid<>();
    final ComboBox<PaymentStatus> status = new ComboBox<>();
    final TextField email = new TextField();
    final Grid<PaymentReconciliation.Run> runs = new Grid<>();
    final Grid<PaymentReconciliation.Mismatch> mismatches = new Grid<>();
    private final PaymentQueries payments;
    private final PaymentSettlement settlement;
    private final PaymentRefunds refunds;
    private final PaymentReconciliation reconciliation;
    private final boolean manage;

    public PaymentsView(
            PaymentQueries payments,
            PaymentSettlement settlement,
            PaymentRefunds refunds,
            PaymentReconciliation reconciliation,
            CurrentUser currentUser) {
        this.payments = payments;
        this.settlement = settlement;
        this.refunds = refunds;
        this.reconciliation = reconciliation;
        this.manage = currentUser.has(Permissions.PAYMENT_MANAGE);
        addClassName("page");
        status.setLabel(getTranslation("payment.status"));
        status.setItems(PaymentStatus.values());
        status.setItemLabelGenerator(s -> getTranslation(Keys.of("payment.status.", s)));
        status.setClearButtonVisible(true);
        status.setId("payments-status");
        email.setLabel(getTranslation("payment.payer"));
        email.setValueChangeMode(ValueChangeMode.LAZY);
        email.setClearButtonVisible(true);
        email.setId("payments-email");
        status.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        email.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        grid.setId("payments");
        grid.addColumn(Payment::id).setHeader("#").setAutoWidth(true);
        grid.addColumn(p -> Formats.dateTime(p.createdAt(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        grid.addColumn(Payment::email)
                .setHeader(getTranslation("payment.payer"))
                .setAutoWidth(true);
        grid.addColumn(p -> Formats.money(p.amount(), getLocale()))
                .setHeader(getTranslation("statement.amount"))
                .setAutoWidth(true);
        grid.addColumn(p -> getTranslation(Keys.of("payment.purpose.", p.purpose())))
                .setHeader(getTranslation("payment.purpose"))
                .setAutoWidth(true);
        grid.addColumn(p -> getTranslation(Keys.of("payment.status.", p.status())))
                .setHeader(getTranslation("payment.status"))
                .setAutoWidth(true);
        grid.addColumn(p -> p.refId() == null ? "" : p.refId())
                .setHeader(getTranslation("payment.refId"))
                .setAutoWidth(true);
        grid.setItems(
                q -> payments.payments(filter(), q.getOffset(), q.getLimit()).stream(), q -> payments.count(filter()));
        grid.addItemClickListener(e -> details(e.getItem()));
        grid.setHeight("26rem");

        runs.setId("reconciliation-runs");
        runs.addColumn(r -> Formats.dateTime(r.ranAt(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        runs.addColumn(r -> getTranslation(Keys.of("reconciliation.kind.", r.kind())))
                .setHeader(getTranslation("reconciliation.kind"))
                .setAutoWidth(true);
        runs.addColumn(PaymentReconciliation.Run::checked)
                .setHeader(getTranslation("reconciliation.checked"))
                .setAutoWidth(true);
        runs.addColumn(PaymentReconciliation.Run::verified)
                .setHeader(getTranslation("reconciliation.verified"))
                .setAutoWidth(true);
        runs.addColumn(PaymentReconciliation.Run::expired)
                .setHeader(getTranslation("reconciliation.expired"))
                .setAutoWidth(true);
        runs.addColumn(PaymentReconciliation.Run::mismatches)
                .setHeader(getTranslation("reconciliation.mismatches"))
                .setAutoWidth(true);
        runs.addColumn(PaymentReconciliation.Run::triggeredBy)
                .setHeader(getTranslation("reconciliation.by"))
                .setFlexGrow(1);
        runs.setAllRowsVisible(true);
        runs.setEmptyStateText(getTranslation("reconciliation.none"));
        mismatches.setId("reconciliation-mismatches");
        mismatches
                .addColumn(m -> m.at() == null ? "" : Formats.dateTime(m.at(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        mismatches
                .addColumn(m -> m.paymentId() == null ? "" : "#" + m.paymentId())
                .setHeader("#")
                .setAutoWidth(true);
        mismatches
                .addColumn(m -> m.authority() == null ? "" : m.authority())
                .setHeader(getTranslation("payment.authority"))
                .setAutoWidth(true);
        mismatches
                .addColumn(PaymentReconciliation.Mismatch::problem)
                .setHeader(getTranslation("reconciliation.problem"))
                .setFlexGrow(1);
        mismatches.setAllRowsVisible(true);
        mismatches.setEmptyStateText(getTranslation("reconciliation.noMismatches"));

        var header = new HorizontalLayout(status, email);
        header.setAlignItems(Alignment.BASELINE);
        var reconcileTitle = new HorizontalLayout(new H3(getTranslation("reconciliation.title")));
        reconcileTitle.setAlignItems(Alignment.BASELINE);
        if (manage) {
            var run = new Button(getTranslation("reconciliation.runNow"), e -> {
                var result = reconciliation.runNow();
                Toasts.success(getTranslation(
                        "reconciliation.done", result.checked(), result.verified(), result.mismatches()));
                refresh();
            });
            run.setId("reconcile-now");
            reconcileTitle.add(run);
        }
        add(
                new H2(getTranslation("nav.payments")),
                header,
                grid,
                reconcileTitle,
                runs,
                new H3(getTranslation("reconciliation.mismatches")),
                mismatches);
        refresh();
    }

    private PaymentQueries.Filter filter() {
        return new PaymentQueries.Filter(status.getValue(), email.getValue(), null);
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        runs.setItems(reconciliation.recentRuns(10));
        mismatches.setItems(reconciliation.recentMismatches(20));
    }

    void details(Payment p) {
        new PaymentDetailsDialog(p, payments, settlement, refunds, manage, this::refresh).open();
    }
}
