package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.files.FileKind;
import app.assets.base.infra.RetryingTransactions;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's thread: messages between its two sides (and SUPPORT once it has been disputed), each
 * with at most one attachment, checked by its bytes.
 */
@Service
public class TicketThread {

    /** A message in a ticket's thread, with its attachment if it has one. */
    public record Comment(
            long id,
            long authorUserId,
            String authorName,
            String body,
            Instant createdAt,
            Long attachmentId,
            String attachmentType) {}

    /** A stored attachment, as served. */
    public record Attachment(long id, long ticketId, FileKind kind, byte[] bytes) {}

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final TicketRows rows;
    private final TicketQueries tickets;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final UserDirectory directory;

    public TicketThread(
            JdbcClient jdbc,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            TicketRows rows,
            TicketQueries tickets,
            AuditLog audit,
            ApplicationEventPublisher events,
            UserDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.rows = rows;
        this.tickets = tickets;
        this.audit = audit;
        this.events = events;
    }

    /** Whether the signed-in user may read this ticket's thread: its two sides, and SUPPORT once it has been disputed. */
    public boolean canReadThread(Ticket t) {
        long me = currentUser.require().id();
        return t.isParty(me)
                || t.hasBeenDisputed()
                        && (currentUser.has(Permissions.TICKET_READ_ANY)
                                || currentUser.has(Permissions.DISPUTE_SETTLE));
    }

    /** Whether the signed-in user may write in the thread: its two sides, and dispute handlers while it is disputed. */
    public boolean canWriteThread(Ticket t) {
        long me = currentUser.require().id();
        return t.isParty(me) || t.status() == TicketStatus.DISPUTED && currentUser.has(Permissions.DISPUTE_SETTLE);
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(long ticketId) {
        var ticket = tickets.find(ticketId).filter(this::canReadThread);
        if (ticket.isEmpty()) {
            return List.of();
        }
        var comments = jdbc.sql("""
                        select c.id, c.author_user_id, c.body, c.created_at, a.id, a.content_type
                        from ticket_comments c left join ticket_attachments a on a.comment_id = c.id
                        where c.ticket_id = ? order by c.id""")
                .param(ticketId)
                .query((rs, n) -> new Comment(
                        rs.getLong(1),
                        rs.getLong(2),
                        null,
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getObject(5, Long.class),
                        rs.getString(6)))
                .list();
        // The authors' names from identity in one lookup (not a join on its table).
        var names = directory.displayNames(
                comments.stream().map(Comment::authorUserId).collect(Collectors.toSet()));
        return comments.stream()
                .map(c -> new Comment(
                        c.id(),
                        c.authorUserId(),
                        names.get(c.authorUserId()),
                        c.body(),
                        c.createdAt(),
                        c.attachmentId(),
                        c.attachmentType()))
                .toList();
    }

    /**
     * Writes in the thread, optionally with one attachment: a real PNG, JPEG or WebP image or a PDF
     * of at most 5 MB, recognised by its bytes. No file name is taken or kept.
     */
    public long comment(long ticketId, String body, byte[] attachment) {
        String text = UserText.lines(body);
        if (text.length() > Ticket.COMMENT_MAX) {
            throw new UserInputException("ticket.commentTooLong", Ticket.COMMENT_MAX);
        }
        boolean hasFile = attachment != null && attachment.length > 0;
        if (text.isEmpty() && !hasFile) {
            throw new UserInputException("ticket.commentEmpty");
        }
        FileKind kind = hasFile ? checkAttachment(attachment) : null;
        return transactions.execute(() -> {
            var me = currentUser.require();
            var t = rows.lock(ticketId).filter(this::canWriteThread).orElseThrow(() -> {
                audit.denied("ticket.comment", "ticket", ticketId, "not a party");
                return new UserInputException("ticket.notFound");
            });
            long id = jdbc.sql(
                            "insert into ticket_comments (ticket_id, author_user_id, body, created_at) values (?, ?, ?, ?) returning id")
                    .params(t.id(), me.id(), text, rows.now())
                    .query(Long.class)
                    .single();
            if (kind != null) {
                jdbc.sql("""
                                insert into ticket_attachments (comment_id, ticket_id, content_type, bytes, size_bytes, sha256, created_at)
                                values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                id,
                                t.id(),
                                kind.contentType(),
                                attachment,
                                attachment.length,
                                FileKind.sha256(attachment),
                                rows.now())
                        .update();
            }
            audit.success(
                    "ticket.comment",
                    "ticket",
                    t.id(),
                    kind == null ? null : kind.contentType() + ", " + attachment.length + " bytes");
            events.publishEvent(new TicketEvent.Commented(
                    t.id(), t.borrowerUserId(), t.lenderUserId(), t.listingTitle(), me.id(), id));
            return id;
        });
    }

    /** An attachment, only for those who may read its ticket's thread. */
    @Transactional(readOnly = true)
    public Optional<Attachment> attachment(long attachmentId) {
        var row = jdbc.sql("select id, ticket_id, content_type, bytes from ticket_attachments where id = ?")
                .param(attachmentId)
                .query((rs, n) -> new Attachment(
                        rs.getLong(1),
                        rs.getLong(2),
                        FileKind.ofContentType(rs.getString(3)).orElseThrow(),
                        rs.getBytes(4)))
                .optional();
        var allowed = row.filter(
                a -> tickets.find(a.ticketId()).filter(this::canReadThread).isPresent());
        if (row.isPresent() && allowed.isEmpty()) {
            audit.denied("ticket.attachment.read", "ticket", row.get().ticketId(), "attachment " + attachmentId);
        }
        return allowed;
    }

    private static FileKind checkAttachment(byte[] bytes) {
        if (bytes.length > Ticket.ATTACHMENT_BYTES_MAX) {
            throw new UserInputException("ticket.attachmentTooLarge", Ticket.ATTACHMENT_BYTES_MAX / (1024 * 1024));
        }
        var kind = FileKind.sniff(bytes).orElseThrow(() -> new UserInputException("ticket.attachmentType"));
        if (!kind.isGenuine(bytes)) {
            throw new UserInputException("ticket.attachmentType");
        }
        return kind;
    }
}
