package app.assets.report.service;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the daily aggregates (see README.md and docs/reports.md).
 *
 * @param zone          the time zone whose calendar days the aggregates count; Iran's by default,
 *                      where the product's users live
 * @param todayCron     when today's aggregates are recomputed (Spring cron, in {@code zone};
 *                      "-" turns it off)
 * @param yesterdayCron when yesterday is recomputed once more, after midnight of {@code zone}, so
 *                      that transactions committed around midnight are counted
 * @param backfillDays  at startup, how many days back the job fills days that have no aggregates;
 *                      0 for none. Older days are computed on demand (recompute) or by the seeder
 */
@ConfigurationProperties("assets.report")
public record ReportProperties(@DefaultValue("Asia/Tehran") ZoneId zone,
                               @DefaultValue("0 */5 * * * *") String todayCron,
                               @DefaultValue("0 15 0 * * *") String yesterdayCron,
                               @DefaultValue("90") int backfillDays) {

    public ReportProperties {
        if (backfillDays < 0 || backfillDays > 3660) {
            throw new IllegalArgumentException("assets.report.backfill-days must be between 0 and 3660, not " + backfillDays);
        }
    }
}
