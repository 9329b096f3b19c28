package app.assets.report.export;

import app.assets.base.i18n.Messages;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes one export file, row by row, in one {@link ExportFormat}. */
interface ReportWriter {

    void row(ReportRow row) throws IOException;

    /** The whole file; the writer is done. */
    byte[] finish() throws IOException;

    /** What every export says about itself: what it lists, for whom, filtered how, made when. */
    record Heading(Dataset dataset, List<Column> columns, String title, String filters, Instant generatedAt,
                   Locale locale, Messages messages) {
    }

    static ReportWriter open(ExportFormat format, Heading heading) throws IOException {
        return switch (format) {
            case CSV -> new CsvReport(heading);
            case PDF -> new PdfReport(heading);
        };
    }
}
