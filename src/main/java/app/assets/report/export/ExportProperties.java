package app.assets.report.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * @param cleanupInterval     how often expired exports are removed and stuck ones given up
 * @param giveUpAfter         an export still running this long after it was asked for has lost its
 *                            worker (a restart): it is marked failed, so its owner may start another
 * @param maxRows             the most rows one export may hold, per format; bigger ones are refused up front
 * @param tempDir             where background exports are written before they are stored; blank for
 *                            {@code assets-report-exports} in the system's temporary directory
 */
@ConfigurationProperties("assets.report.export")
public record ExportProperties(
        @DefaultValue("2000") int backgroundThreshold,
        @DefaultValue("PT24H") Duration retention,
        @DefaultValue("1") int workers,
        @DefaultValue("10") int queue,
        @DefaultValue("PT5M") Duration cleanupInterval,
        @DefaultValue("PT15M") Duration giveUpAfter,
        @DefaultValue MaxRows maxRows,
        @DefaultValue("") String tempDir) {

    /**
     * The most rows one export may hold ({@code assets.report.export.max-rows.csv} and {@code .pdf}).
     * A PDF is lower: it is slower to write, and nobody reads a thousand pages.
     */
    public record MaxRows(
            @DefaultValue("200000") int csv,
            @DefaultValue("50000") int pdf) {

        public int of(ExportFormat format) {
            return switch (format) {
                case CSV -> csv;
                case PDF -> pdf;
            };
        }
    }

    /** The directory for export files being written, made when missing. */
    Path scratchDirectory() throws IOException {
        var dir = tempDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "assets-report-exports")
                : Path.of(tempDir);
        return Files.createDirectories(dir);
    }
}
