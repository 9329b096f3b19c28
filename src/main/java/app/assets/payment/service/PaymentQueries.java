package app.assets.payment.service;

import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.ledger.Ledger;
import app.assets.payment.TopUpPurpose;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading payments: the signed-in payer's own, and for staff (payment.manage or report.read.all) all of them, filtered, with each one's timeline. */
@Service
public class PaymentQueries {

    static final String READ =
            "hasAnyAuthority('" + Permissions.PAYMENT_MANAGE + "', '" + Permissions.REPORT_READ_ALL + "')";

    /** Filters of the staff list; null means any. */
    public record Filter(PaymentStatus status, String email, TopUpPurpose purpose) {
        public static final Filter NONE = new Filter(null, null, null);
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final CurrentUser currentUser;
    private final PaymentRows rows;
    private final UserDirectory directory;

    PaymentQueries(JdbcClient jdbc, Ledger ledger, CurrentUser currentUser, PaymentRows rows, UserDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.ledger = ledger;
        this.currentUser = currentUser;
        this.rows = rows;
    }

    /** One of the signed-in user's payments (for the result page); empty for anyone else's. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Payment> myPayment(long id) {
        long me = currentUser.require().id();
        return rows.find(id).filter(p -> p.userId() == me);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<Payment> myPayments(int offset, int limit) {
        return rows.select("where p.user_id = ?", List.of(currentUser.require().id()), offset, limit);
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
        return rows.select(where(filter, params), params, offset, limit);
    }

    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public int count(Filter filter) {
        var params = new ArrayList<Object>();
        return jdbc.sql("select count(*) from payments p " + where(filter, params))
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

    private String where(Filter filter, List<Object> params) {
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
            // The payers come from identity in one query; their ids filter the payments.
            sql.append(" and p.user_id = any(?)");
            params.add(directory.idsWithEmailContaining(filter.email()).toArray(Long[]::new));
        }
        return sql.toString();
    }
}
