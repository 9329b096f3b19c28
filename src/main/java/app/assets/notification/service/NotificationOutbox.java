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
    private final FieldEncryptor encryptor;
    private final IdentityProperties identity;
    private final Messages messages;

    public NotificationOutbox(
            JdbcClient jdbc,
            UserDirectory directory,
            OutboxRelay relay,
            FieldEncryptor encryptor,
            IdentityProperties identity,
            Messages messages) {
        this.encryptor = encryptor;
        this.identity = identity;
        this.messages = messages;
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
        queue(new Pending(event, userId, variables, event.channels(), null, null));
    }

    /** A single-use link that only the recipient may see, valid until {@code expiresAt}. */
    public record SecretLink(String variable, String link, Instant expiresAt) {}

    /**
     * Queues an event whose text carries a single-use link: the stored text shows the link redacted
     * ({@link SecretLinks}); the link itself is sealed for this row only, for the sender, until it expires.
     */
    public void enqueue(NotificationEvent event, long userId, Map<String, String> variables, SecretLink secret) {
        queue(new Pending(event, userId, language -> variables, event.channels(), null, secret));
    }

    /** Queues on the given channels only (a broadcast's choice), remembering the broadcast. */
    public void enqueue(
            NotificationEvent event,
            long userId,
            Map<String, String> variables,
            Set<Channel> channels,
            Long broadcastId) {
        queue(new Pending(event, userId, language -> variables, channels, broadcastId, null));
    }

    private record Pending(
            NotificationEvent event,
            long userId,
            Function<Locale, Map<String, String>> variables,
            Set<Channel> channels,
            Long broadcastId,
            SecretLink secret) {}

    private record Template(String language, String subject, String body) {}

    private record Row(
            UUID deliveryId,
            NotificationEvent event,
            Channel channel,
            long userId,
            String recipient,
            String language,
            String subject,
            String body,
            Long broadcastId,
            SecretLink secret) {}

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
            if (p.secret() != null) {
                values.put(p.secret().variable(), SecretLinks.redact(p.secret().link()));
            }
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
                        UUID.randomUUID(),
                        p.event(),
                        channel,
                        p.userId(),
                        recipient,
                        template.language(),
                        render(template.subject(), values, template.language()),
                        render(template.body(), values, template.language()),
                        p.broadcastId(),
                        p.secret()));
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into notifications (delivery_id, event, category, channel, user_id, recipient, language,
                                                   subject, body, broadcast_id, carries_secret, secret_encrypted,
                                                   secret_expires_at)
                        select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                                             ?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::text[],
                                             ?::timestamptz[])""")
                .params(
                        rows.stream().map(r -> r.deliveryId().toString()).toArray(String[]::new),
                        rows.stream().map(r -> r.event().name()).toArray(String[]::new),
                        rows.stream().map(r -> r.event().category().name()).toArray(String[]::new),
                        rows.stream().map(r -> r.channel().name()).toArray(String[]::new),
                        rows.stream().map(Row::userId).toArray(Long[]::new),
                        rows.stream().map(Row::recipient).toArray(String[]::new),
                        rows.stream().map(Row::language).toArray(String[]::new),
                        rows.stream().map(Row::subject).toArray(String[]::new),
                        rows.stream().map(Row::body).toArray(String[]::new),
                        rows.stream().map(Row::broadcastId).toArray(Long[]::new),
                        rows.stream().map(r -> r.secret() != null).toArray(Boolean[]::new),
                        rows.stream()
                                .map(r -> r.secret() == null
                                        ? null
                                        : encryptor.encrypt(r.secret().link(), secretContext(r.deliveryId())))
                                .toArray(String[]::new),
                        rows.stream()
                                .map(r -> r.secret() == null
                                        ? null
                                        : Timestamp.from(r.secret().expiresAt()))
                                .toArray(Timestamp[]::new))
                .update();
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
