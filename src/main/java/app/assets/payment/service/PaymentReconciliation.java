package app.assets.payment.service;

import app.assets.audit.AuditLog;
import app.assets.payment.PaymentProperties;
import app.assets.payment.ReconciliationMismatch;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.gateway.GatewayReply;
import app.assets.payment.gateway.ZarinpalClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.lang3.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settles what the callback did not: redirected payments past the grace period are verified (and
 * expired when the gateway still has no payment for them), refunds left pending by a crash or an
 * unanswered reverse are asked again ({@link PaymentRefunds}), and once a day the gateway's list of
 * unverified payments is compared with ours. Every disagreement is kept as a mismatch for review
 * and mailed to the configured admin address. Each run is recorded.
 */
@Service
public class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);

    /** A recorded run. */
    public record Run(
            long id,
            String kind,
            Instant ranAt,
            int checked,
            int verified,
            int expired,
            int mismatches,
            String triggeredBy) {}

    /** A disagreement between our records and the gateway's. */
    public record Mismatch(long runId, Long paymentId, String authority, String problem, Instant at) {}

    private final PaymentSettlement settlement;
    private final PaymentRefunds refunds;
    private final PaymentRows rows;
    private final ZarinpalClient gateway;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final PaymentProperties properties;
    private final AuditLog audit;

    PaymentReconciliation(
            PaymentSettlement settlement,
            PaymentRefunds refunds,
            PaymentRows rows,
            ZarinpalClient gateway,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            PaymentProperties properties,
            AuditLog audit) {
        this.settlement = settlement;
        this.refunds = refunds;
        this.rows = rows;
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.events = events;
        this.properties = properties;
        this.audit = audit;
    }

    /** Verifies redirected payments and finishes pending refunds older than the grace period. */
    // One node per tick. A run calls the gateway once per overdue payment (up to 2 x 15 s each while it is down), so a
    // run in an outage can be long: 15 minutes, after which a dead node's lock lets the next tick run. Two runs
    // overlapping would still settle each payment once (its row is locked while it is settled).
    @Scheduled(cron = "${assets.payment.pending-cron:0 */5 * * * *}")
    @SchedulerLock(
            name = "payment-reconcile-pending",
            lockAtMostFor = "PT15M",
            lockAtLeastFor = "${assets.scheduling.lock-at-least-for:PT30S}")
    public void scheduledPending() {
        reconcilePending("schedule");
    }

    // One node per day: the mismatch mail must go out once. Two hours covers reading the gateway's whole list.
    @Scheduled(cron = "${assets.payment.daily-cron:0 30 3 * * *}")
    @SchedulerLock(
            name = "payment-reconcile-daily",
            lockAtMostFor = "PT2H",
            lockAtLeastFor = "${assets.scheduling.lock-at-least-for:PT30S}")
    public void scheduledDaily() {
        reconcileDaily("schedule");
    }

    /** Runs the daily reconciliation now (ADMIN). */
    @PreAuthorize(PaymentSettlement.MANAGE)
    public Run runNow() {
        var run = reconcileDaily(rows.currentActor());
        audit.success(
                "payment.reconcile",
                "payment_reconciliation_run",
                run.id(),
                run.checked() + " checked, " + run.verified() + " verified, " + run.mismatches() + " mismatches");
        return run;
    }

    public Run reconcilePending(String by) {
        int checked = 0;
        int verified = 0;
        int expired = 0;
        for (long id : rows.overdue()) {
            checked++;
            var status = settlement
                    .settle(id, PaymentSettlement.Source.RECONCILIATION)
                    .status();
            verified += status == PaymentStatus.VERIFIED ? 1 : 0;
            expired += status == PaymentStatus.EXPIRED ? 1 : 0;
        }
        int refunded = refunds.reconcile();
        if (refunded > 0) {
            log.info("Reconciliation finished {} pending refunds", refunded);
        }
        return record("PENDING", checked, verified, expired, List.of(), by);
    }

    public Run reconcileDaily(String by) {
        var pending = reconcilePending(by);
        int checked = pending.checked();
        int verified = pending.verified();
        var mismatches = new ArrayList<Mismatch>();
        var reply = gateway.unverified();
        if (!reply.ok()) {
            mismatches.add(new Mismatch(
                    0,
                    null,
                    null,
                    "could not read the gateway's unverified list: " + PaymentSettlement.describe(reply),
                    null));
        } else {
            for (GatewayReply.Unverified u : reply.unverified()) {
                checked++;
                var local = rows.byAuthority(u.authority());
                if (local.isEmpty()) {
                    mismatches.add(new Mismatch(
                            0,
                            null,
                            u.authority(),
                            "paid at the gateway (" + u.amount() + " IRR) but unknown here",
                            null));
                    continue;
                }
                var p = local.get();
                if (p.amount() != u.amount()) {
                    mismatches.add(new Mismatch(
                            0,
                            p.id(),
                            u.authority(),
                            "gateway amount " + u.amount() + " IRR differs from ours " + p.amount() + " IRR",
                            null));
                    continue;
                }
                if (p.status().isCredited()) {
                    mismatches.add(new Mismatch(
                            0, p.id(), u.authority(), "credited here but unverified at the gateway", null));
                    continue;
                }
                var after = settlement.settle(p.id(), PaymentSettlement.Source.RECONCILIATION);
                if (after.status() == PaymentStatus.VERIFIED) {
                    verified++;
                } else {
                    mismatches.add(new Mismatch(
                            0,
                            p.id(),
                            u.authority(),
                            "paid at the gateway but verifying failed: " + after.lastError(),
                            null));
                }
            }
        }
        var run = record("DAILY", checked, verified, pending.expired(), mismatches, by);
        if (!mismatches.isEmpty()) {
            log.warn("Payment reconciliation found {} mismatches", mismatches.size());
            // The notification module turns each into a message to ADMIN (template RECONCILIATION_MISMATCH).
            mismatches.forEach(m -> events.publishEvent(new ReconciliationMismatch(
                    run.id(), m.paymentId(), m.authority(), m.problem(), properties.alertEmail())));
        }
        return run;
    }

    @PreAuthorize(PaymentQueries.READ)
    @Transactional(readOnly = true)
    public List<Run> recentRuns(int limit) {
        return jdbc.sql("select * from payment_reconciliation_runs order by id desc limit ?")
                .param(limit)
                .query(PaymentReconciliation::run)
                .list();
    }

    @PreAuthorize(PaymentQueries.READ)
    @Transactional(readOnly = true)
    public List<Mismatch> recentMismatches(int limit) {
        return jdbc.sql("select * from payment_mismatches order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> {
                    long payment = rs.getLong("payment_id");
                    return new Mismatch(
                            rs.getLong("run_id"),
                            rs.wasNull() ? null : payment,
                            rs.getString("authority"),
                            rs.getString("problem"),
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
    }

    private Run record(String kind, int checked, int verified, int expired, List<Mismatch> mismatches, String by) {
        long id = jdbc.sql("""
                        insert into payment_reconciliation_runs (kind, checked, verified, expired, mismatches, triggered_by)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(kind, checked, verified, expired, mismatches.size(), by)
                .query(Long.class)
                .single();
        for (var m : mismatches) {
            jdbc.sql("insert into payment_mismatches (run_id, payment_id, authority, problem) values (?, ?, ?, ?)")
                    .params(id, m.paymentId(), m.authority(), StringUtils.truncate(m.problem(), 500))
                    .update();
        }
        return jdbc.sql("select * from payment_reconciliation_runs where id = ?")
                .param(id)
                .query(PaymentReconciliation::run)
                .single();
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getTimestamp("ran_at").toInstant(),
                rs.getInt("checked"),
                rs.getInt("verified"),
                rs.getInt("expired"),
                rs.getInt("mismatches"),
                rs.getString("triggered_by"));
    }
}
