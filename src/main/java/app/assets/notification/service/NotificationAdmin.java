package app.assets.notification.service;

import app.assets.audit.AuditLog;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.notification.domain.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** ADMIN's view of every notification: filter by date, channel and status, read the attempt log, resend failed ones. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAuthority('" + Permissions.NOTIFICATION_MANAGE + "')")
public class NotificationAdmin {

    /** A notification as ADMIN sees it. */
    public record Row(
            long id,
            String event,
            Channel channel,
            String recipient,
            String subject,
            String body,
            String status,
            int attempts,
            Instant createdAt,
            Instant sentAt,
            String providerId,
            String providerStatus,
            String errorLog) {}

    /** Filters; null means any. {@code to} is exclusive. */
    public record Filter(Instant from, Instant to, Channel channel, String status) {}

    /** Counts of the last 24 hours for one channel. */
    public record Rate(Channel channel, int sent, int failed, int queued, int delivered) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final OutboxRelay relay;

    public NotificationAdmin(JdbcClient jdbc, AuditLog audit, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.relay = relay;
    }

    public List<Row> list(Filter filter, int offset, int limit) {
        var params = new ArrayList<Object>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select * from notifications " + where + " order by created_at desc, id desc limit ? offset ?")
                .params(params)
                .query((rs, n) -> row(rs))
                .list();
    }

    public int count(Filter filter) {
        var params = new ArrayList<Object>();
        return jdbc.sql("select count(*) from notifications " + where(filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    public List<Rate> lastDay() {
        var rates = new ArrayList<Rate>();
        for (Channel c : Channel.values()) {
            rates.add(jdbc.sql("""
                            select count(*) filter (where status = 'SENT'), count(*) filter (where status = 'FAILED'),
                                   count(*) filter (where status = 'QUEUED'), count(*) filter (where provider_status = 'delivered'
                                                                                              or (status = 'SENT' and provider_id like 'captured:%'))
                            from notifications where channel = ? and created_at > now() - interval '24 hours'""")
                    .param(c.name())
                    .query((rs, n) -> new Rate(c, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                    .single());
        }
        return rates;
    }

    /**
     * Queues a failed notification again (same text, fresh attempts); the relay publishes it after commit.
     * One that carried a single-use link is resent only while that link is alive (the worker puts it back
     * into the text); once it expired it is refused: the person asks for a new link (sign-up, forgot password).
     */
    @Transactional
    public void resend(long id) {
        boolean deadLink =
                jdbc.sql("""
                        select carries_secret and (secret_encrypted is null or secret_expires_at <= now())
                        from notifications where id = ? and status = 'FAILED'""").param(id).query(Boolean.class).optional().orElse(false);
        if (deadLink) {
            throw new UserInputException("notifications.linkExpired");
        }
        int updated = jdbc.sql("""
                        update notifications set status = 'QUEUED', attempts = 0, published_at = null, claimed_until = null,
                               error_log = coalesce(error_log || chr(10), '') || 'resent by ADMIN at ' || now()
                        where id = ? and status = 'FAILED'""").param(id).update();
        if (updated != 1) {
            throw new UserInputException("notifications.notFailed");
        }
        audit.success("notification.resend", "notification", id, null);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    private static String where(Filter f, List<Object> params) {
        var clauses = new ArrayList<String>();
        if (f.from() != null) {
            clauses.add("created_at >= ?");
            params.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            clauses.add("created_at < ?");
            params.add(Timestamp.from(f.to()));
        }
        if (f.channel() != null) {
            clauses.add("channel = ?");
            params.add(f.channel().name());
        }
        if (f.status() != null) {
            clauses.add("status = ?");
            params.add(f.status());
        }
        return clauses.isEmpty() ? "" : "where " + String.join(" and ", clauses);
    }

    private static Row row(ResultSet rs) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Row(
                rs.getLong("id"),
                rs.getString("event"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant(),
                rs.getString("provider_id"),
                rs.getString("provider_status"),
                rs.getString("error_log"));
    }
}
