package app.assets.notification;

import app.assets.base.infra.LikePattern;
import app.assets.base.security.Permissions;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the messages the capture senders kept (email without SMTP, SMS and WhatsApp without Twilio). */
@Service
@Transactional(readOnly = true)
public class CapturedMailbox {

    private final JdbcClient jdbc;

    public CapturedMailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PreAuthorize("hasAuthority('" + Permissions.MAILBOX_READ + "')")
    public List<OutgoingMail.Captured> list(String recipientFilter, int offset, int limit) {
        return jdbc.sql("""
                        select id, channel, recipient, subject, body, created_at from captured_mail
                        where ? = '' or lower(recipient) like ?
                        order by created_at desc, id desc limit ? offset ?""")
                .params(norm(recipientFilter), LikePattern.containing(recipientFilter), limit, offset)
                .query((rs, n) -> new OutgoingMail.Captured(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }

    @PreAuthorize("hasAuthority('" + Permissions.MAILBOX_READ + "')")
    public int count(String recipientFilter) {
        return jdbc.sql("select count(*) from captured_mail where ? = '' or lower(recipient) like ?")
                .params(norm(recipientFilter), LikePattern.containing(recipientFilter))
                .query(Integer.class)
                .single();
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toLowerCase();
    }
}
