package app.assets.report.service;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the daily aggregates (see README.md and docs/reports.md).
 *
 * The aggregates count calendar days of {@code base.i18n.Formats.ZONE} (Tehran), the zone of every
 * date the UI and the exports show, so a day means the same on every page; it is not configurable.
 *
 * @param todayCron     when today's aggregates are recomputed (Spring cron, in Tehran time;
 *                      "-" turns it off)
 * @param yesterdayCron when yesterday is recomputed once more, after Tehran's midnight, so
 *                      that transactions committed around midnight are counted
 * @param backfillDays  at startup, how many days back the job fills days that have no aggregates;
 *                      0 for none. Older days are computed on demand (recompute) or by the seeder
 */
@ConfigurationProperties("assets.report")
public record ReportProperties(
        @DefaultValue("0 */5 * * * *") String todayCron,
        @DefaultValue("0 15 0 * * *") String yesterdayCron,
        @DefaultValue("90") int backfillDays) {

    public ReportProperties {
        if (backfillDays < 0 || backfillDays > 3660) {
            throw new IllegalArgumentException(
                    "assets.report.backfill-days must be between 0 and 3660, not " + backfillDays);
        }
    }
}
