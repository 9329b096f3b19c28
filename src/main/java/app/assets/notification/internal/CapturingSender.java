package app.assets.notification.internal;

import app.assets.notification.domain.Channel;
import app.assets.notification.domain.SecretLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps what would be sent in captured_mail (local runs), where ADMIN reads it under /admin/mailbox.
 * Single-use links are kept redacted: staff read this table, and the link belongs to its recipient only. The one
 * exception is a local development run ({@code assets.notifications.capture-links}, on in application.properties):
 * with no SMTP server the captured mailbox is the only way a new user there can verify an address or reset a
 * password. Production mode refuses captured mail altogether, so no real installation keeps a link here.
 */
class CapturingSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(CapturingSender.class);

    private final Channel channel;
    private final JdbcClient jdbc;
    private final boolean keepLinks;

    CapturingSender(Channel channel, JdbcClient jdbc, boolean keepLinks) {
        this.channel = channel;
        this.jdbc = jdbc;
        this.keepLinks = keepLinks;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String send(Message message) {
        long id = jdbc.sql(
                        "insert into captured_mail (channel, recipient, subject, body) values (?, ?, ?, ?) returning id")
                .params(
                        channel.name(),
                        message.recipient(),
                        message.subject() == null ? "" : stored(message.subject()),
                        stored(message.body()))
                .query(Long.class)
                .single();
        log.info(
                "Captured {} to {}: {} (read it as ADMIN under /admin/mailbox)",
                channel,
                message.recipient(),
                SecretLinks.redact(message.subject()));
        return "captured:" + id;
    }

    private String stored(String text) {
        return keepLinks ? text : SecretLinks.redact(text);
    }
}
