package app.assets.notification.service;

import app.assets.notification.NotificationProperties;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every notification template, held for {@code assets.notifications.template-cache} (10 s by default) so that queuing a
 * notification reads no template. This node drops its copy when a template saved here commits; another node sees
 * the change once its copy is older than the setting (docs/notifications.md). The table is small (one row per event,
 * channel and language), so it is read whole. Not Spring's cache abstraction: one value with an age and a
 * drop-after-commit is all this needs, and a cache manager would add a dependency for it.
 *
 * <p>A read that began before a save committed may end after the save dropped the copy; keeping what it read would
 * hold the old template here for the whole setting. So every drop starts a new generation, and a read is kept only
 * if no drop came since it began (and it ran in a statement of its own, not in a repeatable-read or serializable
 * transaction whose snapshot may be older than the save).
 */
@Component
class TemplateCache {

    /** One template text. */
    record Template(String language, String subject, String body) {}

    private record Snapshot(Map<String, Map<String, Template>> byEvent, Instant readAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NotificationProperties properties;
    private volatile Snapshot snapshot;

    /** How many drops there have been; guarded by {@code this}, as is every write of {@link #snapshot}. */
    private long generation;

    TemplateCache(JdbcClient jdbc, Clock clock, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Templates by "EVENT/CHANNEL", then by language. */
    Map<String, Map<String, Template>> current() {
        var now = clock.instant();
        var s = snapshot;
        if (s != null && s.readAt().plus(properties.templateCache()).isAfter(now)) {
            return s.byEvent();
        }
        long began = generation();
        var byEvent = read();
        keep(began, byEvent, now);
        return byEvent;
    }

    /** The generation a read begins in. */
    private synchronized long generation() {
        return generation;
    }

    /** Keeps what a read that began in generation {@code began} found, unless it may be older than a save since. */
    private synchronized void keep(long began, Map<String, Map<String, Template>> byEvent, Instant readAt) {
        if (began == generation && freshSnapshot()) {
            snapshot = new Snapshot(byEvent, readAt);
        }
    }

    private synchronized void drop() {
        generation++;
        snapshot = null;
    }

    /** Whether this thread's reads see what has committed so far: no transaction, or a read-committed one. */
    private static boolean freshSnapshot() {
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        return isolation == null || isolation <= TransactionDefinition.ISOLATION_READ_COMMITTED;
    }

    /** Drops this node's copy once the current transaction commits (at once without one). */
    void dropAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    drop();
                }
            });
        } else {
            drop();
        }
    }

    private Map<String, Map<String, Template>> read() {
        var byEvent = new HashMap<String, Map<String, Template>>();
        jdbc.sql("select event, channel, language, subject, body from notification_templates")
                .query(rs -> {
                    byEvent.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new HashMap<>())
                            .put(rs.getString(3), new Template(rs.getString(3), rs.getString(4), rs.getString(5)));
                });
        return Map.copyOf(byEvent);
    }

    /** The template of the event on the channel in the user's language, else English, else any; null if none. */
    static Template pick(
            Map<String, Map<String, Template>> byEvent, NotificationEvent event, Channel channel, String language) {
        var byLanguage = byEvent.get(event.name() + "/" + channel.name());
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
