package app.assets.review.service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the review rounds whose window has closed, with whatever was written. Safe with
 * several nodes: ShedLock runs it on one node at a time, and each round is claimed with
 * {@code for update skip locked} in its own transaction, so none is published twice.
 */
@Component
public class ReviewTimers {

    /** At most this many rounds per run, so one run never holds the scheduler for long. */
    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(ReviewTimers.class);

    private final ReviewService reviews;

    public ReviewTimers(ReviewService reviews) {
        this.reviews = reviews;
    }

    // As in ticket/service/TicketTimers: held at least one whole delay so the nodes do not each run once
    // per delay; at most the delay plus 10 minutes. Correctness rests on skip locked, not on this lock.
    @Scheduled(
            fixedDelayString = "${assets.review.job-delay:PT5M}",
            initialDelayString = "${assets.review.job-delay:PT5M}")
    @SchedulerLock(
            name = "review-publisher",
            lockAtMostFor = "#{T(org.springframework.format.datetime.standard.DurationFormatterUtils).detectAndParse("
                    + "'${assets.review.job-delay:PT5M}').plusMinutes(10)}",
            lockAtLeastFor = "${assets.review.job-delay:PT5M}")
    public void run() {
        int published = publishDue();
        if (published > 0) {
            log.info("Review rounds published at window close: {}", published);
        }
    }

    /** Publishes every round whose window has closed (up to a batch); returns how many. */
    public int publishDue() {
        int done = 0;
        while (done < BATCH && reviews.publishOneDue()) {
            done++;
        }
        return done;
    }
}
