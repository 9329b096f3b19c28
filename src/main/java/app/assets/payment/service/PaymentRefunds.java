package app.assets.payment.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.payment.PaymentProperties;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.gateway.GatewayReply;
import app.assets.payment.gateway.ZarinpalClient;
import app.assets.payment.gateway.ZarinpalCodes;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.apache.commons.lang3.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Refunding a verified payment in three steps, so that Zarinpal is never asked while a database
 * transaction or row lock is open and no outcome leaves the card refunded with the money still
 * spendable in the wallet:
 *
 * <ol>
 *   <li>one transaction holds the amount on the payer's wallet (refused when it is no longer
 *       available) and marks the payment {@code REFUND_PENDING}; a second click finds it pending;
 *   <li>{@code reverse.json} is called with no transaction open;
 *   <li>a second transaction settles it: reversed (or code -61, "not in success state", which for
 *       a payment we verified means it was reversed already) captures the hold into gateway
 *       clearing ({@code REFUNDED}); any other refusal releases it ({@code VERIFIED} again, the
 *       refusal in the timeline); no answer leaves it pending.
 * </ol>
 *
 * Reconciliation asks Zarinpal again for refunds pending longer than the grace period.
 */
@Service
public class PaymentRefunds {

    private static final Logger log = LoggerFactory.getLogger(PaymentRefunds.class);

    /** Who finishes a refund: the admin who asked for it or the reconciliation job. */
    enum Source {
        ADMIN,
        RECONCILIATION
    }

    /** A refund holding money, as phase 1 left it. */
    record Pending(Payment payment, long holdId, String reason) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ZarinpalClient gateway;
    private final PaymentProperties properties;
    private final PaymentRows rows;
    private final AuditLog audit;
    private final Clock clock;

    PaymentRefunds(
            JdbcClient jdbc,
            Ledger ledger,
            ZarinpalClient gateway,
            PaymentProperties properties,
            PaymentRows rows,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.gateway = gateway;
        this.properties = properties;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Refunds a verified payment (ADMIN). Returns the payment as it ends: {@code REFUNDED}, or
     * {@code REFUND_PENDING} when Zarinpal did not answer (reconciliation finishes it). A refusal by
     * Zarinpal, a wallet that no longer holds the amount or a refund already under way is a
     * {@link UserInputException}.
     */
    @PreAuthorize(PaymentSettlement.MANAGE)
    public Payment refund(long paymentId, String reason) {
        String why = UserText.reason(reason, PaymentSettlement.REFUND_REASON_MAX);
        var pending = begin(paymentId, why);
        if (pending == null) {
            return rows.find(paymentId).orElseThrow();
        }
        var reply = gateway.reverse(pending.payment().authority());
        var after = finish(pending, reply, Source.ADMIN);
        if (after.status() == PaymentStatus.VERIFIED) {
            throw new UserInputException(ZarinpalCodes.messageKey(reply.code()));
        }
        return after;
    }

    /** Phase 1: the hold and REFUND_PENDING, committed; null when the payment was refunded already. */
    Pending begin(long paymentId, String why) {
        return rows.change(paymentId, p -> {
            if (p.status() == PaymentStatus.REFUNDED) {
                return null;
            }
            if (p.status() == PaymentStatus.REFUND_PENDING) {
                throw new UserInputException("payment.refundUnderWay");
            }
            if (p.status() != PaymentStatus.VERIFIED) {
                throw new UserInputException("payment.notRefundable");
            }
            int attempt = jdbc.sql("select count(*) from payment_events where payment_id = ? and status = ?")
                            .params(paymentId, PaymentStatus.REFUND_PENDING.name())
                            .query(Integer.class)
                            .single()
                    + 1;
            long wallet = ledger.walletOf(p.userId());
            long hold;
            try {
                hold = ledger.placeHold(wallet, p.amount(), "refund:" + paymentId + ":" + attempt, "refund")
                        .id();
            } catch (UserInputException e) {
                if (!"money.insufficient".equals(e.messageKey())) {
                    throw e;
                }
                throw new UserInputException("payment.refundFundsGone", p.amount());
            }
            jdbc.sql("""
                            update payments set status = 'REFUND_PENDING', refund_hold_id = ?, refund_reason = ?,
                                   refund_requested_at = now(), updated_at = now() where id = ?""").params(hold, why, paymentId).update();
            rows.event(paymentId, PaymentStatus.REFUND_PENDING, why);
            audit.success("payment.refundRequest", "payment", paymentId, p.amount() + " IRR held: " + why);
            return new Pending(p, hold, why);
        });
    }

    /** Phase 3: settles the refund by Zarinpal's answer, unless someone settled it meanwhile. */
    private Payment finish(Pending pending, GatewayReply reply, Source source) {
        long id = pending.payment().id();
        return rows.change(id, p -> {
            Long hold = holdOf(id);
            if (p.status() != PaymentStatus.REFUND_PENDING || hold == null || hold != pending.holdId()) {
                return p;
            }
            String answer = PaymentSettlement.describe(reply);
            boolean reversed = reply.ok()
                    || (reply.outcome() == GatewayReply.Outcome.REFUSED
                            && Integer.valueOf(ZarinpalCodes.NOT_IN_SUCCESS_STATE)
                                    .equals(reply.code()));
            if (reversed) {
                captured(p, pending, reply, source);
            } else if (reply.outcome() == GatewayReply.Outcome.REFUSED) {
                ledger.releaseHold(pending.holdId());
                jdbc.sql("""
                                update payments set status = 'VERIFIED', refund_hold_id = null, refund_reason = null,
                                       refund_requested_at = null, last_code = ?, last_error = ?, updated_at = now() where id = ?""")
                        .params(reply.code(), StringUtils.truncate("refund: " + answer, 500), id)
                        .update();
                rows.event(id, PaymentStatus.VERIFIED, source + ": refund refused, " + answer);
                audit.failure("payment.refund", "payment", id, source + ": " + answer);
            } else {
                jdbc.sql("update payments set last_error = ?, updated_at = now() where id = ?")
                        .params(StringUtils.truncate("refund: " + answer, 500), id)
                        .update();
                rows.event(id, PaymentStatus.REFUND_PENDING, source + ": no answer to the refund, " + answer);
                audit.failure("payment.refund", "payment", id, source + ": " + answer + "; the amount stays held");
            }
            return rows.find(id).orElseThrow();
        });
    }

    private void captured(Payment p, Pending pending, GatewayReply reply, Source source) {
        long clearing = ledger.systemAccount(AccountKind.GATEWAY_CLEARING);
        String description = "Refund of top-up #" + p.id() + ": " + pending.reason();
        // The mirror of the top-up: the whole amount leaves the wallet; clearing and fees get back what they gave.
        var posted = ledger.captureHold(pending.holdId(), clearing, "refund:" + p.id(), "REFUND", description);
        long fee = p.fee() == null ? 0 : p.fee();
        if (PaymentSettlement.feeBooked(p.amount(), fee, p.feeType())) {
            ledger.post(Posting.move(
                    "refund-fee:" + p.id(),
                    "REFUND",
                    description,
                    clearing,
                    ledger.systemAccount(AccountKind.PLATFORM_FEES),
                    fee));
        }
        jdbc.sql("""
                        update payments set status = 'REFUNDED', refund_transaction_id = ?, last_code = ?, last_error = null,
                               updated_at = now(), closed_at = now() where id = ?""").params(posted.transactionId(), reply.code(), p.id()).update();
        rows.event(p.id(), PaymentStatus.REFUNDED, source + ": " + PaymentSettlement.describe(reply));
        audit.success(
                "payment.refund",
                "payment",
                p.id(),
                p.amount() + " IRR to " + p.email() + " (" + source + "): " + pending.reason());
        log.info("Payment {} refunded ({}), {} IRR", p.id(), source, p.amount());
    }

    /**
     * Asks Zarinpal again about each refund pending longer than the grace period (a crash between
     * the phases, or no answer). reverse.json is safe to repeat: a reversed payment answers -61.
     * Returns how many ended refunded.
     */
    int reconcile() {
        var due = jdbc.sql(
                        "select id from payments where status = 'REFUND_PENDING' and refund_requested_at < ? order by id")
                .param(Timestamp.from(clock.instant().minus(properties.gracePeriod())))
                .query(Long.class)
                .list();
        int refunded = 0;
        for (long id : due) {
            var pending = pending(id);
            if (pending == null) {
                continue;
            }
            var reply = gateway.reverse(pending.payment().authority());
            refunded += finish(pending, reply, Source.RECONCILIATION).status() == PaymentStatus.REFUNDED ? 1 : 0;
        }
        return refunded;
    }

    private Pending pending(long id) {
        return jdbc.sql("select refund_hold_id, refund_reason from payments where id = ? and status = 'REFUND_PENDING'")
                .param(id)
                .query((rs, n) -> new Pending(rows.find(id).orElseThrow(), rs.getLong(1), rs.getString(2)))
                .optional()
                .orElse(null);
    }

    private Long holdOf(long id) {
        List<Long> holds = jdbc.sql("select refund_hold_id from payments where id = ? and refund_hold_id is not null")
                .param(id)
                .query(Long.class)
                .list();
        return holds.isEmpty() ? null : holds.getFirst();
    }
}
