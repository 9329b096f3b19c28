package app.assets.ticket.service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final TicketService tickets;

    public TicketTimers(TicketService tickets) {
        this.tickets = tickets;
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
        int expired = drain(tickets::expireOnePending) + drain(tickets::expireOneUnpaid);
        int reminded = drain(tickets::remindOneOverdue) + drain(tickets::remindOneDueSoon);
        if (expired + reminded > 0) {
            log.info("Ticket timers: {} expired, {} reminders", expired, reminded);
        }
    }

    public int expirePending() {
        return drain(tickets::expireOnePending);
    }

    public int expireUnpaid() {
        return drain(tickets::expireOneUnpaid);
    }

    public int remindDueSoon() {
        return drain(tickets::remindOneDueSoon);
    }

    public int remindOverdue() {
        return drain(tickets::remindOneOverdue);
    }

    private static int drain(java.util.function.BooleanSupplier step) {
        int done = 0;
        while (done < BATCH && step.getAsBoolean()) {
            done++;
        }
        return done;
    }
}
