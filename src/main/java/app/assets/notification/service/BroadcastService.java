package app.assets.notification.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.ledger.Ledger;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.domain.TemplateText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ADMIN's broadcasts: pick channels and an audience, see how many people it reaches, then send.
 * Sending queues the notifications in batches in the background (one transaction per batch), so
 * progress shows while it runs; users' channel choices for announcements are respected.
 */
@Service
@PreAuthorize("hasAuthority('" + Permissions.NOTIFICATION_BROADCAST + "')")
public class BroadcastService {

    public static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(BroadcastService.class);

    /** Who receives a broadcast. */
    public enum Audience {
        EVERYONE,
        ROLE,
        BALANCE_ABOVE
    }

    /** A broadcast and its progress. */
    public record Broadcast(
            long id,
            String subject,
            String channels,
            String audience,
            int recipients,
            int enqueued,
            int sent,
            int failed,
            String status,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final Ledger ledger;
    private final NotificationOutbox outbox;
    private final TransactionTemplate transactions;
    private final TaskExecutor executor;
    private final AuditLog audit;
    private final CurrentUser currentUser;

    public BroadcastService(
            JdbcClient jdbc,
            UserDirectory directory,
            Ledger ledger,
            NotificationOutbox outbox,
            PlatformTransactionManager transactionManager,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            AuditLog audit,
            CurrentUser currentUser) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.ledger = ledger;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.executor = executor;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    /** The users the audience names now. */
    public List<Long> recipients(Audience audience, String value) {
        return switch (audience) {
            case EVERYONE -> directory.userIds(null);
            case ROLE -> {
                if (value == null || !Roles.ALL.contains(value)) {
                    throw new UserInputException("broadcast.roleRequired");
                }
                yield directory.userIds(value);
            }
            case BALANCE_ABOVE -> {
                // one query for the whole audience, not two per user
                yield ledger.walletOwnersAbove(minimum(value));
            }
        };
    }

    public int count(Audience audience, String value) {
        return transactions.execute(s -> recipients(audience, value).size());
    }

    /** Starts sending; returns the broadcast id at once while batches are queued in the background. */
    public long send(String subject, String message, Set<Channel> channels, Audience audience, String value) {
        if (subject == null || subject.isBlank() || message == null || message.isBlank()) {
            throw new UserInputException("broadcast.messageRequired");
        }
        if (message.length() > TemplateText.BODY_MAX - 100) {
            throw new UserInputException("broadcast.messageTooLong", TemplateText.BODY_MAX - 100);
        }
        if (channels == null || channels.isEmpty()) {
            throw new UserInputException("broadcast.channelsRequired");
        }
        var people = transactions.execute(s -> recipients(audience, value));
        if (people.isEmpty()) {
            throw new UserInputException("broadcast.noRecipients");
        }
        long id = transactions.execute(s -> {
            long created = jdbc.sql("""
                            insert into broadcasts (subject, body, channels, audience, audience_value, recipients, created_by)
                            values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            UserText.line(subject),
                            UserText.lines(message),
                            channels.stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                            audience.name(),
                            value,
                            people.size(),
                            currentUser.email().orElse(null))
                    .query(Long.class)
                    .single();
            audit.success("notification.broadcast", "broadcast", created, people.size() + " recipients, " + channels);
            return created;
        });
        var values = Map.of("subject", UserText.line(subject), "message", UserText.lines(message));
        executor.execute(() -> {
            try {
                for (int from = 0; from < people.size(); from += BATCH) {
                    var batch = people.subList(from, Math.min(people.size(), from + BATCH));
                    transactions.executeWithoutResult(s -> {
                        for (long user : batch) {
                            outbox.enqueue(NotificationEvent.BROADCAST, user, values, channels, id);
                        }
                        jdbc.sql("update broadcasts set enqueued = enqueued + ? where id = ?")
                                .params(batch.size(), id)
                                .update();
                    });
                }
            } catch (RuntimeException e) {
                log.error("Broadcast {} stopped while queuing", id, e);
            } finally {
                jdbc.sql("update broadcasts set status = 'DONE', finished_at = now() where id = ?")
                        .param(id)
                        .update();
            }
        });
        return id;
    }

    public List<Broadcast> history(int offset, int limit) {
        return jdbc.sql("""
                        select b.id, b.subject, b.channels, b.audience, b.recipients, b.enqueued, b.status, b.created_at,
                               count(n.id) filter (where n.status = 'SENT'), count(n.id) filter (where n.status = 'FAILED')
                        from broadcasts b left join notifications n on n.broadcast_id = b.id
                        group by b.id order by b.created_at desc limit ? offset ?""")
                .params(limit, offset)
                .query((rs, n) -> new Broadcast(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getInt(9),
                        rs.getInt(10),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    public int historySize() {
        return jdbc.sql("select count(*) from broadcasts").query(Integer.class).single();
    }

    private static long minimum(String value) {
        try {
            return Long.parseLong(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new UserInputException("broadcast.minimumRequired");
        }
    }
}
