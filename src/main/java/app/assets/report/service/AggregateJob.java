package app.assets.report.service;

import app.assets.base.i18n.Formats;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cache.CacheManager;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the daily aggregates current: today every few minutes, yesterday once more after midnight
 * (both crons in Tehran time, {@link Formats#ZONE}), and at startup the missing days of the last
 * assets.report.backfill-days. Several nodes may run it: a day another node is computing is
 * skipped (advisory lock in {@link DailyAggregates}). After each computed day the dashboard cache
 * is emptied, so no reader keeps figures older than the newest computation.
 */
@Component
public class AggregateJob {

    private static final Logger log = LoggerFactory.getLogger(AggregateJob.class);

    private final DailyAggregates aggregates;
    private final ReportProperties properties;
    private final CacheManager caches;

    public AggregateJob(DailyAggregates aggregates, ReportProperties properties, CacheManager caches) {
        this.aggregates = aggregates;
        this.properties = properties;
        this.caches = caches;
    }

    @Scheduled(cron = "${assets.report.today-cron:0 */5 * * * *}", zone = Formats.ZONE_ID)
    public void today() {
        if (aggregates.computeUnlessBusy(aggregates.today())) {
            evictDashboards();
        }
    }

    @Scheduled(cron = "${assets.report.yesterday-cron:0 15 0 * * *}", zone = Formats.ZONE_ID)
    public void yesterday() {
        if (aggregates.computeUnlessBusy(aggregates.today().minusDays(1))) {
            evictDashboards();
        }
    }

    /** Fills the days of the backfill window that have no aggregates yet, then computes today. */
    @EventListener(ApplicationReadyEvent.class)
    public void backfill() {
        if (properties.backfillDays() == 0) {
            return;
        }
        LocalDate today = aggregates.today();
        var missing = aggregates.missingDays(today.minusDays(properties.backfillDays()), today.minusDays(1));
        long started = System.nanoTime();
        missing.forEach(aggregates::computeUnlessBusy);
        aggregates.computeUnlessBusy(today);
        evictDashboards();
        if (!missing.isEmpty()) {
            log.info("Computed daily aggregates of {} missing days in {} ms", missing.size(), (System.nanoTime() - started) / 1_000_000);
        }
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
