package app.assets.payment.service;

import app.assets.audit.AuditLog;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.payment.PaymentFailed;
import app.assets.payment.PaymentProperties;
import app.assets.payment.PaymentVerified;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.gateway.GatewayReply;
import app.assets.payment.gateway.ZarinpalClient;
import app.assets.payment.gateway.ZarinpalCodes;
import java.time.Clock;
import java.util.ArrayList;
import org.apache.commons.lang3.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Settling a payment: it is verified at Zarinpal for the stored amount and credited to the wallet
 * through the ledger, from the payer's callback (in the background, {@link BackgroundVerification}),
 * reconciliation or an admin's "verify now" (refunds: {@link PaymentRefunds}). The gateway is asked
 * with no transaction open; its answer is then applied under a row lock on the payment that
 * re-reads its state, and crediting uses the ledger key {@code topup:<id>}, so however many callers
 * race, a payment is credited at most once.
 */
@Service
public class PaymentSettlement {

    /** The longest refund reason kept (the refund dialog's limit too, see {@link PaymentRefunds}). */
    public static final int REFUND_REASON_MAX = 500;

    private static final Logger log = LoggerFactory.getLogger(PaymentSettlement.class);
    static final String MANAGE = "hasAuthority('" + Permissions.PAYMENT_MANAGE + "')";

    /** Who is asking the gateway to verify: the payer's return, the reconciliation job or an admin. */
    public enum Source {
        CALLBACK,
        RECONCILIATION,
        ADMIN
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ZarinpalClient gateway;
    private final PaymentProperties properties;
    private final PaymentRows rows;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PaymentSettlement(
            JdbcClient jdbc,
            Ledger ledger,
            ZarinpalClient gateway,
            PaymentProperties properties,
            PaymentRows rows,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.gateway = gateway;
        this.properties = properties;
        this.rows = rows;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Asks the gateway now, whatever state the payment is in (a failed one may turn out paid). */
    @PreAuthorize(MANAGE)
    public Payment verifyNow(long paymentId) {
        var result = settle(paymentId, Source.ADMIN);
        audit.success("payment.verifyNow", "payment", paymentId, "now " + result.status());
        return result;
    }

    /**
     * Verifies the payment at the gateway and credits it once. A callback settles only a
     * redirected payment; reconciliation and admins may also find a failed, cancelled or expired
     * one paid after all. Whatever the gateway answers, nothing is lost: an unavailable gateway or
     * a code that may pass later leaves the payment as it was, with the error noted.
     */
    Payment settle(long paymentId, Source source) {
        var before = rows.find(paymentId).orElseThrow(() -> new UserInputException("payment.notFound"));
        if (!eligible(before, source) || before.authority() == null) {
            return before;
        }
        // Asked with no transaction open: a slow gateway holds neither a connection nor the row.
        var reply = gateway.verify(before.authority(), before.amount());
        return rows.change(paymentId, p -> {
            if (reply.ok()) {
                // Paid: credited now unless a racing caller credited it first (then the row says so).
                return p.status().isCredited() ? p : credit(p, reply, source);
            }
            if (!eligible(p, source)) {
                return p;
            }
            String why = describe(reply);
            PaymentStatus next = null;
            if (reply.outcome() == GatewayReply.Outcome.REFUSED) {
                int code = reply.code();
                if (ZarinpalCodes.finalForVerify(code)) {
                    next = PaymentStatus.FAILED;
                } else if (code == ZarinpalCodes.NOT_PAID) {
                    boolean old = p.redirectedAt() != null
                            && p.redirectedAt().plus(properties.expireAfter()).isBefore(clock.instant());
                    next = source == Source.CALLBACK ? PaymentStatus.FAILED : old ? PaymentStatus.EXPIRED : null;
                }
            }
            if (next != null && p.status() != next && p.status().canBecome(next)) {
                jdbc.sql(
                                "update payments set status = ?, last_code = ?, last_error = ?, updated_at = now(), closed_at = now() where id = ?")
                        .params(next.name(), reply.code(), StringUtils.truncate(why, 500), paymentId)
                        .update();
                rows.event(paymentId, next, source + ": " + why);
                if (next == PaymentStatus.FAILED) {
                    events.publishEvent(new PaymentFailed(paymentId, p.userId(), p.amount(), why));
                }
            } else {
                jdbc.sql("update payments set last_code = ?, last_error = ?, updated_at = now() where id = ?")
                        .params(reply.code(), StringUtils.truncate(why, 500), paymentId)
                        .update();
                rows.event(paymentId, p.status(), source + ": " + why);
            }
            audit.failure("payment.verify", "payment", paymentId, source + ": " + why);
            return rows.find(paymentId).orElseThrow();
        });
    }

    private static boolean eligible(Payment p, Source source) {
        return source == Source.CALLBACK
                ? p.status() == PaymentStatus.REDIRECTED
                : PaymentStatus.VERIFIABLE.contains(p.status());
    }

    /** Whether the merchant bore the gateway's fee (booked to platform fees): unless Zarinpal says the payer paid it. */
    static boolean feeBooked(long amount, long fee, String feeType) {
        return fee > 0 && fee < amount && !"Payer".equalsIgnoreCase(feeType);
    }

    private Payment credit(Payment p, GatewayReply reply, Source source) {
        long amount = p.amount();
        long fee = reply.fee() == null ? 0 : reply.fee();
        boolean bookFee = feeBooked(amount, fee, reply.feeType());
        long wallet = ledger.walletOf(p.userId());
        long clearing = ledger.systemAccount(AccountKind.GATEWAY_CLEARING);
        var legs = new ArrayList<Posting.Leg>();
        legs.add(new Posting.Leg(wallet, amount));
        legs.add(new Posting.Leg(clearing, -(bookFee ? amount - fee : amount)));
        if (bookFee) {
            legs.add(new Posting.Leg(ledger.systemAccount(AccountKind.PLATFORM_FEES), -fee));
        }
        var posted = ledger.post(new Posting("topup:" + p.id(), "TOP_UP", "Zarinpal ref " + reply.refId(), legs));
        jdbc.sql("""
                        update payments set status = 'VERIFIED', ref_id = ?, card_pan = ?, fee = ?, fee_type = ?, last_code = ?,
                               last_error = null, ledger_transaction_id = ?, verified_at = now(), updated_at = now(), closed_at = now()
                        where id = ?""")
                .params(
                        StringUtils.truncate(reply.refId(), 32),
                        StringUtils.truncate(reply.cardPan(), 32),
                        reply.fee(),
                        StringUtils.truncate(reply.feeType(), 16),
                        reply.code(),
                        posted.transactionId(),
                        p.id())
                .update();
        rows.event(p.id(), PaymentStatus.VERIFIED, source + ": code " + reply.code() + ", ref " + reply.refId());
        audit.success(
                "payment.verify",
                "payment",
                p.id(),
                amount + " IRR credited to " + p.email() + " (" + source + ", code " + reply.code() + ", ref "
                        + reply.refId() + ", fee " + fee + ")");
        events.publishEvent(new PaymentVerified(p.id(), p.userId(), amount, p.purpose(), p.purposeReference()));
        log.info("Payment {} verified ({}), {} IRR credited", p.id(), source, amount);
        return rows.find(p.id()).orElseThrow();
    }

    static String describe(GatewayReply reply) {
        return switch (reply.outcome()) {
            case OK -> "code " + reply.code();
            case REFUSED -> "code " + reply.code() + (reply.message() == null ? "" : " (" + reply.message() + ")");
            case UNAVAILABLE -> "gateway unavailable: " + reply.message();
        };
    }
}
