package app.assets.report.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Report export settings ({@code assets.report.export.*}).
 *
 * @param backgroundThreshold exports of more rows than this run in the background; smaller ones download at once
 * @param retention           how long a background export stays downloadable
 * @param workers             background exports generated at the same time
 * @param queue               background exports that may wait for a worker; more are refused
 * @param cleanupInterval     how often expired exports are removed
 */
@ConfigurationProperties("assets.report.export")
public record ExportProperties(
        @DefaultValue("2000") int backgroundThreshold,
        @DefaultValue("PT24H") Duration retention,
        @DefaultValue("1") int workers,
        @DefaultValue("10") int queue,
        @DefaultValue("PT1H") Duration cleanupInterval) {
}
