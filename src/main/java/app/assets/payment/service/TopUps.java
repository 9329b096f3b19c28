package app.assets.payment.service;

import app.assets.audit.AuditLog;
import app.assets.base.Money;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.identity.CurrentUser;
import app.assets.payment.PaymentProperties;
import app.assets.payment.TopUpPurpose;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.gateway.GatewayReply;
import app.assets.payment.gateway.ZarinpalClient;
import app.assets.payment.gateway.ZarinpalCodes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.lang3.StringUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The payer's top-up: a payment is opened at Zarinpal and the payer redirected there; the signed
 * callback brings the payer back ({@link PaymentCallbacks}), and the payment is settled
 * ({@link PaymentSettlement}) or, when the payer gave up, cancelled.
 */
@Service
public class TopUps {

    /** What a callback came to: the payment to show, or why the callback was refused (a message key). */
    public record CallbackResult(Long paymentId, String refusal) {}

    /** Smallest and largest top-up and the preset amounts, in Rials. */
    public record Limits(long min, long max, List<Long> presets) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ZarinpalClient gateway;
    private final CallbackState states;
    private final PaymentProperties properties;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final PaymentRows rows;
    private final PaymentCallbacks callbacks;
    private final AuditLog audit;

    TopUps(
            JdbcClient jdbc,
            ZarinpalClient gateway,
            CallbackState states,
            PaymentProperties properties,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            PaymentRows rows,
            PaymentCallbacks callbacks,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.states = states;
        this.properties = properties;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.rows = rows;
        this.callbacks = callbacks;
        this.audit = audit;
    }

    public Limits limits() {
        return new Limits(properties.minAmount(), properties.maxAmount(), properties.presets());
    }

    /**
     * Opens a payment at Zarinpal for the signed-in user and returns the StartPay address to send
     * the browser to. A refusal by the gateway or its absence is a {@link UserInputException}
     * with a message for the user; the attempt stays on record as failed.
     */
    @PreAuthorize("isAuthenticated()")
    public String startTopUp(Long amount, TopUpPurpose purpose, String purposeReference) {
        return startTopUp(null, amount, purpose, purposeReference).gatewayUrl();
    }

    /** A payment opened at Zarinpal, or the first one of a repeated request: where it stands and, once redirected, where to pay. */
    public record Started(long paymentId, PaymentStatus status, String gatewayUrl) {}

    /**
     * As {@link #startTopUp(Long, TopUpPurpose, String)}, idempotent by {@code requestId} (the
     * API's Idempotency-Key): a repeat, racing or not, opens no second payment and answers with the
     * first one as it stands (its StartPay address once Zarinpal gave one).
     */
    @PreAuthorize("isAuthenticated()")
    public Started startTopUp(UUID requestId, Long amount, TopUpPurpose purpose, String purposeReference) {
        var me = currentUser.require();
        if (requestId != null) {
            var first = byRequest(requestId, me.id());
            if (first.isPresent()) {
                return first.get();
            }
        }
        var money = Money.positive(amount);
        if (money.rials() < properties.minAmount() || money.rials() > properties.maxAmount()) {
            throw new UserInputException("payment.amountRange", properties.minAmount(), properties.maxAmount());
        }
        if (purpose == null) {
            purpose = TopUpPurpose.WALLET_TOP_UP;
        }
        String reference = purposeReference == null || purposeReference.isBlank() ? null : purposeReference.strip();
        if (purpose == TopUpPurpose.TICKET_SHORTFALL && reference == null) {
            throw new UserInputException("payment.referenceRequired");
        }
        if (reference != null && reference.length() > Payment.REFERENCE_MAX) {
            throw new UserInputException("payment.referenceTooLong", Payment.REFERENCE_MAX);
        }
        String nonce = HexFormat.of().formatHex(randomBytes());
        final var finalPurpose = purpose;
        Long id = transactions.execute(() -> {
            var inserted = jdbc.sql("""
                            insert into payments (user_id, amount, purpose, purpose_reference, status, nonce, request_id)
                            values (?, ?, ?, ?, 'CREATED', ?, ?) on conflict (request_id) do nothing returning id""")
                    .params(me.id(), money.rials(), finalPurpose.name(), reference, nonce, requestId)
                    .query(Long.class)
                    .optional();
            if (inserted.isEmpty()) {
                return null;
            }
            long created = inserted.get();
            rows.event(created, PaymentStatus.CREATED, money.rials() + " IRR, " + finalPurpose);
            audit.success(
                    "payment.create",
                    "payment",
                    created,
                    money.rials() + " IRR, " + finalPurpose + (reference == null ? "" : " " + reference));
            return created;
        });
        if (id == null) {
            // A racing repeat of the same request opened the payment first.
            return byRequest(requestId, me.id()).orElseThrow();
        }
        String callback = properties.publicUrl() + PaymentProperties.CALLBACK_PATH + "?state=" + states.sign(id, nonce);
        var reply = gateway.request(money.rials(), callback, "Assets top-up #" + id, me.email(), null);
        if (!reply.ok()
                || reply.authority() == null
                || reply.authority().isBlank()
                || reply.authority().length() > 64) {
            String why = reply.ok() ? "no authority in the reply" : PaymentSettlement.describe(reply);
            transactions.run(() -> {
                jdbc.sql(
                                "update payments set status = 'FAILED', last_code = ?, last_error = ?, updated_at = now(), closed_at = now() where id = ?")
                        .params(reply.code(), StringUtils.truncate(why, 500), id)
                        .update();
                rows.event(id, PaymentStatus.FAILED, "request: " + why);
            });
            audit.failure("payment.request", "payment", id, why);
            throw new UserInputException(
                    reply.outcome() == GatewayReply.Outcome.REFUSED
                            ? ZarinpalCodes.messageKey(reply.code())
                            : "payment.unavailable");
        }
        transactions.run(() -> {
            jdbc.sql(
                            "update payments set status = 'REDIRECTED', authority = ?, redirected_at = now(), updated_at = now() where id = ? and status = 'CREATED'")
                    .params(reply.authority(), id)
                    .update();
            rows.event(id, PaymentStatus.REDIRECTED, "authority " + reply.authority());
            audit.success("payment.redirect", "payment", id, "authority " + reply.authority());
        });
        return new Started(id, PaymentStatus.REDIRECTED, gateway.startPayUrl(reply.authority()));
    }

    private Optional<Started> byRequest(UUID requestId, long userId) {
        return jdbc.sql("select id, status, authority, user_id from payments where request_id = ?")
                .param(requestId)
                .query((rs, n) -> {
                    if (rs.getLong("user_id") != userId) {
                        throw new IllegalStateException("request id of another user's payment");
                    }
                    var status = PaymentStatus.valueOf(rs.getString("status"));
                    String authority = rs.getString("authority");
                    return new Started(
                            rs.getLong("id"),
                            status,
                            status == PaymentStatus.REDIRECTED && authority != null
                                    ? gateway.startPayUrl(authority)
                                    : null);
                })
                .optional();
    }

    /**
     * The payer's return from Zarinpal. Refused (and audited) when it comes from an address not on
     * the allow-list, when the state is forged, altered or expired, when it names a payment other
     * than the authority's, when another signed-in user brings it, or when the payment was already
     * settled (a replay); a refused callback changes nothing, reconciliation still settles the payment.
     * The payment is verified before this returns.
     */
    public CallbackResult handleCallback(String state, String authority, String status, String remoteAddress) {
        return callbacks.handle(state, authority, status, remoteAddress, false);
    }

    /**
     * As {@link #handleCallback(String, String, String, String)}, but a paid payment is verified in
     * the background: the payer's browser is answered at once, whatever Zarinpal's speed.
     */
    public CallbackResult acceptCallback(String state, String authority, String status, String remoteAddress) {
        return callbacks.handle(state, authority, status, remoteAddress, true);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
