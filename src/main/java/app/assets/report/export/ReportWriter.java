package app.assets.report.export;

import app.assets.base.i18n.Messages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes one export file, row by row, in one {@link ExportFormat}, onto the stream it was opened
 * with. Open it with try-with-resources: {@link #close()} releases what it holds (a PDF's document
 * and font) whether or not {@link #finish()} was reached.
 */
interface ReportWriter extends AutoCloseable {

    void row(ReportRow row) throws IOException;

    /** Writes the rest of the file onto the stream; the writer is done. */
    void finish() throws IOException;

    /** Releases the writer's resources; safe after {@link #finish()}, after a failure, and twice. */
    @Override
    void close() throws IOException;

    /** What every export says about itself: what it lists, for whom, filtered how, made when. */
    record Heading(
            Dataset dataset,
            List<Column> columns,
            String title,
            String filters,
            Instant generatedAt,
            Locale locale,
            Messages messages) {}

    /**
     * @param out     where the file goes
     * @param scratch a directory for the writer's own scratch data (a PDF's pages) so a big export is
     *                not held in memory; null keeps it in memory, for small exports
     */
    static ReportWriter open(ExportFormat format, Heading heading, OutputStream out, Path scratch) throws IOException {
        return switch (format) {
            case CSV -> new CsvReport(heading, out);
            case PDF -> new PdfReport(heading, out, scratch);
        };
    }
}
