package app.assets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.report.export.Dataset;
import app.assets.report.export.ExportFormat;
import app.assets.report.export.ReportExports;
import app.assets.report.export.ReportFilter;
import app.assets.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * PDF exports per second: {@code bench.rows} audit-log rows (default 20,000; English and Persian
 * details, addresses, actors) exported as PDF in English and in Persian, each timed
 * {@code bench.runs} times after one warm-up. The export runs in the calling thread (the background
 * threshold is raised above the row count), so the time is the query plus writing the PDF.
 * {@code ./mvnw -Pbench test -Dtest=PdfExportBenchmarkTest}; writes target/benchmarks/pdf-export.md and the
 * last PDF of each language beside it.
 */
@Tag("benchmark")
@TestPropertySource(properties = {"assets.report.export.background-threshold=1000000", "logging.level.app.assets=WARN"})
class PdfExportBenchmarkTest extends IntegrationTest {

    static final int ROWS = Integer.getInteger("bench.rows", 20_000);
    static final int RUNS = Integer.getInteger("bench.runs", 3);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportExports exports;

    @Test
    void pdfExportOfTheAuditLog() throws Exception {
        jdbc.sql("""
                        insert into audit_log (occurred_at, actor, client_address, entity, entity_id, action, outcome, details)
                        select now() - g * interval '17 seconds', 'user' || (g % 500) || '@example.org', '10.1.' || (g % 250) || '.' || (g % 199),
                               'ticket', (g % 9000)::text, 'bench.' || (array['sign-in', 'ticket.accept', 'wallet.top-up'])[1 + g % 3],
                               (array['SUCCESS', 'FAILURE', 'DENIED'])[1 + g % 3],
                               case when g % 2 = 0 then 'Ticket ' || g || ' accepted for 3 days, price 1,250,000 IRR (listing "Camera")'
                                    else 'درخواست امانت ' || g || ' برای دوربین عکاسی پذیرفته شد؛ مبلغ ۱٬۲۵۰٬۰۰۰ ریال' end
                        from generate_series(1, ?) g""").param(ROWS).update();
        actAs("admin@assets.local");
        var filter = new ReportFilter(null, null, null, "bench.", null);
        var table = new StringBuilder(
                "| language | rows | runs (s) | rows/s (best) | size (MB) |\n| --- | --- | --- | --- | --- |\n");
        for (var locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("fa"))) {
            export(filter, locale); // warm-up
            var seconds = new ArrayList<String>();
            long best = Long.MAX_VALUE;
            int size = 0;
            byte[] last = null;
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                var file = export(filter, locale);
                long took = System.nanoTime() - start;
                best = Math.min(best, took);
                size = file.content().length;
                last = file.content();
                // the audit rows of earlier exports match the text too
                assertThat(file.rows()).isBetween(ROWS, ROWS + 2 * (RUNS + 1));
                seconds.add(String.format(Locale.ROOT, "%.2f", took / 1e9));
            }
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %,.0f | %.1f |%n",
                    locale.getLanguage(),
                    ROWS,
                    String.join(", ", seconds),
                    ROWS / (best / 1e9),
                    size / 1e6));
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.write(Path.of("target/benchmarks/pdf-export-" + locale.getLanguage() + ".pdf"), last);
        }
        System.out.println(table);
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/pdf-export.md"), table);
    }

    private app.assets.report.export.ExportFile export(ReportFilter filter, Locale locale) {
        var started = exports.export(Dataset.AUDIT_LOG, ExportFormat.PDF, filter, locale);
        assertThat(started).isInstanceOf(ReportExports.Ready.class);
        return ((ReportExports.Ready) started).file();
    }
}
