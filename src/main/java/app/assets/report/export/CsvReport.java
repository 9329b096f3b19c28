package app.assets.report.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV export (commons-csv, Excel's dialect), written straight onto its stream. It starts with a
 * UTF-8 byte order mark because Excel reads a CSV without one in the machine's legacy code page,
 * which garbles Persian.
 */
final class CsvReport implements ReportWriter {

    static final char BOM = '\uFEFF';

    private final CSVPrinter printer;
    private final Heading heading;

    CsvReport(Heading heading, OutputStream out) throws IOException {
        this.heading = heading;
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write(BOM);
        printer = new CSVPrinter(writer, CSVFormat.EXCEL);
        for (var column : heading.columns()) {
            printer.print(heading.messages().getTranslation("report.col." + column.key(), heading.locale()));
        }
        printer.println();
    }

    @Override
    public void row(ReportRow row) throws IOException {
        for (var column : heading.columns()) {
            printer.print(ReportCells.csv(
                    column, row.value(heading.dataset(), column), heading.locale(), heading.messages()));
        }
        printer.println();
    }

    @Override
    public void finish() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
