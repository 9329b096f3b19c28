package app.assets.ledger.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The latest ledger check as gauges, read from ledger_check_runs at each scrape, so every node reports the same
 * whichever node ran it: {@code ledger_check_ok} (1 when the latest run found nothing, 0 when it found problems)
 * and {@code ledger_check_last_run_seconds} (when it ran, Unix time). Both are NaN before the first run.
 */
@Component
class LedgerMetrics {

    LedgerMetrics(MeterRegistry registry, JdbcClient jdbc) {
        Gauge.builder("ledger.check.ok", () -> latest(jdbc, "case when ok then 1 else 0 end"))
                .description("1 when the latest ledger check found no problem, 0 when it found some")
                .register(registry);
        Gauge.builder("ledger.check.last.run", () -> latest(jdbc, "extract(epoch from ran_at)"))
                .baseUnit("seconds")
                .description("When the latest ledger check ran (Unix time)")
                .register(registry);
    }

    private static double latest(JdbcClient jdbc, String column) {
        return jdbc.sql("select " + column + " from ledger_check_runs order by id desc limit 1")
                .query(Double.class)
                .optional()
                .orElse(Double.NaN);
    }
}
