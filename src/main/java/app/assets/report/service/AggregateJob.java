package app.assets.report.service;

import app.assets.base.i18n.Formats;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cache.CacheManager;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily aggregates current: today every few minutes, yesterday once more after midnight
 * (both crons in Tehran time, {@link Formats#ZONE}), and after startup, in the background, the
 * missing days of the last assets.report.backfill-days. Several nodes may run it: a day another node is computing is
 * skipped (advisory lock in {@link DailyAggregates}). After each computed day the dashboard cache
 * is emptied, so no reader keeps figures older than the newest computation.
 */
@Component
public class AggregateJob {

    private static final Logger log = LoggerFactory.getLogger(AggregateJob.class);

    private final DailyAggregates aggregates;
    private final ReportProperties properties;
    private final CacheManager caches;
    private final ObjectProvider<TaskScheduler> scheduler;

    public AggregateJob(
            DailyAggregates aggregates,
            ReportProperties properties,
            CacheManager caches,
            ObjectProvider<TaskScheduler> scheduler) {
        this.aggregates = aggregates;
        this.properties = properties;
        this.caches = caches;
        this.scheduler = scheduler;
    }

    // One node per tick (the advisory lock per day only stops two computing at once, not one after the other).
    // Computing a day takes well under a second; 4 minutes frees a dead node's lock before the next 5-minute tick.
    @Scheduled(cron = "${assets.report.today-cron:0 */5 * * * *}", zone = Formats.ZONE_ID)
    @SchedulerLock(
            name = "report-aggregates-today",
            lockAtMostFor = "PT4M",
            lockAtLeastFor = "${assets.scheduling.lock-at-least-for:PT30S}")
    public void today() {
        if (aggregates.computeUnlessBusy(aggregates.today())) {
            evictDashboards();
        }
    }

    @Scheduled(cron = "${assets.report.yesterday-cron:0 15 0 * * *}", zone = Formats.ZONE_ID)
    @SchedulerLock(
            name = "report-aggregates-yesterday",
            lockAtMostFor = "PT1H",
            lockAtLeastFor = "${assets.scheduling.lock-at-least-for:PT30S}")
    public void yesterday() {
        if (aggregates.computeUnlessBusy(aggregates.today().minusDays(1))) {
            evictDashboards();
        }
    }

    /**
     * At startup, fills the backfill window in the background on the task scheduler: readiness does
     * not wait for it, and a failure does not stop the application. Web-only nodes
     * ({@code assets.scheduling.enabled=false}) have no task scheduler and leave it to the workers.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void backfillInBackground() {
        if (properties.backfillDays() > 0) {
            scheduler.ifAvailable(s -> s.schedule(() -> backfill(properties.backfillDays()), Instant.now()));
        }
    }

    /**
     * Computes the days of the last {@code days} that have no aggregates yet, then today. A day that
     * fails is logged and skipped (the next start or a recompute tries it again); answers those days.
     */
    public List<LocalDate> backfill(int days) {
        var failed = new ArrayList<LocalDate>();
        try {
            LocalDate today = aggregates.today();
            var missing = new ArrayList<>(aggregates.missingDays(today.minusDays(days), today.minusDays(1)));
            missing.add(today);
            long started = System.nanoTime();
            for (LocalDate day : missing) {
                try {
                    aggregates.computeUnlessBusy(day);
                } catch (RuntimeException e) {
                    log.error("Daily aggregates of {} could not be computed", day, e);
                    failed.add(day);
                }
            }
            log.info(
                    "Backfill computed daily aggregates of {} days in {} ms ({} failed)",
                    missing.size() - failed.size(),
                    (System.nanoTime() - started) / 1_000_000,
                    failed.size());
        } catch (RuntimeException e) {
            log.error("Backfill of the daily aggregates failed", e);
        } finally {
            evictDashboards();
        }
        return failed;
    }

    /** Computes any day now (waiting for another node computing it) and empties the dashboard cache. */
    public void recompute(LocalDate day) {
        aggregates.compute(day);
        evictDashboards();
    }

    /** Computes the given days (waiting for another node computing one) and empties the dashboard cache once. */
    public void recompute(List<LocalDate> days) {
        days.forEach(aggregates::compute);
        evictDashboards();
    }

    /** Computes every day from {@code from} to {@code to}; for the seeder and operators. */
    public void recompute(LocalDate from, LocalDate to) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            aggregates.compute(day);
        }
        evictDashboards();
    }

    private void evictDashboards() {
        var cache = caches.getCache(DashboardService.ADMIN_DASHBOARD_CACHE);
        if (cache != null) {
            cache.invalidate(); // at once: clear() may be deferred (Redis)
        }
    }
}
