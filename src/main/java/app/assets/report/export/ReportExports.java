package app.assets.report.export;

import app.assets.audit.AuditLog;
import app.assets.audit.AuditOutcome;
import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.base.i18n.Messages;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import jakarta.annotation.PreDestroy;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.commons.lang3.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports a report to CSV or PDF with exactly the rows its filters select, in the exporter's scope:
 * someone who sees only their own rows exports only those; exporting everybody's rows (and the audit
 * log) needs report.export. Up to {@link ExportProperties#backgroundThreshold()} rows are written at
 * once and handed back; bigger exports run on a small bounded pool of their own, report their progress
 * in {@code report_exports}, and stay downloadable by their owner alone for
 * {@link ExportProperties#retention()}. Every export is audited.
 *
 * <p>An export of more rows than {@link ExportProperties#maxRows()} allows for its format is refused up
 * front; a user has at most one background export waiting or running (a partial unique index on
 * {@code report_exports} makes that hold for requests at the same moment). A background export is
 * written to a temporary file (a PDF keeps its pages there too) and stored from it, so its size
 * is not held in memory. Whatever goes wrong in a worker, the export ends FAILED with a
 * {@link ExportJob.Failure} code; only a RUNNING export is ever finished, so an export given up by
 * {@link #cleanup()} stays failed.
 */
@Service
public class ReportExports {

    private static final Logger log = LoggerFactory.getLogger(ReportExports.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(Formats.ZONE);
    private static final int PROGRESS_EVERY = 200;
    /** How long a stopping node waits for its exports under way (well within a shutdown phase's 30 s). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** What starting an export gave: the file itself, or a background export to watch. */
    public sealed interface Started permits Ready, Background {}

    public record Ready(ExportFile file) implements Started {}

    public record Background(long exportId, int rows) implements Started {}

    private final JdbcClient jdbc;
    private final ReportQueries queries;
    private final ReportSql sql;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Messages messages;
    private final ExportProperties properties;
    private final Clock clock;
    /** One consistent snapshot per export, so its count and its rows agree even while others write. */
    private final TransactionTemplate snapshot;
    /** Progress written beside the snapshot, so the owner sees it while the export runs. */
    private final TransactionTemplate separate;

    private final ThreadPoolTaskExecutor workers;
    /** Ids of the exports a worker of this node is generating. */
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    ReportExports(
            JdbcClient jdbc,
            ReportQueries queries,
            ReportSql sql,
            CurrentUser currentUser,
            AuditLog audit,
            Messages messages,
            ExportProperties properties,
            Clock clock,
            PlatformTransactionManager transactions,
            ThreadPoolTaskExecutorBuilder executors) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.sql = sql;
        this.currentUser = currentUser;
        this.audit = audit;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // Spring's executor (not a bean: one would replace Boot's application executor), fixed size, bounded queue,
        // daemon threads; stop() below decides what happens to its jobs when the node stops.
        this.workers = executors
                .corePoolSize(properties.workers())
                .maxPoolSize(properties.workers())
                .queueCapacity(properties.queue())
                .threadNamePrefix("report-export-")
                // undecorated, so stop() can tell the jobs that never started by their type
                .taskDecorator(null)
                .build();
        this.workers.setDaemon(true);
        this.workers.initialize();
    }

    /**
     * The node stops: exports waiting for a worker are marked interrupted, and exports under way get a few seconds to
     * finish. One still running then is marked interrupted too, so its owner may start another at once instead of
     * after {@code give-up-after}; if its worker finishes after all, its file is dropped (only a RUNNING export is
     * ever finished).
     */
    @PreDestroy
    void stop() {
        for (var waiting : workers.getThreadPoolExecutor().shutdownNow()) {
            if (waiting instanceof Job job) {
                markInterrupted(job.id());
            }
        }
        try {
            workers.getThreadPoolExecutor().awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (long id : running) {
            log.warn("Report export {} did not finish before this node stopped; marked interrupted", id);
            markInterrupted(id);
        }
    }

    private void markInterrupted(long id) {
        try {
            fail(id, ExportJob.Failure.INTERRUPTED);
        } catch (RuntimeException e) {
            log.warn("Could not mark report export {} as interrupted; the cleanup will", id, e);
        }
    }

    /**
     * Exports what the filters select. Refuses the audit log or everybody's rows without
     * report.export; for anyone who sees only their own rows the export holds only those. A reader of
     * everybody's rows without report.export may still export their own rows, by filtering on their
     * own email.
     */
    @PreAuthorize("isAuthenticated()")
    public Started export(Dataset dataset, ExportFormat format, ReportFilter filter, Locale locale) {
        var me = currentUser.require();
        var scope = exportScope(dataset, filter, me.id(), me.email());
        var language = Languages.of(locale == null ? null : locale.toLanguageTag());
        String filters = describe(dataset, scope, filter, language);
        int rows = snapshot.execute(s -> sql.count(dataset, scope, filter));
        int max = properties.maxRows().of(format);
        if (rows > max) {
            throw new UserInputException(
                    "report.export.tooManyRows",
                    Formats.number(rows, language),
                    Formats.number(max, language),
                    format.name());
        }
        String details = dataset + " " + format + ", " + rows + " rows, " + filters;
        if (rows <= properties.backgroundThreshold()) {
            var out = new ByteArrayOutputStream();
            int written = snapshot.execute(
                    s -> write(dataset, scope, filter, format, language, filters, out, null, done -> {}));
            audit.success("report.export", "report", dataset.name(), details);
            return new Ready(
                    new ExportFile(fileName(dataset, format), format.contentType(), out.toByteArray(), written));
        }
        // The partial unique index report_exports_one_running (V12) lets a user have one RUNNING export:
        // of two requests at the same moment, one gets no row back here.
        var inserted = jdbc.sql("""
                        insert into report_exports (user_id, dataset, format, language, filters, rows_total)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (user_id) where status = 'RUNNING' do nothing returning id""")
                .params(
                        me.id(),
                        dataset.name(),
                        format.name(),
                        language.getLanguage(),
                        StringUtils.truncate(filters, 1000),
                        rows)
                .query(Long.class)
                .optional();
        if (inserted.isEmpty()) {
            throw new UserInputException("report.export.oneAtATime");
        }
        long id = inserted.get();
        audit.success("report.export.started", "report_export", id, details);
        try {
            workers.execute(new Job(id, () -> run(id, me.email(), dataset, scope, filter, format, language, filters)));
        } catch (RejectedExecutionException e) {
            fail(id, ExportJob.Failure.QUEUE_FULL);
            throw new UserInputException("report.export.busy");
        }
        return new Background(id, rows);
    }

    /** A background export waiting for or running on a worker; its id is known so one never started can be marked. */
    private record Job(long id, Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    /**
     * Whose rows an export holds: the reader's scope, but a reader of everybody's rows without
     * report.export exports only what any user may, their own rows, and only when the filter asks for
     * exactly those.
     */
    private Scope exportScope(Dataset dataset, ReportFilter filter, long myId, String myEmail) {
        var scope = queries.scope(dataset);
        if (!scope.everybody() || currentUser.has(Permissions.REPORT_EXPORT)) {
            return scope;
        }
        if (!ownRowsAsked(dataset, filter, myEmail)) {
            audit.denied("report.export", "report", dataset.name(), "needs " + Permissions.REPORT_EXPORT);
            throw new AccessDeniedException("Exporting everybody's " + dataset + " needs " + Permissions.REPORT_EXPORT);
        }
        return new Scope(myId, myEmail);
    }

    /** Whether a filter asks for exactly the exporter's own rows of a dataset that has an owner (not the audit log). */
    private static boolean ownRowsAsked(Dataset dataset, ReportFilter filter, String email) {
        return dataset.ownClause != null
                && ReportFilter.given(filter.user())
                && filter.user().strip().equalsIgnoreCase(email);
    }

    /**
     * Whether the signed-in user may export everybody's rows (report.export). A reader of everybody's
     * rows without it exports only their own, by putting their own email in the user filter.
     */
    @PreAuthorize("isAuthenticated()")
    public boolean mayExportEverybody() {
        return currentUser.has(Permissions.REPORT_EXPORT);
    }

    /** The signed-in user's background exports still kept, newest first. */
    @PreAuthorize("isAuthenticated()")
    public List<ExportJob> recent() {
        return jdbc.sql("""
                        select id, dataset, format, filters, status, rows_total, rows_done, created_at, finished_at, file_name, error
                        from report_exports where user_id = ? and created_at > ? order by id desc limit 20""")
                .params(
                        currentUser.require().id(),
                        Timestamp.from(clock.instant().minus(properties.retention())))
                .query((rs, n) -> new ExportJob(
                        rs.getLong(1),
                        Dataset.valueOf(rs.getString(2)),
                        ExportFormat.valueOf(rs.getString(3)),
                        rs.getString(4),
                        ExportJob.Status.valueOf(rs.getString(5)),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                        rs.getString(10),
                        ExportJob.Failure.of(rs.getString(11))))
                .list();
    }

    /** A finished background export; only the user who started it may download it. */
    @PreAuthorize("isAuthenticated()")
    public ExportFile download(long exportId) {
        var me = currentUser.require();
        record Stored(long owner, String status, String format, String fileName, byte[] content, int rows) {}
        var stored = jdbc.sql(
                        "select user_id, status, format, file_name, content, rows_done from report_exports where id = ?")
                .param(exportId)
                .query((rs, n) -> new Stored(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5), rs.getInt(6)))
                .optional()
                .orElseThrow(() -> new UserInputException("report.export.missing"));
        if (stored.owner() != me.id()) {
            audit.denied("report.export.download", "report_export", exportId, "not the owner");
            throw new AccessDeniedException("Export " + exportId + " belongs to someone else");
        }
        if (!ExportJob.Status.DONE.name().equals(stored.status())) {
            throw new UserInputException("report.export.notReady");
        }
        audit.success("report.export.download", "report_export", exportId, stored.fileName());
        return new ExportFile(
                stored.fileName(),
                ExportFormat.valueOf(stored.format()).contentType(),
                stored.content(),
                stored.rows());
    }

    /**
     * {@link #cleanup()} on a schedule, on one node per interval. Each node keeps its own fixed-delay rhythm, so the
     * lock is held a whole interval (else every node would clean once per interval); at most 10 minutes more, far
     * above a run (two indexed statements). A method of its own because ShedLock cannot answer an int when it skips.
     */
    @Scheduled(fixedDelayString = "${assets.report.export.cleanup-interval:PT5M}", initialDelayString = "PT1M")
    @SchedulerLock(
            name = "report-export-cleanup",
            lockAtMostFor = "#{T(org.springframework.format.datetime.standard.DurationFormatterUtils).detectAndParse("
                    + "'${assets.report.export.cleanup-interval:PT5M}').plusMinutes(10)}",
            lockAtLeastFor = "${assets.report.export.cleanup-interval:PT5M}")
    public void scheduledCleanup() {
        cleanup();
    }

    /**
     * Removes exports older than the retention, and gives up on exports still running after
     * {@code give-up-after} (their worker died with a restart; the largest export allowed takes well
     * under a minute), so their owner is not kept from starting another.
     */
    public int cleanup() {
        var now = clock.instant();
        jdbc.sql("update report_exports set status = 'FAILED', error = ?, finished_at = ? "
                        + "where status = 'RUNNING' and created_at < ?")
                .params(
                        ExportJob.Failure.INTERRUPTED.name(),
                        Timestamp.from(now),
                        Timestamp.from(now.minus(properties.giveUpAfter())))
                .update();
        int removed = jdbc.sql("delete from report_exports where created_at < ?")
                .param(Timestamp.from(now.minus(properties.retention())))
                .update();
        if (removed > 0) {
            log.info("Removed {} report exports older than {}", removed, properties.retention());
        }
        return removed;
    }

    private void run(
            long id,
            String owner,
            Dataset dataset,
            Scope scope,
            ReportFilter filter,
            ExportFormat format,
            Locale locale,
            String filters) {
        Path file = null;
        running.add(id);
        try {
            var scratch = properties.scratchDirectory();
            file = Files.createTempFile(scratch, "export-" + id + "-", "." + format.extension());
            var target = file;
            int rows = snapshot.execute(s -> {
                int total = sql.count(dataset, scope, filter);
                if (total > properties.maxRows().of(format)) {
                    throw new TooManyRows(total);
                }
                progress(id, total, 0);
                try (var out = new BufferedOutputStream(Files.newOutputStream(target))) {
                    return write(dataset, scope, filter, format, locale, filters, out, scratch, done -> {
                        if (done % PROGRESS_EVERY == 0) {
                            progress(id, total, done);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            long size = Files.size(file);
            int stored;
            try (var in = Files.newInputStream(file)) {
                stored = jdbc.sql("""
                                update report_exports set status = 'DONE', content = ?, file_name = ?, rows_total = ?, rows_done = ?,
                                       finished_at = ? where id = ? and status = 'RUNNING'""")
                        .params(
                                new SqlBinaryValue(in, size),
                                fileName(dataset, format),
                                rows,
                                rows,
                                Timestamp.from(clock.instant()),
                                id)
                        .update();
            }
            if (stored == 0) {
                log.warn("Report export {} was given up while it ran; its file is dropped", id);
                audit.recordAs(
                        owner,
                        "report.export.finished",
                        AuditOutcome.FAILURE,
                        "export " + id + ": given up while running");
                return;
            }
            audit.recordAs(
                    owner,
                    "report.export.finished",
                    AuditOutcome.SUCCESS,
                    "export " + id + ": " + rows + " rows, " + size + " bytes");
        } catch (Throwable e) {
            // Throwable, not only RuntimeException: an OutOfMemoryError or a StackOverflowError must not
            // leave the export RUNNING for good (and its owner unable to start another).
            var failure = e instanceof TooManyRows
                    ? ExportJob.Failure.TOO_MANY_ROWS
                    : Thread.currentThread().isInterrupted() ? ExportJob.Failure.INTERRUPTED : ExportJob.Failure.FAILED;
            log.error("Report export {} failed ({})", id, failure, e);
            // Audited before it is marked, so whoever sees it FAILED finds the audit row too.
            try {
                audit.recordAs(
                        owner,
                        "report.export.finished",
                        AuditOutcome.FAILURE,
                        "export " + id + ": " + failure + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (RuntimeException auditing) {
                log.error("Report export {} failed without an audit row", id, auditing);
            }
            try {
                fail(id, failure);
            } catch (RuntimeException marking) {
                log.error("Report export {} could not be marked failed; the cleanup will", id, marking);
            }
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            running.remove(id);
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("Could not delete {}", file, e);
                }
            }
        }
    }

    /** The rows selected grew past the limit between the request and the run. */
    private static final class TooManyRows extends RuntimeException {
        TooManyRows(int rows) {
            super(rows + " rows");
        }
    }

    private void progress(long id, int total, int done) {
        separate.executeWithoutResult(
                s -> jdbc.sql("update report_exports set rows_total = ?, rows_done = ? where id = ?")
                        .params(total, done, id)
                        .update());
    }

    /** Marks an export failed, unless it already finished (or was given up) otherwise. */
    private void fail(long id, ExportJob.Failure failure) {
        jdbc.sql(
                        "update report_exports set status = 'FAILED', error = ?, finished_at = ? where id = ? and status = 'RUNNING'")
                .params(failure.name(), Timestamp.from(clock.instant()), id)
                .update();
    }

    /** Writes the selected rows onto {@code out}; returns how many. */
    private int write(
            Dataset dataset,
            Scope scope,
            ReportFilter filter,
            ExportFormat format,
            Locale locale,
            String filters,
            OutputStream out,
            Path scratch,
            IntConsumer progress) {
        var heading = new ReportWriter.Heading(
                dataset,
                dataset.columns(scope.everybody()),
                messages.getTranslation(dataset.titleKey(), locale),
                filters,
                clock.instant(),
                locale,
                messages);
        var rows = new AtomicInteger();
        try (var writer = ReportWriter.open(format, heading, out, scratch)) {
            sql.forEach(dataset, scope, filter, row -> {
                try {
                    writer.row(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                progress.accept(rows.incrementAndGet());
            });
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.get();
    }

    private String fileName(Dataset dataset, ExportFormat format) {
        return dataset.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + FILE_TIME.format(clock.instant()) + "."
                + format.extension();
    }

    /** The scope and filters in the reader's words, printed on a PDF and kept with a background export. */
    String describe(Dataset dataset, Scope scope, ReportFilter filter, Locale locale) {
        var parts = new ArrayList<String>();
        parts.add(label("report.filter.scope", locale)
                + (scope.everybody() ? messages.getTranslation("report.scope.everybody", locale) : scope.ownerEmail()));
        if (filter.from() != null) {
            parts.add(label("report.filter.from", locale) + Formats.date(startOf(filter.from()), locale));
        }
        if (filter.to() != null) {
            parts.add(label("report.filter.to", locale) + Formats.date(startOf(filter.to()), locale));
        }
        if (ReportFilter.given(filter.status())) {
            parts.add(label(dataset.statusLabelKey(), locale)
                    + ReportCells.code(dataset.statusColumn(), filter.status().trim(), locale, messages));
        }
        if (ReportFilter.given(filter.text())) {
            parts.add(label("report.filter.text", locale) + "«" + filter.text().trim() + "»");
        }
        if (scope.everybody() && ReportFilter.given(filter.user())) {
            parts.add(label("report.filter.user", locale) + filter.user().trim());
        }
        return String.join(Languages.isRightToLeft(locale) ? "، " : "; ", parts);
    }

    private String label(String key, Locale locale) {
        return messages.getTranslation(key, locale) + ": ";
    }

    private static java.time.Instant startOf(java.time.LocalDate day) {
        return day.atStartOfDay(Formats.ZONE).plusHours(12).toInstant();
    }
}
