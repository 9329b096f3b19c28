package app.assets.notification.service;

import app.assets.base.i18n.Languages;
import app.assets.identity.UserDirectory;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.domain.TemplateText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
 * relay hands them to RabbitMQ afterwards. The events of one transaction are written together just
 * before it commits, in three statements whatever their number (the recipients; their channel
 * choices and the templates; one insert), so raising many events costs few round trips.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class NotificationOutbox {

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final OutboxRelay relay;

    public NotificationOutbox(JdbcClient jdbc, UserDirectory directory, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.relay = relay;
    }

    /** Queues the event for the user on every allowed channel. */
    public void enqueue(NotificationEvent event, long userId, Map<String, String> variables) {
        enqueue(event, userId, variables, event.channels(), null);
    }

    /**
     * Queues the event for the user on every allowed channel, with variables written in the user's language (amounts,
     * dates), from the one look-up of the user that queuing makes anyway.
     */
    public void enqueue(NotificationEvent event, long userId, Function<Locale, Map<String, String>> variables) {
        queue(new Pending(event, userId, variables, event.channels(), null));
    }

    /** Queues on the given channels only (a broadcast's choice), remembering the broadcast. */
    public void enqueue(
            NotificationEvent event,
            long userId,
            Map<String, String> variables,
            Set<Channel> channels,
            Long broadcastId) {
        queue(new Pending(event, userId, language -> variables, channels, broadcastId));
    }

    private record Pending(
            NotificationEvent event,
            long userId,
            Function<Locale, Map<String, String>> variables,
            Set<Channel> channels,
            Long broadcastId) {}

    private record Template(String language, String subject, String body) {}

    private record Row(
            NotificationEvent event,
            Channel channel,
            long userId,
            String recipient,
            String language,
            String subject,
            String body,
            Long broadcastId) {}

    /** The events of one transaction, written before it commits; the relay is woken once it has. */
    private final class Flush implements TransactionSynchronization {

        private final List<Pending> pending = new ArrayList<>();
        private boolean written;
        private boolean queued;

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            queued = write(pending) > 0;
            pending.clear();
        }

        @Override
        public void afterCommit() {
            if (queued) {
                relay.wake();
            }
        }

        NotificationOutbox outbox() {
            return NotificationOutbox.this;
        }
    }

    private void queue(Pending p) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(List.of(p));
            return;
        }
        // Synchronizations belong to the transaction (suspended with it), so a nested REQUIRES_NEW one gets its own.
        for (var s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Flush flush && flush.outbox() == this) {
                if (flush.written) { // queued by another synchronization's beforeCommit, after ours
                    flush.queued |= write(List.of(p)) > 0;
                } else {
                    flush.pending.add(p);
                }
                return;
            }
        }
        var flush = new Flush();
        flush.pending.add(p);
        TransactionSynchronizationManager.registerSynchronization(flush);
    }

    /** Writes the rows of these events in three statements; returns how many rows were written. */
    private int write(List<Pending> events) {
        if (events.isEmpty()) {
            return 0;
        }
        var users = events.stream().map(Pending::userId).distinct().toList();
        var contacts = directory.contacts(users);
        var choices = new HashMap<Long, Map<String, Map<Channel, Boolean>>>();
        var templates = new HashMap<String, Map<String, Template>>();
        readChoicesAndTemplates(
                users, events.stream().map(Pending::event).distinct().toList(), choices, templates);
        var rows = new ArrayList<Row>();
        for (Pending p : events) {
            var contact = contacts.get(p.userId());
            if (contact == null) {
                continue;
            }
            var values = new HashMap<>(p.variables().apply(Languages.of(contact.language())));
            values.putIfAbsent("name", contact.displayName());
            for (Channel channel : p.event().channels()) {
                if (!p.channels().contains(channel) || !allowed(p.event(), channel, choices.get(p.userId()))) {
                    continue;
                }
                String recipient = channel == Channel.EMAIL ? contact.email() : contact.phone();
                if (recipient == null || recipient.isBlank()) {
                    continue;
                }
                var template = template(templates, p.event(), channel, contact.language());
                if (template == null) {
                    continue;
                }
                rows.add(new Row(
                        p.event(),
                        channel,
                        p.userId(),
                        recipient,
                        template.language(),
                        TemplateText.render(template.subject(), values),
                        TemplateText.render(template.body(), values),
                        p.broadcastId()));
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into notifications (delivery_id, event, category, channel, user_id, recipient, language,
                                                   subject, body, broadcast_id)
                        select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                                             ?::text[], ?::text[], ?::text[], ?::bigint[])""")
                .params(
                        rows.stream().map(r -> UUID.randomUUID().toString()).toArray(String[]::new),
                        rows.stream().map(r -> r.event().name()).toArray(String[]::new),
                        rows.stream().map(r -> r.event().category().name()).toArray(String[]::new),
                        rows.stream().map(r -> r.channel().name()).toArray(String[]::new),
                        rows.stream().map(Row::userId).toArray(Long[]::new),
                        rows.stream().map(Row::recipient).toArray(String[]::new),
                        rows.stream().map(Row::language).toArray(String[]::new),
                        rows.stream().map(Row::subject).toArray(String[]::new),
                        rows.stream().map(Row::body).toArray(String[]::new),
                        rows.stream().map(Row::broadcastId).toArray(Long[]::new))
                .update();
    }

    /** Whether the user's choice (or the default) lets the event out on the channel; security ignores choices. */
    private static boolean allowed(
            NotificationEvent event, Channel channel, Map<String, Map<Channel, Boolean>> choices) {
        if (!event.category().isChoosable()) {
            return true;
        }
        var chosen = choices == null
                ? null
                : choices.getOrDefault(event.category().name(), Map.of()).get(channel);
        return chosen == null ? PreferenceService.defaultFor(channel) : chosen;
    }

    /**
     * In one query: the stored channel choices of these users (user, category, channel -> on or off) and every template
     * of these events (event/channel, language -> template).
     */
    private void readChoicesAndTemplates(
            List<Long> users,
            List<NotificationEvent> events,
            Map<Long, Map<String, Map<Channel, Boolean>>> choices,
            Map<String, Map<String, Template>> templates) {
        jdbc.sql("""
                        select user_id, category, channel, enabled, null, null, null
                        from notification_preferences where user_id = any(?)
                        union all
                        select null, event, channel, null, language, subject, body
                        from notification_templates where event = any(?)""")
                .params(
                        users.toArray(Long[]::new),
                        events.stream().map(Enum::name).toArray(String[]::new))
                .query(rs -> {
                    long user = rs.getLong(1);
                    if (rs.wasNull()) {
                        templates
                                .computeIfAbsent(rs.getString(2) + "/" + rs.getString(3), k -> new HashMap<>())
                                .put(rs.getString(5), new Template(rs.getString(5), rs.getString(6), rs.getString(7)));
                    } else {
                        choices.computeIfAbsent(user, k -> new HashMap<>())
                                .computeIfAbsent(rs.getString(2), k -> new EnumMap<>(Channel.class))
                                .put(Channel.valueOf(rs.getString(3)), rs.getBoolean(4));
                    }
                });
    }

    /** The template in the user's language, else English, else any. */
    private static Template template(
            Map<String, Map<String, Template>> templates, NotificationEvent event, Channel channel, String language) {
        var byLanguage = templates.get(event.name() + "/" + channel.name());
        if (byLanguage == null || byLanguage.isEmpty()) {
            return null;
        }
        var template = byLanguage.get(language);
        if (template == null) {
            template = byLanguage.get("en");
        }
        return template != null ? template : byLanguage.values().iterator().next();
    }
}
