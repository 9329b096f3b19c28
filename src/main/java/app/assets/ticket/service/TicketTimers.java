package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.infra.RetryingTransactions;
import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketEvent.CancelReason;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The lending timers: expire pending tickets nobody answered and accepted tickets nobody paid,
 * and raise due-soon and overdue reminders. Safe with several nodes: each ticket is handled in its
 * own transaction on a row picked with {@code for update skip locked}, and each step re-checks the
 * ticket's state, so no ticket is handled twice.
 */
@Component
public class TicketTimers {

    /** At most this many tickets of each kind per run, so one run never holds the scheduler for long. */
    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(TicketTimers.class);

    private final JdbcClient jdbc;
    private final RetryingTransactions transactions;
    private final TicketRows rows;
    private final TicketLifecycle lifecycle;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TicketProperties properties;

    public TicketTimers(
            JdbcClient jdbc,
            RetryingTransactions transactions,
            TicketRows rows,
            TicketLifecycle lifecycle,
            AuditLog audit,
            ApplicationEventPublisher events,
            TicketProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rows = rows;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
    }

    // One node per delay. Each node keeps its own fixed-delay rhythm, so the lock is held at least one whole delay:
    // otherwise every node would run once per delay. At most: the delay plus 10 minutes, far above a run of
    // 4 x 200 tickets. Correctness never rests on this lock: tickets are still claimed with skip locked.
    @Scheduled(
            fixedDelayString = "${assets.ticket.timer-delay:PT1M}",
            initialDelayString = "${assets.ticket.timer-delay:PT1M}")
    @SchedulerLock(
            name = "ticket-timers",
            lockAtMostFor = "#{T(org.springframework.format.datetime.standard.DurationFormatterUtils).detectAndParse("
                    + "'${assets.ticket.timer-delay:PT1M}').plusMinutes(10)}",
            lockAtLeastFor = "${assets.ticket.timer-delay:PT1M}")
    public void run() {
        int expired = drain(this::expireOnePending) + drain(this::expireOneUnpaid);
        int reminded = drain(this::remindOneOverdue) + drain(this::remindOneDueSoon);
        if (expired + reminded > 0) {
            log.info("Ticket timers: {} expired, {} reminders", expired, reminded);
        }
    }

    public int expirePending() {
        return drain(this::expireOnePending);
    }

    public int expireUnpaid() {
        return drain(this::expireOneUnpaid);
    }

    public int remindDueSoon() {
        return drain(this::remindOneDueSoon);
    }

    public int remindOverdue() {
        return drain(this::remindOneOverdue);
    }

    /** Expires one pending ticket nobody answered in time; false when none is left. Skips rows another node holds. */
    private boolean expireOnePending() {
        return transactions.execute(() -> rows.pickDue(
                        "status = 'PENDING' and created_at <= ?",
                        rows.now().toInstant().minus(properties.pendingTtl()))
                .map(t -> {
                    lifecycle.cancel(t, CancelReason.PENDING_EXPIRED);
                    return true;
                })
                .orElse(false));
    }

    /** Expires one accepted ticket that was not paid in time, releasing any hold. */
    private boolean expireOneUnpaid() {
        return transactions.execute(() -> rows.pickDue(
                        "status = 'ACCEPTED' and accepted_at <= ?",
                        rows.now().toInstant().minus(properties.paymentTtl()))
                .map(t -> {
                    lifecycle.cancel(t, CancelReason.PAYMENT_EXPIRED);
                    return true;
                })
                .orElse(false));
    }

    /** Sends (as an event) the due-soon reminder of one active ticket, once. */
    private boolean remindOneDueSoon() {
        return transactions.execute(() -> rows.pickDue(
                        "status = 'ACTIVE' and due_soon_sent_at is null and due_at <= ?",
                        rows.now().toInstant().plus(properties.dueSoonBefore()))
                .map(t -> {
                    jdbc.sql("update tickets set due_soon_sent_at = ? where id = ?")
                            .params(rows.now(), t.id())
                            .update();
                    rows.record(t.id(), "DUE_SOON", null);
                    events.publishEvent(new TicketEvent.DueSoon(
                            t.id(), t.borrowerUserId(), t.lenderUserId(), t.listingTitle(), t.dueAt()));
                    return true;
                })
                .orElse(false));
    }

    /** Sends (as an event) the overdue reminder of one active ticket past its end, once. */
    private boolean remindOneOverdue() {
        return transactions.execute(() -> rows.pickDue(
                        "status = 'ACTIVE' and overdue_sent_at is null and due_at <= ?",
                        rows.now().toInstant())
                .map(t -> {
                    // An overdue loan needs no due-soon reminder any more.
                    jdbc.sql(
                                    "update tickets set overdue_sent_at = ?, due_soon_sent_at = coalesce(due_soon_sent_at, ?) where id = ?")
                            .params(rows.now(), rows.now(), t.id())
                            .update();
                    rows.record(t.id(), "OVERDUE", null);
                    audit.success("ticket.overdue", "ticket", t.id(), null);
                    events.publishEvent(new TicketEvent.Overdue(
                            t.id(), t.borrowerUserId(), t.lenderUserId(), t.listingTitle(), t.dueAt()));
                    return true;
                })
                .orElse(false));
    }

    private static int drain(java.util.function.BooleanSupplier step) {
        int done = 0;
        while (done < BATCH && step.getAsBoolean()) {
            done++;
        }
        return done;
    }
}
