package app.assets.notification.service;

import app.assets.base.crypto.FieldEncryptor;
import app.assets.base.i18n.Languages;
import app.assets.base.i18n.Messages;
import app.assets.identity.IdentityProperties;
import app.assets.identity.UserDirectory;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.domain.SecretLinks;
import app.assets.notification.domain.TemplateLinks;
import app.assets.notification.domain.TemplateText;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns an event for a user into notification rows, one per channel the event uses, the user
 * allows and can be reached on, rendered from the template in the user's language. Runs inside
 * the caller's transaction: the rows commit or roll back with the event that caused them, and the
 * relay hands them to RabbitMQ afterwards.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class NotificationOutbox {

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final PreferenceService preferences;
    private final OutboxRelay relay;

    private final FieldEncryptor encryptor;
    private final IdentityProperties identity;
    private final Messages messages;

    public NotificationOutbox(
            JdbcClient jdbc,
            UserDirectory directory,
            PreferenceService preferences,
            OutboxRelay relay,
            FieldEncryptor encryptor,
            IdentityProperties identity,
            Messages messages) {
        this.encryptor = encryptor;
        this.identity = identity;
        this.messages = messages;
        this.jdbc = jdbc;
        this.directory = directory;
        this.preferences = preferences;
        this.relay = relay;
    }

    /** Queues the event for the user on every allowed channel; returns the new notification ids. */
    public List<Long> enqueue(NotificationEvent event, long userId, Map<String, String> variables) {
        return enqueue(event, userId, variables, event.channels(), null, null);
    }

    /** A single-use link that only the recipient may see, valid until {@code expiresAt}. */
    public record SecretLink(String variable, String link, Instant expiresAt) {}

    /**
     * Queues an event whose text carries a single-use link: the stored text shows the link redacted
     * ({@link SecretLinks}); the link itself is sealed for this row only, for the sender, until it expires.
     */
    public List<Long> enqueue(NotificationEvent event, long userId, Map<String, String> variables, SecretLink secret) {
        return enqueue(event, userId, variables, event.channels(), null, secret);
    }

    /** Queues on the given channels only (a broadcast's choice), remembering the broadcast. */
    public List<Long> enqueue(
            NotificationEvent event,
            long userId,
            Map<String, String> variables,
            Set<Channel> channels,
            Long broadcastId) {
        return enqueue(event, userId, variables, channels, broadcastId, null);
    }

    private List<Long> enqueue(
            NotificationEvent event,
            long userId,
            Map<String, String> variables,
            Set<Channel> channels,
            Long broadcastId,
            SecretLink secret) {
        var contact = directory.contact(userId).orElse(null);
        if (contact == null) {
            return List.of();
        }
        var values = new HashMap<>(variables);
        values.putIfAbsent("name", contact.displayName());
        if (secret != null) {
            values.put(secret.variable(), SecretLinks.redact(secret.link()));
        }
        var ids = new ArrayList<Long>();
        var allowed = preferences.channelsFor(userId, event.category());
        for (Channel channel : event.channels()) {
            if (!channels.contains(channel) || !allowed.contains(channel)) {
                continue;
            }
            String recipient = channel == Channel.EMAIL ? contact.email() : contact.phone();
            if (recipient == null || recipient.isBlank()) {
                continue;
            }
            var template = template(event, channel, contact.language());
            if (template == null) {
                continue;
            }
            UUID deliveryId = UUID.randomUUID();
            ids.add(jdbc.sql("""
                            insert into notifications (delivery_id, event, category, channel, user_id, recipient, language,
                                                       subject, body, broadcast_id, carries_secret, secret_encrypted,
                                                       secret_expires_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            deliveryId,
                            event.name(),
                            event.category().name(),
                            channel.name(),
                            userId,
                            recipient,
                            template[0],
                            render(template[1], values, template[0]),
                            render(template[2], values, template[0]),
                            broadcastId,
                            secret != null,
                            secret == null ? null : encryptor.encrypt(secret.link(), secretContext(deliveryId)),
                            secret == null ? null : Timestamp.from(secret.expiresAt()))
                    .query(Long.class)
                    .single());
        }
        if (!ids.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
        }
        return ids;
    }

    /**
     * The template filled in, with any link to a host other than Assets' own replaced by a notice: saving a
     * template refuses such links, and this catches what slipped through (an older template, a filled-in value).
     */
    private String render(String template, Map<String, String> values, String language) {
        return TemplateLinks.neutralise(
                TemplateText.render(template, values),
                identity.baseUrl(),
                messages.getTranslation("notification.linkRemoved", Languages.of(language)));
    }

    /** Where a notification's single-use link is sealed: its own row (the ciphertext is bound to it). */
    public static String secretContext(UUID deliveryId) {
        return FieldEncryptor.context("notifications", "secret_encrypted", deliveryId);
    }

    /** language, subject, body of the template in the user's language, or English when there is none. */
    private String[] template(NotificationEvent event, Channel channel, String language) {
        return jdbc.sql("""
                        select language, subject, body from notification_templates where event = ? and channel = ?
                        order by case when language = ? then 0 when language = 'en' then 1 else 2 end limit 1""")
                .params(event.name(), channel.name(), language)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .optional()
                .orElse(null);
    }
}
