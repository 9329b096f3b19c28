package app.assets.identity.service;

import app.assets.audit.AuditLog;
import app.assets.base.crypto.FieldEncryptor;
import app.assets.base.crypto.SealedColumn;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts every sealed field value (each module's {@link SealedColumn}) that is sealed under an
 * older key or in the older format without a row context, in the background, after ADMIN starts it.
 * One job runs at a time across all nodes (a unique index on the running job; a job whose node went
 * quiet for {@link #STALE} is taken over by the next start), and it works in batches of rows locked
 * with {@code for update skip locked}, so people editing their profile meanwhile are never blocked.
 */
@Service
public class FieldKeyRotation {

    /** A running job without a heartbeat for this long is considered dead (its node stopped). */
    static final Duration STALE = Duration.ofMinutes(2);

    static final int BATCH = 200;

    private static final Logger log = LoggerFactory.getLogger(FieldKeyRotation.class);

    /** How many values of a column are sealed under an old key or format, of how many sealed. */
    public record ColumnCount(String column, long stale, long sealed) {}

    /** A rotation job and its progress. */
    public record Job(
            long id,
            String status,
            String keyVersion,
            String startedBy,
            Instant startedAt,
            Instant finishedAt,
            int total,
            int done,
            int failed,
            String error) {}

    /** What the rotation page shows. */
    public record Status(String activeVersion, List<ColumnCount> columns, Job latest) {
        public long stale() {
            return columns.stream().mapToLong(ColumnCount::stale).sum();
        }
    }

    private final JdbcClient jdbc;
    private final FieldEncryptor encryptor;
    private final List<SealedColumn> columns;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public FieldKeyRotation(
            JdbcClient jdbc,
            FieldEncryptor encryptor,
            List<SealedColumn> columns,
            AuditLog audit,
            CurrentUser currentUser,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.encryptor = encryptor;
        this.columns = List.copyOf(columns);
        this.audit = audit;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.clock = clock;
    }

    @PreAuthorize("hasAuthority('" + Permissions.CRYPTO_ROTATE + "')")
    @Transactional(readOnly = true)
    public Status status() {
        var counts = new ArrayList<ColumnCount>();
        for (var c : columns) {
            counts.add(jdbc.sql("select count(*) filter (where " + c.column() + " not like ?), count(" + c.column()
                            + ") from " + c.table())
                    .param(encryptor.currentPrefix() + "%")
                    .query((rs, n) -> new ColumnCount(c.label(), rs.getLong(1), rs.getLong(2)))
                    .single());
        }
        return new Status(encryptor.activeVersion(), counts, latest());
    }

    /**
     * Starts a job on this node, after this transaction commits; refused while another runs. Returns its id.
     */
    @PreAuthorize("hasAuthority('" + Permissions.CRYPTO_ROTATE + "')")
    @Transactional
    public long start() {
        Instant now = clock.instant();
        jdbc.sql("""
                        update crypto_rotation_jobs set status = 'FAILED', finished_at = ?, error = 'its node stopped'
                        where status = 'RUNNING' and heartbeat < ?""")
                .params(Timestamp.from(now), Timestamp.from(now.minus(STALE)))
                .update();
        long total = status().stale();
        long id;
        try {
            id = jdbc.sql("""
                            insert into crypto_rotation_jobs (key_version, started_by, started_at, heartbeat, total)
                            values (?, ?, ?, ?, ?) returning id""")
                    .params(
                            encryptor.activeVersion(),
                            currentUser.email().orElse(null),
                            Timestamp.from(now),
                            Timestamp.from(now),
                            total)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new UserInputException("crypto.rotationRunning");
        }
        audit.success(
                "crypto.rotate.start",
                "crypto_rotation_job",
                id,
                total + " values to re-encrypt under " + encryptor.activeVersion());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Thread.ofVirtual().name("field-key-rotation-" + id).start(() -> run(id));
            }
        });
        return id;
    }

    /** Works the job to its end; a value that cannot be opened (its key is gone, or it was copied) is counted failed. */
    void run(long jobId) {
        int done = 0;
        int failed = 0;
        try {
            for (var column : columns) {
                Object after = null;
                while (true) {
                    var batch = batch(jobId, column, after);
                    if (batch.size() == 0) {
                        break;
                    }
                    done += batch.done();
                    failed += batch.failed();
                    after = batch.last();
                }
            }
            finish(jobId, "DONE", null);
            audit.success(
                    "crypto.rotate.finish",
                    "crypto_rotation_job",
                    jobId,
                    done + " re-encrypted, " + failed + " failed");
        } catch (RuntimeException e) {
            log.error("Field key rotation job {} stopped", jobId, e);
            finish(jobId, "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
            audit.failure(
                    "crypto.rotate.finish",
                    "crypto_rotation_job",
                    jobId,
                    e.getClass().getSimpleName());
        }
    }

    private record Batch(int size, int done, int failed, Object last) {}

    /** One batch in its own transaction: the next rows after {@code after} that need re-encrypting, locked. */
    private Batch batch(long jobId, SealedColumn c, Object after) {
        return transactions.execute(tx -> {
            String sql = "select " + c.keyColumn() + ", " + c.column() + " from " + c.table() + " where " + c.column()
                    + " not like ?" + (after == null ? "" : " and " + c.keyColumn() + " > ?") + " order by "
                    + c.keyColumn() + " limit " + BATCH + " for update skip locked";
            var query = jdbc.sql(sql).param(encryptor.currentPrefix() + "%");
            if (after != null) {
                query = query.param(after);
            }
            var rows = query.query((rs, n) -> new Object[] {rs.getObject(1), rs.getString(2)})
                    .list();
            int done = 0;
            int failed = 0;
            for (Object[] row : rows) {
                try {
                    String resealed = encryptor.reseal((String) row[1], c.context(row[0]));
                    done += jdbc.sql("update " + c.table() + " set " + c.column() + " = ? where " + c.keyColumn()
                                    + " = ?")
                            .params(resealed, row[0])
                            .update();
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("{} of row {} cannot be re-encrypted: {}", c.label(), row[0], e.getMessage());
                }
            }
            jdbc.sql("update crypto_rotation_jobs set done = done + ?, failed = failed + ?, heartbeat = ? where id = ?")
                    .params(done, failed, Timestamp.from(clock.instant()), jobId)
                    .update();
            return new Batch(rows.size(), done, failed, rows.isEmpty() ? after : rows.getLast()[0]);
        });
    }

    private void finish(long jobId, String status, String error) {
        jdbc.sql("update crypto_rotation_jobs set status = ?, finished_at = ?, error = ? where id = ?")
                .params(status, Timestamp.from(clock.instant()), error, jobId)
                .update();
    }

    private Job latest() {
        return jdbc.sql("""
                        select id, status, key_version, started_by, started_at, finished_at, total, done, failed, error
                        from crypto_rotation_jobs order by id desc limit 1""")
                .query((rs, n) -> new Job(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getString(10)))
                .optional()
                .orElse(null);
    }
}
