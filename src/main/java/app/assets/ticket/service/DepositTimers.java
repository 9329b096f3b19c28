package app.assets.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The deposit timers (docs/deposits.md): confirm condition reports the other side left unconfirmed,
 * release deposits whose lender decided nothing in time, and send claims the borrower left
 * unanswered to SUPPORT. Like {@link TicketTimers}: one node per tick (ShedLock), and each row is
 * handled in its own transaction on a row picked with {@code for update skip locked}.
 */
@Component
public class DepositTimers {

    private static final Logger log = LoggerFactory.getLogger(DepositTimers.class);

    private final DepositService deposits;
    private final ConditionReportService reports;
    private final Clock clock;

    public DepositTimers(DepositService deposits, ConditionReportService reports, Clock clock) {
        this.deposits = deposits;
        this.reports = reports;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${assets.ticket.timer-delay:PT1M}",
            initialDelayString = "${assets.ticket.timer-delay:PT1M}")
    @SchedulerLock(
            name = "deposit-timers",
            lockAtMostFor = "#{T(org.springframework.format.datetime.standard.DurationFormatterUtils).detectAndParse("
                    + "'${assets.ticket.timer-delay:PT1M}').plusMinutes(10)}",
            lockAtLeastFor = "${assets.ticket.timer-delay:PT1M}")
    public void run() {
        Instant now = clock.instant();
        int confirmed = confirmReports(now);
        int released = releaseUndecided(now);
        int escalated = escalateUnanswered(now);
        if (confirmed + released + escalated > 0) {
            log.info(
                    "Deposit timers: {} reports confirmed, {} deposits released, {} claims sent to support",
                    confirmed,
                    released,
                    escalated);
        }
    }

    public int confirmReports(Instant asOf) {
        return drain(reports::confirmOneDue, asOf);
    }

    public int releaseUndecided(Instant asOf) {
        return drain(deposits::releaseOneUndecided, asOf);
    }

    public int escalateUnanswered(Instant asOf) {
        return drain(deposits::escalateOneUnanswered, asOf);
    }

    private static int drain(Predicate<Instant> step, Instant asOf) {
        int done = 0;
        while (done < TicketTimers.BATCH && step.test(asOf)) {
            done++;
        }
        return done;
    }
}
