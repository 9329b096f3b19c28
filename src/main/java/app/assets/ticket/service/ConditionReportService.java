package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.files.FileKind;
import app.assets.base.infra.RetryingTransactions;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.ConditionReport;
import app.assets.ticket.domain.ConditionReport.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Condition reports at handover and return (docs/deposits.md): notes and real photos written by one
 * side of a ticket, confirmed by the other, or automatically once
 * {@code assets.ticket.deposit.condition-confirm-after} has passed. A confirmed report never
 * changes (PostgreSQL refuses it too, see V22). Its reports are the evidence of a damage claim.
 */
@Service
public class ConditionReportService {

    /** A stored photo, as served. */
    public record Photo(long id, long ticketId, FileKind kind, byte[] bytes) {}

    private record Parties(long id, long borrowerUserId, long lenderUserId, TicketStatus status) {
        boolean isParty(long userId) {
            return userId == borrowerUserId || userId == lenderUserId;
        }
    }

    private static final String SELECT = """
            select r.*, array(select p.id from ticket_condition_photos p where p.report_id = r.id order by p.id) as photos
            from ticket_condition_reports r""";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final AuditLog audit;
    private final DepositProperties properties;
    private final Clock clock;

    public ConditionReportService(
            JdbcClient jdbc,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            AuditLog audit,
            DepositProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** A ticket's reports (handover first), for its two sides and staff who read any ticket or decide claims. */
    @Transactional(readOnly = true)
    public List<ConditionReport> reports(long ticketId) {
        if (parties(ticketId, false).filter(this::mayRead).isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where r.ticket_id = ? order by r.stage = 'RETURN', r.id")
                .param(ticketId)
                .query(ConditionReportService::map)
                .list();
    }

    /** Whether the signed-in user may write a report of this stage now (a side of a ticket in the right state, none yet). */
    @Transactional(readOnly = true)
    public boolean canSubmit(long ticketId, Stage stage) {
        long me = currentUser.require().id();
        return parties(ticketId, false)
                        .filter(p -> p.isParty(me) && stageOpen(p, stage))
                        .isPresent()
                && jdbc.sql("select count(*) from ticket_condition_reports where ticket_id = ? and stage = ?")
                                .params(ticketId, stage.name())
                                .query(Integer.class)
                                .single()
                        == 0;
    }

    /**
     * A side writes the report of a stage: notes and up to {@value ConditionReport#PHOTOS_MAX}
     * photos (PNG, JPEG or WebP of at most 5 MB, recognised by their bytes), at least one of the
     * two. The handover report is written while the loan runs; the return report also after it
     * ended. One report per stage: the other side confirms it.
     */
    public long submit(long ticketId, Stage stage, String notes, List<byte[]> photos) {
        String text = UserText.lines(notes);
        if (text.length() > ConditionReport.NOTES_MAX) {
            throw new UserInputException("condition.notesTooLong", ConditionReport.NOTES_MAX);
        }
        var files = photos == null ? List.<byte[]>of() : photos;
        if (text.isEmpty() && files.isEmpty()) {
            throw new UserInputException("condition.empty");
        }
        if (files.size() > ConditionReport.PHOTOS_MAX) {
            throw new UserInputException("condition.tooManyPhotos", ConditionReport.PHOTOS_MAX);
        }
        var kinds = new ArrayList<FileKind>();
        for (byte[] photo : files) {
            kinds.add(checkPhoto(photo));
        }
        return transactions.execute(() -> {
            long me = currentUser.require().id();
            var p = parties(ticketId, true).filter(t -> t.isParty(me)).orElseThrow(() -> {
                audit.denied("condition.submit", "ticket", ticketId, "not a party");
                return new UserInputException("ticket.notFound");
            });
            if (!stageOpen(p, stage)) {
                throw new UserInputException("condition.notNow." + stage);
            }
            var existing = jdbc.sql("select id from ticket_condition_reports where ticket_id = ? and stage = ?")
                    .params(p.id(), stage.name())
                    .query(Long.class)
                    .optional();
            if (existing.isPresent()) {
                throw new UserInputException("condition.exists");
            }
            long id = jdbc.sql("""
                            insert into ticket_condition_reports (ticket_id, stage, author_user_id, notes, created_at)
                            values (?, ?, ?, ?, ?) returning id""")
                    .params(p.id(), stage.name(), me, text, now())
                    .query(Long.class)
                    .single();
            for (int i = 0; i < files.size(); i++) {
                byte[] photo = files.get(i);
                jdbc.sql("""
                                insert into ticket_condition_photos (report_id, ticket_id, content_type, bytes, size_bytes, sha256, created_at)
                                values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                id,
                                p.id(),
                                kinds.get(i).contentType(),
                                photo,
                                photo.length,
                                FileKind.sha256(photo),
                                now())
                        .update();
            }
            record(p.id(), "CONDITION_" + stage.name(), files.size() + " photos");
            audit.success("condition.submit", "ticket", p.id(), stage + ", " + files.size() + " photos");
            return id;
        });
    }

    /** The other side confirms a report; confirming twice is harmless, the author never confirms their own. */
    public void confirm(long reportId) {
        transactions.run(() -> {
            long me = currentUser.require().id();
            long ticketId = jdbc.sql("select ticket_id from ticket_condition_reports where id = ?")
                    .param(reportId)
                    .query(Long.class)
                    .optional()
                    .orElseThrow(() -> new UserInputException("condition.notFound"));
            var p = parties(ticketId, true).filter(t -> t.isParty(me)).orElseThrow(() -> {
                audit.denied("condition.confirm", "ticket", ticketId, "not a party");
                return new UserInputException("condition.notFound");
            });
            var report = lockReport(reportId);
            if (report.confirmed()) {
                return;
            }
            if (report.authorUserId() == me) {
                throw new UserInputException("condition.confirmOwn");
            }
            jdbc.sql(
                            "update ticket_condition_reports set status = 'CONFIRMED', confirmed_by_user_id = ?, confirmed_at = ? where id = ?")
                    .params(me, now(), reportId)
                    .update();
            record(p.id(), "CONDITION_CONFIRMED", report.stage().name());
            audit.success("condition.confirm", "ticket", p.id(), report.stage().name());
        });
    }

    /** A photo, only for those who may read its ticket's reports. */
    @Transactional(readOnly = true)
    public Optional<Photo> photo(long photoId) {
        var row = jdbc.sql("select id, ticket_id, content_type, bytes from ticket_condition_photos where id = ?")
                .param(photoId)
                .query((rs, n) -> new Photo(
                        rs.getLong(1),
                        rs.getLong(2),
                        FileKind.ofContentType(rs.getString(3)).orElseThrow(),
                        rs.getBytes(4)))
                .optional();
        var allowed = row.filter(
                ph -> parties(ph.ticketId(), false).filter(this::mayRead).isPresent());
        if (row.isPresent() && allowed.isEmpty()) {
            audit.denied("condition.photo.read", "ticket", row.get().ticketId(), "photo " + photoId);
        }
        return allowed;
    }

    /**
     * Confirms one report the other side left unconfirmed past the confirmation time; false when
     * none is left. Skips rows another node holds. {@code asOf} is now for the timer.
     */
    public boolean confirmOneDue(Instant asOf) {
        return transactions.execute(() -> jdbc.sql("""
                                select id from ticket_condition_reports where status = 'SUBMITTED' and created_at <= ?
                                order by id limit 1 for update skip locked""")
                .param(Timestamp.from(asOf.minus(properties.conditionConfirmAfter())))
                .query(Long.class)
                .optional()
                .map(id -> {
                    var report = lockReport(id);
                    jdbc.sql("update ticket_condition_reports set status = 'CONFIRMED', confirmed_at = ? where id = ?")
                            .params(now(), id)
                            .update();
                    record(report.ticketId(), "CONDITION_CONFIRMED", report.stage() + " automatically");
                    audit.success("condition.confirm", "ticket", report.ticketId(), report.stage() + " automatically");
                    return true;
                })
                .orElse(false));
    }

    // ---- internals -----------------------------------------------------------------------------

    private static boolean stageOpen(Parties p, Stage stage) {
        return switch (stage) {
            case HANDOVER -> p.status() == TicketStatus.ACTIVE || p.status() == TicketStatus.DISPUTED;
            case RETURN ->
                p.status() == TicketStatus.ACTIVE
                        || p.status() == TicketStatus.DISPUTED
                        || p.status() == TicketStatus.COMPLETED;
        };
    }

    private boolean mayRead(Parties p) {
        return p.isParty(currentUser.require().id())
                || currentUser.has(Permissions.TICKET_READ_ANY)
                || currentUser.has(Permissions.CLAIM_DECIDE);
    }

    private Optional<Parties> parties(long ticketId, boolean lock) {
        return jdbc.sql("select id, borrower_user_id, lender_user_id, status from tickets where id = ?"
                        + (lock ? " for update" : ""))
                .param(ticketId)
                .query((rs, n) ->
                        new Parties(rs.getLong(1), rs.getLong(2), rs.getLong(3), TicketStatus.valueOf(rs.getString(4))))
                .optional();
    }

    private ConditionReport lockReport(long reportId) {
        jdbc.sql("select id from ticket_condition_reports where id = ? for update")
                .param(reportId)
                .query(Long.class)
                .single();
        return jdbc.sql(SELECT + " where r.id = ?")
                .param(reportId)
                .query(ConditionReportService::map)
                .single();
    }

    private static FileKind checkPhoto(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new UserInputException("condition.photoType");
        }
        if (bytes.length > ConditionReport.PHOTO_BYTES_MAX) {
            throw new UserInputException("condition.photoTooLarge", ConditionReport.PHOTO_BYTES_MAX / (1024 * 1024));
        }
        var kind = FileKind.sniff(bytes)
                .filter(FileKind::isImage)
                .filter(k -> k.isGenuine(bytes))
                .orElseThrow(() -> new UserInputException("condition.photoType"));
        return kind;
    }

    private void record(long ticketId, String kind, String detail) {
        jdbc.sql("insert into ticket_events (ticket_id, at, actor, kind, detail) values (?, ?, ?, ?, ?)")
                .params(ticketId, now(), currentUser.email().orElse("system"), kind, detail)
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static ConditionReport map(ResultSet rs, int row) throws SQLException {
        var confirmedAt = rs.getTimestamp("confirmed_at");
        return new ConditionReport(
                rs.getLong("id"),
                rs.getLong("ticket_id"),
                Stage.valueOf(rs.getString("stage")),
                rs.getLong("author_user_id"),
                rs.getString("notes"),
                "CONFIRMED".equals(rs.getString("status")),
                rs.getObject("confirmed_by_user_id", Long.class),
                rs.getTimestamp("created_at").toInstant(),
                confirmedAt == null ? null : confirmedAt.toInstant(),
                List.of((Long[]) rs.getArray("photos").getArray()));
    }
}
