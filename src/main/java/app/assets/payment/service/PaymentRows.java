package app.assets.payment.service;

import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.payment.PaymentProperties;
import app.assets.payment.TopUpPurpose;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The payment row as the payment services share it: the one SELECT and row mapper, locking a
 * row (and changing it under that lock), the payment's timeline lines, and the reads
 * reconciliation needs.
 */
@Component
class PaymentRows {

    // The payer's email comes from identity (UserDirectory), one lookup per list, not a join on its table.
    private static final String SELECT = "select p.* from payments p";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final PaymentProperties properties;
    private final Clock clock;
    private final UserDirectory directory;
    private final RetryingTransactions transactions;

    PaymentRows(
            JdbcClient jdbc,
            CurrentUser currentUser,
            PaymentProperties properties,
            Clock clock,
            UserDirectory directory,
            RetryingTransactions transactions) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.transactions = transactions;
        this.currentUser = currentUser;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<Payment> find(long id) {
        return jdbc.sql(SELECT + " where p.id = ?")
                .param(id)
                .query((rs, n) -> map(rs))
                .optional()
                .map(this::withEmail);
    }

    /** Locks a payment's row until commit. */
    Payment lock(long id) {
        return jdbc.sql(SELECT + " where p.id = ? for update of p")
                .param(id)
                .query((rs, n) -> map(rs))
                .optional()
                .map(this::withEmail)
                .orElseThrow(() -> new UserInputException("payment.notFound"));
    }

    /**
     * Re-reads the payment under its row lock in a transaction of its own and applies the change to
     * it as it stands then: whatever was decided before (a gateway's answer, asked with no
     * transaction open) meets the state a racing caller may have left, and the change commits or
     * rolls back whole.
     */
    <T> T change(long id, Function<Payment, T> change) {
        return transactions.execute(() -> change.apply(lock(id)));
    }

    String nonceOf(long id) {
        return jdbc.sql("select nonce from payments where id = ?")
                .param(id)
                .query(String.class)
                .single();
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
                .optional()
                .map(this::withEmail);
    }

    List<Payment> select(String where, List<Object> params, int offset, int limit) {
        var all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        var payments = jdbc.sql(SELECT + " " + where + " order by p.id desc limit ? offset ?")
                .params(all)
                .query((rs, n) -> map(rs))
                .list();
        var emails = directory.emails(payments.stream().map(Payment::userId).collect(Collectors.toSet()));
        return payments.stream().map(p -> p.withEmail(emails.get(p.userId()))).toList();
    }

    private Payment withEmail(Payment payment) {
        return payment.withEmail(directory
                .byId(payment.userId())
                .map(UserDirectory.Person::email)
                .orElse(null));
    }

    /** Writes a line of the payment's timeline. */
    void event(long paymentId, PaymentStatus status, String note) {
        jdbc.sql("insert into payment_events (payment_id, status, note, actor) values (?, ?, ?, ?)")
                .params(
                        paymentId,
                        status.name(),
                        StringUtils.truncate(note, 500),
                        currentUser.email().orElse("system"))
                .update();
    }

    String currentActor() {
        return currentUser.email().orElse("system");
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
                null,
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
}
