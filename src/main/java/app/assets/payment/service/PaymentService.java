package app.assets.payment.service;

import app.assets.audit.AuditLog;
import app.assets.base.Money;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.LikePattern;
import app.assets.base.infra.RetryingTransactions;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.payment.PaymentFailed;
import app.assets.payment.PaymentProperties;
import app.assets.payment.PaymentVerified;
import app.assets.payment.TopUpPurpose;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.gateway.GatewayReply;
import app.assets.payment.gateway.ZarinpalClient;
import app.assets.payment.gateway.ZarinpalCodes;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.lang3.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment lifecycle: a top-up is requested at Zarinpal and the payer redirected; the signed
 * callback (or reconciliation, or an admin's "verify now") verifies it for the stored amount and
 * credits the wallet through the ledger. Crediting happens under a row lock on the payment and
 * with the ledger key {@code topup:<id>}, so however many callers race, a payment is credited at
 * most once. The gateway is called while that lock is held, always with timeouts.
 */
@Service
public class PaymentService {

    /** The longest refund reason kept (the refund dialog's limit too). */
    public static final int REFUND_REASON_MAX = 500;

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    static final String READ =
            "hasAnyAuthority('" + Permissions.PAYMENT_MANAGE + "', '" + Permissions.REPORT_READ_ALL + "')";
    static final String MANAGE = "hasAuthority('" + Permissions.PAYMENT_MANAGE + "')";

    /** Who is asking the gateway to verify: the payer's return, the reconciliation job or an admin. */
    public enum Source {
        CALLBACK,
        RECONCILIATION,
        ADMIN
    }

    /** What a callback came to: the payment to show, or why the callback was refused (a message key). */
    public record CallbackResult(Long paymentId, String refusal) {}

    /** Filters of the staff list; null means any. */
    public record Filter(PaymentStatus status, String email, TopUpPurpose purpose) {
        public static final Filter NONE = new Filter(null, null, null);
    }

    /** Smallest and largest top-up and the preset amounts, in Rials. */
    public record Limits(long min, long max, List<Long> presets) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ZarinpalClient gateway;
    private final CallbackState states;
    private final PaymentProperties properties;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PaymentService(
            JdbcClient jdbc,
            Ledger ledger,
            ZarinpalClient gateway,
            CallbackState states,
            PaymentProperties properties,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.gateway = gateway;
        this.states = states;
        this.properties = properties;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public Limits limits() {
        return new Limits(properties.minAmount(), properties.maxAmount(), properties.presets());
    }

    // ---- the payer -------------------------------------------------------------------------------

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
            event(created, PaymentStatus.CREATED, money.rials() + " IRR, " + finalPurpose);
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
            String why = reply.ok() ? "no authority in the reply" : describe(reply);
            transactions.run(() -> {
                jdbc.sql(
                                "update payments set status = 'FAILED', last_code = ?, last_error = ?, updated_at = now(), closed_at = now() where id = ?")
                        .params(reply.code(), StringUtils.truncate(why, 500), id)
                        .update();
                event(id, PaymentStatus.FAILED, "request: " + why);
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
            event(id, PaymentStatus.REDIRECTED, "authority " + reply.authority());
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
     */
    public CallbackResult handleCallback(String state, String authority, String status, String remoteAddress) {
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
        var payment = find(id).orElse(null);
        if (payment == null
                || !checked.claims().nonce().equals(nonceOf(id))
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
        if ("OK".equals(status)) {
            settle(id, Source.CALLBACK);
        } else {
            cancel(id, "payer returned with Status=" + StringUtils.truncate(status, 20));
        }
        return new CallbackResult(id, null);
    }

    /** One of the signed-in user's payments (for the result page); empty for anyone else's. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Payment> myPayment(long id) {
        long me = currentUser.require().id();
        return find(id).filter(p -> p.userId() == me);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Payment> myPayments(int offset, int limit) {
        return select("where p.user_id = ?", List.of(currentUser.require().id()), offset, limit);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public int myPaymentCount() {
        return jdbc.sql("select count(*) from payments where user_id = ?")
                .param(currentUser.require().id())
                .query(Integer.class)
                .single();
    }

    /** The signed-in user's available wallet balance, shown with the outcome. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public long myAvailableBalance() {
        return ledger.balance(ledger.walletOf(currentUser.require().id())).available();
    }

    // ---- staff -----------------------------------------------------------------------------------

    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public List<Payment> payments(Filter filter, int offset, int limit) {
        var params = new ArrayList<Object>();
        return select(where(filter, params), params, offset, limit);
    }

    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public int count(Filter filter) {
        var params = new ArrayList<Object>();
        return jdbc.sql("select count(*) from payments p join users u on u.id = p.user_id " + where(filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public List<Payment.Event> timeline(long paymentId) {
        return jdbc.sql("select created_at, status, note, actor from payment_events where payment_id = ? order by id")
                .param(paymentId)
                .query((rs, n) -> new Payment.Event(
                        rs.getTimestamp(1).toInstant(),
                        PaymentStatus.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4)))
                .list();
    }

    /** Asks the gateway now, whatever state the payment is in (a failed one may turn out paid). */
    @PreAuthorize(MANAGE)
    public Payment verifyNow(long paymentId) {
        var result = settle(paymentId, Source.ADMIN);
        audit.success("payment.verifyNow", "payment", paymentId, "now " + result.status());
        return result;
    }

    /**
     * Reverses a verified payment at Zarinpal and takes the amount back out of the wallet (a ledger
     * reversal of the top-up). Refused when the wallet no longer has the amount available; the
     * wallet stays locked while the gateway is asked, so nothing can spend it meanwhile.
     */
    @PreAuthorize(MANAGE)
    public Payment refund(long paymentId, String reason) {
        String why = UserText.reason(reason, REFUND_REASON_MAX);
        return transactions.execute(() -> {
            var p = lock(paymentId);
            if (p.status() == PaymentStatus.REFUNDED) {
                return p;
            }
            if (p.status() != PaymentStatus.VERIFIED) {
                throw new UserInputException("payment.notRefundable");
            }
            // Locks the wallet row until commit and checks the amount is still there.
            var hold = ledger.placeHold(
                    ledger.walletOf(p.userId()),
                    p.amount(),
                    "refund-check:" + paymentId + ":" + System.nanoTime(),
                    "refund");
            var reply = gateway.reverse(p.authority());
            if (!reply.ok()) {
                audit.failure("payment.refund", "payment", paymentId, describe(reply));
                throw new UserInputException(
                        reply.outcome() == GatewayReply.Outcome.REFUSED
                                ? ZarinpalCodes.messageKey(reply.code())
                                : "payment.unavailable");
            }
            ledger.releaseHold(hold.id());
            var reversal = ledger.reverse(
                    p.ledgerTransactionId(), "refund:" + paymentId, "Refund of top-up #" + paymentId + ": " + why);
            jdbc.sql(
                            "update payments set status = 'REFUNDED', refund_transaction_id = ?, updated_at = now(), closed_at = now() where id = ?")
                    .params(reversal.transactionId(), paymentId)
                    .update();
            event(paymentId, PaymentStatus.REFUNDED, why);
            audit.success("payment.refund", "payment", paymentId, p.amount() + " IRR to " + p.email() + ": " + why);
            return find(paymentId).orElseThrow();
        });
    }

    // ---- settling (callback, reconciliation, admin) ------------------------------------------------

    /**
     * Verifies the payment at the gateway and credits it once. A callback settles only a
     * redirected payment; reconciliation and admins may also find a failed, cancelled or expired
     * one paid after all. Whatever the gateway answers, nothing is lost: an unavailable gateway or
     * a code that may pass later leaves the payment as it was, with the error noted.
     */
    Payment settle(long paymentId, Source source) {
        return transactions.execute(() -> {
            var p = lock(paymentId);
            boolean eligible = source == Source.CALLBACK
                    ? p.status() == PaymentStatus.REDIRECTED
                    : PaymentStatus.VERIFIABLE.contains(p.status());
            if (!eligible || p.authority() == null) {
                return p;
            }
            var reply = gateway.verify(p.authority(), p.amount());
            if (reply.ok()) {
                return credit(p, reply, source);
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
                event(paymentId, next, source + ": " + why);
                if (next == PaymentStatus.FAILED) {
                    events.publishEvent(new PaymentFailed(paymentId, p.userId(), p.amount(), why));
                }
            } else {
                jdbc.sql("update payments set last_code = ?, last_error = ?, updated_at = now() where id = ?")
                        .params(reply.code(), StringUtils.truncate(why, 500), paymentId)
                        .update();
                event(paymentId, p.status(), source + ": " + why);
            }
            audit.failure("payment.verify", "payment", paymentId, source + ": " + why);
            return find(paymentId).orElseThrow();
        });
    }

    private Payment credit(Payment p, GatewayReply reply, Source source) {
        long amount = p.amount();
        long fee = reply.fee() == null ? 0 : reply.fee();
        // The merchant bears the fee unless Zarinpal says the payer paid it on top.
        boolean bookFee = fee > 0 && fee < amount && !"Payer".equalsIgnoreCase(reply.feeType());
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
        event(p.id(), PaymentStatus.VERIFIED, source + ": code " + reply.code() + ", ref " + reply.refId());
        audit.success(
                "payment.verify",
                "payment",
                p.id(),
                amount + " IRR credited to " + p.email() + " (" + source + ", code " + reply.code() + ", ref "
                        + reply.refId() + ", fee " + fee + ")");
        events.publishEvent(new PaymentVerified(p.id(), p.userId(), amount, p.purpose(), p.purposeReference()));
        log.info("Payment {} verified ({}), {} IRR credited", p.id(), source, amount);
        return find(p.id()).orElseThrow();
    }

    private void cancel(long paymentId, String why) {
        transactions.run(() -> {
            var p = lock(paymentId);
            if (p.status() != PaymentStatus.REDIRECTED) {
                return;
            }
            jdbc.sql(
                            "update payments set status = 'CANCELLED', last_error = ?, updated_at = now(), closed_at = now() where id = ?")
                    .params(why, paymentId)
                    .update();
            event(paymentId, PaymentStatus.CANCELLED, why);
            audit.success("payment.cancel", "payment", paymentId, why);
        });
    }

    /** Redirected payments older than the grace period, oldest first. */
    List<Long> overdue() {
        return jdbc.sql("select id from payments where status = 'REDIRECTED' and redirected_at < ? order by id")
                .param(Timestamp.from(clock.instant().minus(properties.gracePeriod())))
                .query(Long.class)
                .list();
    }

    Optional<Payment> byAuthority(String authority) {
        return jdbc.sql(SELECT + " where p.authority = ?")
                .param(authority)
                .query((rs, n) -> map(rs))
                .optional();
    }

    // ---- internals -------------------------------------------------------------------------------

    private static final String SELECT = "select p.*, u.email from payments p join users u on u.id = p.user_id";

    Optional<Payment> find(long id) {
        return jdbc.sql(SELECT + " where p.id = ?")
                .param(id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    private Payment lock(long id) {
        return jdbc.sql(SELECT + " where p.id = ? for update of p")
                .param(id)
                .query((rs, n) -> map(rs))
                .optional()
                .orElseThrow(() -> new UserInputException("payment.notFound"));
    }

    private String nonceOf(long id) {
        return jdbc.sql("select nonce from payments where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private List<Payment> select(String where, List<Object> params, int offset, int limit) {
        var all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        return jdbc.sql(SELECT + " " + where + " order by p.id desc limit ? offset ?")
                .params(all)
                .query((rs, n) -> map(rs))
                .list();
    }

    private static String where(Filter filter, List<Object> params) {
        var sql = new StringBuilder("where true");
        if (filter.status() != null) {
            sql.append(" and p.status = ?");
            params.add(filter.status().name());
        }
        if (filter.purpose() != null) {
            sql.append(" and p.purpose = ?");
            params.add(filter.purpose().name());
        }
        if (filter.email() != null && !filter.email().isBlank()) {
            sql.append(" and lower(u.email) like ?");
            params.add(LikePattern.containing(filter.email()));
        }
        return sql.toString();
    }

    private void event(long paymentId, PaymentStatus status, String note) {
        jdbc.sql("insert into payment_events (payment_id, status, note, actor) values (?, ?, ?, ?)")
                .params(
                        paymentId,
                        status.name(),
                        StringUtils.truncate(note, 500),
                        currentUser.email().orElse("system"))
                .update();
    }

    static String describe(GatewayReply reply) {
        return switch (reply.outcome()) {
            case OK -> "code " + reply.code();
            case REFUSED -> "code " + reply.code() + (reply.message() == null ? "" : " (" + reply.message() + ")");
            case UNAVAILABLE -> "gateway unavailable: " + reply.message();
        };
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Payment map(ResultSet rs) throws SQLException {
        Timestamp redirected = rs.getTimestamp("redirected_at");
        long fee = rs.getLong("fee");
        Long feeValue = rs.wasNull() ? null : fee;
        int code = rs.getInt("last_code");
        Integer codeValue = rs.wasNull() ? null : code;
        long tx = rs.getLong("ledger_transaction_id");
        Long txValue = rs.wasNull() ? null : tx;
        return new Payment(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getString("email"),
                rs.getLong("amount"),
                TopUpPurpose.valueOf(rs.getString("purpose")),
                rs.getString("purpose_reference"),
                PaymentStatus.valueOf(rs.getString("status")),
                rs.getString("authority"),
                rs.getString("ref_id"),
                rs.getString("card_pan"),
                feeValue,
                rs.getString("fee_type"),
                codeValue,
                rs.getString("last_error"),
                txValue,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                redirected == null ? null : redirected.toInstant());
    }

    String currentActor() {
        return currentUser.email().orElse("system");
    }
}
