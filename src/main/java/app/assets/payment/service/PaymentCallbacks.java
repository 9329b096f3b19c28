package app.assets.payment.service;

import app.assets.audit.AuditLog;
import app.assets.identity.CurrentUser;
import app.assets.payment.PaymentProperties;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.service.PaymentSettlement.Source;
import app.assets.payment.service.TopUps.CallbackResult;
import org.apache.commons.lang3.StringUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The payer's return from Zarinpal ({@link TopUps#handleCallback}): checked before it changes
 * anything, then the payment is settled ({@link PaymentSettlement}, at once or in the background)
 * or, when the payer gave up, cancelled.
 */
@Component
class PaymentCallbacks {

    private final JdbcClient jdbc;
    private final CallbackState states;
    private final PaymentProperties properties;
    private final CurrentUser currentUser;
    private final PaymentRows rows;
    private final PaymentSettlement settlement;
    private final BackgroundVerification background;
    private final AuditLog audit;

    PaymentCallbacks(
            JdbcClient jdbc,
            CallbackState states,
            PaymentProperties properties,
            CurrentUser currentUser,
            PaymentRows rows,
            PaymentSettlement settlement,
            BackgroundVerification background,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.states = states;
        this.properties = properties;
        this.currentUser = currentUser;
        this.rows = rows;
        this.settlement = settlement;
        this.background = background;
        this.audit = audit;
    }

    /** A paid payment is verified before this returns, or, {@code inBackground}, after it. */
    CallbackResult handle(String state, String authority, String status, String remoteAddress, boolean inBackground) {
        if (!properties.callbackAllowedFrom(remoteAddress)) {
            audit.denied("payment.callback", "payment", null, "address not allowed: " + remoteAddress);
            return new CallbackResult(null, "payment.callback.refused");
        }
        var checked = states.check(state);
        if (checked.problem() != null) {
            audit.denied(
                    "payment.callback",
                    "payment",
                    null,
                    "state " + checked.problem() + ", authority " + StringUtils.truncate(authority, 64));
            return new CallbackResult(
                    null,
                    checked.problem() == CallbackState.Problem.EXPIRED
                            ? "payment.callback.expired"
                            : "payment.callback.refused");
        }
        long id = checked.claims().paymentId();
        var payment = rows.find(id).orElse(null);
        if (payment == null
                || !checked.claims().nonce().equals(rows.nonceOf(id))
                || payment.authority() == null
                || !payment.authority().equals(authority)) {
            audit.denied(
                    "payment.callback",
                    "payment",
                    id,
                    "state and authority do not match: " + StringUtils.truncate(authority, 64));
            return new CallbackResult(null, "payment.callback.refused");
        }
        var me = currentUser.get();
        if (me.isPresent() && me.get().id() != payment.userId()) {
            audit.denied("payment.callback", "payment", id, "callback brought by another user");
            return new CallbackResult(null, "payment.callback.refused");
        }
        if (payment.status() != PaymentStatus.REDIRECTED) {
            audit.denied("payment.callback", "payment", id, "replayed callback; payment is " + payment.status());
            return new CallbackResult(id, null);
        }
        if ("OK".equals(status) && inBackground) {
            background.verify(id);
        } else if ("OK".equals(status)) {
            settlement.settle(id, Source.CALLBACK);
        } else {
            cancel(id, "payer returned with Status=" + StringUtils.truncate(status, 20));
        }
        return new CallbackResult(id, null);
    }

    private void cancel(long paymentId, String why) {
        rows.change(paymentId, p -> {
            if (p.status() != PaymentStatus.REDIRECTED) {
                return p;
            }
            jdbc.sql(
                            "update payments set status = 'CANCELLED', last_error = ?, updated_at = now(), closed_at = now() where id = ?")
                    .params(why, paymentId)
                    .update();
            rows.event(paymentId, PaymentStatus.CANCELLED, why);
            audit.success("payment.cancel", "payment", paymentId, why);
            return p;
        });
    }
}
