package app.assets.notification.service;

import app.assets.identity.UserDirectory;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.domain.TemplateText;
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

    public NotificationOutbox(
            JdbcClient jdbc, UserDirectory directory, PreferenceService preferences, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.preferences = preferences;
        this.relay = relay;
    }

    /** Queues the event for the user on every allowed channel; returns the new notification ids. */
    public List<Long> enqueue(NotificationEvent event, long userId, Map<String, String> variables) {
        return enqueue(event, userId, variables, event.channels(), null);
    }

    /** Queues on the given channels only (a broadcast's choice), remembering the broadcast. */
    public List<Long> enqueue(
            NotificationEvent event,
            long userId,
            Map<String, String> variables,
            Set<Channel> channels,
            Long broadcastId) {
        var contact = directory.contact(userId).orElse(null);
        if (contact == null) {
            return List.of();
        }
        return enqueue(event, contact, variables, channels, broadcastId);
    }

    /** Queues the event for a user whose contact details the caller has already read. */
    public List<Long> enqueue(NotificationEvent event, UserDirectory.Contact contact, Map<String, String> variables) {
        return enqueue(event, contact, variables, event.channels(), null);
    }

    private List<Long> enqueue(
            NotificationEvent event,
            UserDirectory.Contact contact,
            Map<String, String> variables,
            Set<Channel> channels,
            Long broadcastId) {
        long userId = contact.id();
        var values = new HashMap<>(variables);
        values.putIfAbsent("name", contact.displayName());
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
            ids.add(jdbc.sql("""
                            insert into notifications (delivery_id, event, category, channel, user_id, recipient, language,
                                                       subject, body, broadcast_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            UUID.randomUUID(),
                            event.name(),
                            event.category().name(),
                            channel.name(),
                            userId,
                            recipient,
                            template[0],
                            TemplateText.render(template[1], values),
                            TemplateText.render(template[2], values),
                            broadcastId)
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
