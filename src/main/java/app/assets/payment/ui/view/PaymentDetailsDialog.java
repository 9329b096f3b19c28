package app.assets.payment.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.Toasts;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.service.PaymentQueries;
import app.assets.payment.service.PaymentRefunds;
import app.assets.payment.service.PaymentSettlement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;

/**
 * One payment as staff see it in {@link PaymentsView}: its fields and timeline, and for ADMIN
 * (payment.manage) "verify now" and "refund" ({@link RefundDialog}).
 */
class PaymentDetailsDialog extends Dialog {

    /**
     * @param manage     whether the viewer may verify and refund
     * @param afterwards runs after an action changed the payment (refresh the list)
     */
    PaymentDetailsDialog(
            Payment p,
            PaymentQueries payments,
            PaymentSettlement settlement,
            PaymentRefunds refunds,
            boolean manage,
            Runnable afterwards) {
        setHeaderTitle(getTranslation("payment.details", p.id()));
        setWidth("min(95vw, 44rem)");
        var form = new FormLayout();
        form.addFormItem(new Span(p.email()), getTranslation("payment.payer"));
        form.addFormItem(new Span(Formats.money(p.amount(), getLocale())), getTranslation("statement.amount"));
        form.addFormItem(
                new Span(getTranslation(Keys.of("payment.status.", p.status()))), getTranslation("payment.status"));
        form.addFormItem(
                new Span(getTranslation(Keys.of("payment.purpose.", p.purpose()))
                        + (p.purposeReference() == null ? "" : " " + p.purposeReference())),
                getTranslation("payment.purpose"));
        form.addFormItem(new Span(nullToDash(p.authority())), getTranslation("payment.authority"));
        form.addFormItem(new Span(nullToDash(p.refId())), getTranslation("payment.refId"));
        form.addFormItem(new Span(nullToDash(p.cardPan())), getTranslation("payment.card"));
        form.addFormItem(
                new Span(
                        p.fee() == null
                                ? "-"
                                : Formats.money(p.fee(), getLocale())
                                        + (p.feeType() == null ? "" : " (" + p.feeType() + ")")),
                getTranslation("payment.fee"));
        form.addFormItem(
                new Span(
                        p.lastCode() == null && p.lastError() == null
                                ? "-"
                                : (p.lastCode() == null ? "" : p.lastCode() + ": ") + nullToDash(p.lastError())),
                getTranslation("payment.lastError"));
        var timeline = new Grid<Payment.Event>();
        timeline.setId("payment-timeline");
        timeline.addColumn(e -> Formats.dateTime(e.at(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        timeline.addColumn(e -> getTranslation(Keys.of("payment.status.", e.status())))
                .setHeader(getTranslation("payment.status"))
                .setAutoWidth(true);
        timeline.addColumn(e -> nullToDash(e.note()))
                .setHeader(getTranslation("payment.note"))
                .setFlexGrow(1);
        timeline.addColumn(Payment.Event::actor)
                .setHeader(getTranslation("reconciliation.by"))
                .setAutoWidth(true);
        timeline.setItems(payments.timeline(p.id()));
        timeline.setAllRowsVisible(true);
        add(form, new H3(getTranslation("payment.timeline")), timeline);
        getFooter().add(new Button(getTranslation("payment.close"), e -> close()));
        if (manage) {
            var verify = new Button(getTranslation("payment.verifyNow"), e -> {
                var after = settlement.verifyNow(p.id());
                Toasts.success(getTranslation(Keys.of("payment.status.", after.status())));
                close();
                afterwards.run();
            });
            verify.setId("payment-verify-now");
            verify.setEnabled(PaymentStatus.VERIFIABLE.contains(p.status()));
            var refund = new Button(getTranslation("payment.refund"), e -> {
                close();
                new RefundDialog(p, refunds, afterwards).open();
            });
            refund.setId("payment-refund");
            refund.addThemeVariants(ButtonVariant.LUMO_ERROR);
            refund.setEnabled(p.status() == PaymentStatus.VERIFIED);
            getFooter().add(verify, refund);
        }
    }

    private static String nullToDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
