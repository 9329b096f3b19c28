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
 * before it commits, in two statements whatever their number (the recipients' contacts, with the
 * names of any other users the texts mention; one insert that also applies the recipients' channel
 * choices), the templates coming from {@link TemplateCache}, so raising many events costs few
 * round trips.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class NotificationOutbox {

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final TemplateCache templates;
    private final OutboxRelay relay;
    private final FieldEncryptor encryptor;
    private final IdentityProperties identity;
    private final Messages messages;

    public NotificationOutbox(
            JdbcClient jdbc,
            UserDirectory directory,
            TemplateCache templates,
            OutboxRelay relay,
            FieldEncryptor encryptor,
            IdentityProperties identity,
            Messages messages) {
        this.encryptor = encryptor;
        this.identity = identity;
        this.messages = messages;
        this.jdbc = jdbc;
        this.directory = directory;
        this.templates = templates;
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
        queue(new Pending(event, userId, variables, Map.of(), event.channels(), null, null));
    }

    /**
     * Like {@link #enqueue(NotificationEvent, long, Function)}, with variables that are other users' display names
     * (variable -> user id; empty for a user not found), read in the same query as the recipients' contacts.
     */
    public void enqueue(
            NotificationEvent event,
            long userId,
            Function<Locale, Map<String, String>> variables,
            Map<String, Long> namesOf) {
        queue(new Pending(event, userId, variables, namesOf, event.channels(), null, null));
    }

    /** A single-use link that only the recipient may see, valid until {@code expiresAt}. */
    public record SecretLink(String variable, String link, Instant expiresAt) {}

    /**
     * Queues an event whose text carries a single-use link: the stored text shows the link redacted
     * ({@link SecretLinks}); the link itself is sealed for this row only, for the sender, until it expires.
     */
    public void enqueue(NotificationEvent event, long userId, Map<String, String> variables, SecretLink secret) {
        queue(new Pending(event, userId, language -> variables, Map.of(), event.channels(), null, secret));
    }

    /** Queues on the given channels only (a broadcast's choice), remembering the broadcast. */
    public void enqueue(
            NotificationEvent event,
            long userId,
            Map<String, String> variables,
            Set<Channel> channels,
            Long broadcastId) {
        queue(new Pending(event, userId, language -> variables, Map.of(), channels, broadcastId, null));
    }

    private record Pending(
            NotificationEvent event,
            long userId,
            Function<Locale, Map<String, String>> variables,
            Map<String, Long> namesOf,
            Set<Channel> channels,
            Long broadcastId,
            SecretLink secret) {}

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
            SecretLink secret,
            boolean choosable) {}

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

    /** Writes the rows of these events in two statements; returns how many rows were written. */
    private int write(List<Pending> events) {
        if (events.isEmpty()) {
            return 0;
        }
        var users = new ArrayList<Long>();
        events.forEach(p -> {
            users.add(p.userId());
            users.addAll(p.namesOf().values());
        });
        var contacts = directory.contacts(users.stream().distinct().toList());
        var byEvent = templates.current();
        var rows = new ArrayList<Row>();
        for (Pending p : events) {
            var contact = contacts.get(p.userId());
            if (contact == null) {
                continue;
            }
            var values = new HashMap<>(p.variables().apply(Languages.of(contact.language())));
            values.putIfAbsent("name", contact.displayName());
            p.namesOf().forEach((variable, id) -> {
                var named = contacts.get(id);
                values.put(variable, named == null ? "" : named.displayName());
            });
            if (p.secret() != null) {
                values.put(p.secret().variable(), SecretLinks.redact(p.secret().link()));
            }
            for (Channel channel : p.event().channels()) {
                if (!p.channels().contains(channel)) {
                    continue;
                }
                String recipient = channel == Channel.EMAIL ? contact.email() : contact.phone();
                if (recipient == null || recipient.isBlank()) {
                    continue;
                }
                var template = TemplateCache.pick(byEvent, p.event(), channel, contact.language());
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
                        p.secret(),
                        p.event().category().isChoosable()));
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        // The user's channel choices apply in the insert itself: a row of a choosable category goes in when the user's
        // stored choice for its category and channel is on, or, with none stored, when the channel's default is on.
        return jdbc.sql("""
                        insert into notifications (delivery_id, event, category, channel, user_id, recipient, language,
                                                   subject, body, broadcast_id, carries_secret, secret_encrypted,
                                                   secret_expires_at)
                        select r.delivery_id, r.event, r.category, r.channel, r.user_id, r.recipient, r.language,
                               r.subject, r.body, r.broadcast_id, r.carries_secret, r.secret_encrypted,
                               r.secret_expires_at
                        from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                                    ?::text[], ?::text[], ?::text[], ?::bigint[], ?::boolean[], ?::text[],
                                    ?::timestamptz[], ?::boolean[], ?::boolean[])
                             as r(delivery_id, event, category, channel, user_id, recipient, language, subject, body,
                                  broadcast_id, carries_secret, secret_encrypted, secret_expires_at, choosable,
                                  default_on)
                        where not r.choosable
                           or coalesce((select p.enabled from notification_preferences p
                                        where p.user_id = r.user_id and p.category = r.category
                                          and p.channel = r.channel), r.default_on)""")
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
                                .toArray(Timestamp[]::new),
                        rows.stream().map(Row::choosable).toArray(Boolean[]::new),
                        rows.stream()
                                .map(r -> PreferenceService.defaultFor(r.channel()))
                                .toArray(Boolean[]::new))
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
}
