package app.assets.notification.service;

import app.assets.base.crypto.FieldEncryptor;
import app.assets.notification.NotificationProperties;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.SecretLinks;
import app.assets.notification.internal.ChannelSender;
import app.assets.notification.internal.ChannelSenders;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.commons.lang3.StringUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a channel consumer does with one delivery id taken from its queue: claims the notification
 * (only a queued one that nobody else holds, so a redelivered or duplicated message is never sent
 * twice), hands it to the channel's sender, and records the outcome. A failing provider is tried
 * again after an exponentially growing pause, up to the configured number of attempts; then the
 * notification is marked failed and the message goes to the dead-letter queue. While its node stops
 * ({@link #handBack()}), a delivery waiting to be tried again is handed back instead of waiting: the notification is
 * left queued and unclaimed and the message goes back to RabbitMQ for a node that keeps running. Sends under way, and
 * messages this node's consumers already hold, are sent (RabbitMQ gives the consumers nothing more once they stop).
 */
@Service
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int ERROR_LOG_MAX = 8000;

    private final JdbcClient jdbc;
    private final ChannelSenders senders;
    private final NotificationProperties properties;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final FieldEncryptor encryptor;
    private final Object pauses = new Object();
    private volatile boolean handingBack;

    public DeliveryWorker(
            JdbcClient jdbc,
            ChannelSenders senders,
            NotificationProperties properties,
            NotificationMetrics metrics,
            Clock clock,
            FieldEncryptor encryptor) {
        this.encryptor = encryptor;
        this.jdbc = jdbc;
        this.senders = senders;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    private record Claimed(
            long id,
            UUID deliveryId,
            Channel channel,
            String recipient,
            String subject,
            String body,
            int attempts,
            Instant createdAt,
            boolean carriesSecret,
            String secret,
            Instant secretExpiresAt) {}

    private record Sent(Claimed notification, String providerId) {}

    private record Failed(Claimed notification, Exception error) {}

    /** Handles one message from a channel queue; throws to dead-letter it once the notification has failed for good. */
    public void deliver(String deliveryId) {
        deliverAll(List.of(deliveryId), (index, failed) -> {
            throw failed;
        });
    }

    /**
     * Handles a batch of messages from one channel queue with one claim and one status update for the whole batch (plus
     * one update per failed attempt). A message whose notification failed for good is handed to {@code deadLetter} with
     * its index in the batch; every other message may be acknowledged once this returns. Throws
     * {@link ImmediateRequeueAmqpException} when the node stops while deliveries of the batch are still to be begun or
     * retried: those are left queued and unclaimed, and the batch goes back to RabbitMQ (what was sent is dropped when it
     * comes again, by delivery id).
     */
    public void deliverAll(
            List<String> deliveryIds, BiConsumer<Integer, AmqpRejectAndDontRequeueException> deadLetter) {
        var indexes = new LinkedHashMap<UUID, Integer>();
        for (int i = 0; i < deliveryIds.size(); i++) {
            try {
                indexes.putIfAbsent(UUID.fromString(deliveryIds.get(i).trim()), i);
            } catch (IllegalArgumentException e) {
                deadLetter.accept(i, new AmqpRejectAndDontRequeueException("Not a delivery id: " + deliveryIds.get(i)));
            }
        }
        Collection<UUID> todo = indexes.keySet();
        while (!todo.isEmpty()) {
            Instant claimedAt = clock.instant();
            var claimed = claim(todo, claimedAt);
            if (claimed.size() < todo.size()) {
                log.debug(
                        "{} deliveries are sent, failed or being sent elsewhere; messages dropped",
                        todo.size() - claimed.size());
            }
            // Sends one after the other; stops early when the node stops or the claims get old (a slow provider), so
            // nothing claimed is still unsent when another consumer may take it.
            Instant claimsAgeAt = claimedAt.plus(properties.claimTimeout().dividedBy(2));
            var sent = new ArrayList<Sent>();
            var failed = new ArrayList<Failed>();
            var notBegun = new ArrayList<Claimed>();
            for (Claimed n : claimed) {
                if (handingBack || clock.instant().isAfter(claimsAgeAt)) {
                    notBegun.add(n);
                    continue;
                }
                String link = null;
                if (n.carriesSecret()) {
                    if (n.secret() == null || !n.secretExpiresAt().isAfter(clock.instant())) {
                        expired(n);
                        continue;
                    }
                    link = encryptor.decrypt(n.secret(), NotificationOutbox.secretContext(n.deliveryId()));
                }
                try {
                    // The stored text shows the link redacted; only the message handed to the sender carries it.
                    sent.add(new Sent(
                            n,
                            senders.of(n.channel())
                                    .send(new ChannelSender.Message(
                                            n.deliveryId().toString(),
                                            n.channel(),
                                            n.recipient(),
                                            link == null ? n.subject() : SecretLinks.reveal(n.subject(), link),
                                            link == null ? n.body() : SecretLinks.reveal(n.body(), link)))));
                } catch (Exception e) {
                    failed.add(new Failed(n, e));
                }
            }
            markSent(sent);
            release(notBegun);
            var retry = new ArrayList<UUID>();
            Duration pause = null;
            for (Failed f : failed) {
                var n = f.notification();
                boolean last = n.attempts() >= properties.maxAttempts();
                recordFailure(n, f.error(), last);
                if (last) {
                    deadLetter.accept(
                            indexes.get(n.deliveryId()),
                            new AmqpRejectAndDontRequeueException(
                                    "Notification " + n.id() + " failed: " + describe(f.error()), f.error()));
                } else {
                    retry.add(n.deliveryId());
                    var backoff = properties.backoff(n.attempts());
                    pause = pause == null || backoff.compareTo(pause) < 0 ? backoff : pause;
                }
            }
            if (pause != null && !handingBack) {
                pause(pause);
            }
            retry.addAll(notBegun.stream().map(Claimed::deliveryId).toList());
            if (!retry.isEmpty() && handingBack) {
                // left queued and unclaimed above: back to RabbitMQ, for a node that keeps running
                throw new ImmediateRequeueAmqpException(
                        "This node is stopping: " + retry.size() + " deliveries handed back");
            }
            todo = retry;
        }
    }

    /**
     * Takes the queued notifications of these delivery ids that nobody holds (one statement; rows locked in id order,
     * so two consumers claiming overlapping batches wait for each other instead of deadlocking).
     */
    private List<Claimed> claim(Collection<UUID> deliveryIds, Instant now) {
        return jdbc.sql("""
                        update notifications n set attempts = n.attempts + 1, claimed_until = ?
                        from (select id from notifications
                              where delivery_id = any(?::uuid[]) and status = 'QUEUED'
                                and (claimed_until is null or claimed_until < ?)
                              order by id for update) c
                        where n.id = c.id
                        returning n.id, n.delivery_id, n.channel, n.recipient, n.subject, n.body, n.attempts, n.created_at,
                                  n.carries_secret, n.secret_encrypted, n.secret_expires_at""")
                .params(
                        Timestamp.from(now.plus(properties.claimTimeout())),
                        deliveryIds.stream().map(UUID::toString).toArray(String[]::new),
                        Timestamp.from(now))
                .query((rs, i) -> new Claimed(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        Channel.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getBoolean(9),
                        rs.getString(10),
                        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant()))
                .list();
    }

    /** Its single-use link expired (and was wiped, or is about to be): nothing worth sending; the message is dropped. */
    private void expired(Claimed n) {
        jdbc.sql("""
                        update notifications set status = 'FAILED', claimed_until = null, secret_encrypted = null,
                               error_log = right(coalesce(error_log || chr(10), '') || ?, ?) where id = ?""")
                .params(clock.instant() + " not sent: its single-use link expired", ERROR_LOG_MAX, n.id())
                .update();
        metrics.failed(n.channel());
    }

    /** Marks the sent notifications in one statement. */
    private void markSent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        update notifications n set status = 'SENT', sent_at = ?, provider_id = v.provider_id,
                                                   claimed_until = null
                        from unnest(?::bigint[], ?::text[]) as v(id, provider_id) where n.id = v.id""")
                .params(
                        Timestamp.from(now),
                        sent.stream().map(s -> s.notification().id()).toArray(Long[]::new),
                        sent.stream()
                                .map(s -> StringUtils.truncate(s.providerId(), 100))
                                .toArray(String[]::new))
                .update();
        for (Sent s : sent) {
            metrics.sent(
                    s.notification().channel(),
                    Duration.between(s.notification().createdAt(), now));
        }
    }

    /** Gives back claims whose sending was not begun (nor counted as an attempt). */
    private void release(List<Claimed> notBegun) {
        if (notBegun.isEmpty()) {
            return;
        }
        jdbc.sql("update notifications set attempts = attempts - 1, claimed_until = null where id = any(?)")
                .param(notBegun.stream().map(Claimed::id).toArray(Long[]::new))
                .update();
    }

    private void recordFailure(Claimed n, Exception e, boolean last) {
        String line = clock.instant() + " attempt " + n.attempts() + ": " + describe(e);
        jdbc.sql("""
                        update notifications set claimed_until = null, status = ?,
                               error_log = right(coalesce(error_log || chr(10), '') || ?, ?) where id = ?""")
                .params(last ? "FAILED" : "QUEUED", line, ERROR_LOG_MAX, n.id())
                .update();
        if (last) {
            metrics.failed(n.channel());
            log.warn(
                    "Notification {} ({}) failed after {} attempts: {}",
                    n.id(),
                    n.channel(),
                    n.attempts(),
                    describe(e));
        }
    }

    /**
     * From now on hands deliveries back instead of retrying them (the node is stopping). Deliveries waiting between
     * attempts wake up and are handed back at once.
     */
    public void handBack() {
        handingBack = true;
        synchronized (pauses) {
            pauses.notifyAll();
        }
    }

    /** Delivers again after {@link #handBack()} (the consumers were started again). */
    public void resume() {
        handingBack = false;
    }

    /** Waits before the next attempt, or less if this node starts handing deliveries back. */
    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (pauses) {
            long left;
            while (!handingBack && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pauses, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted between attempts", e);
                }
            }
        }
    }

    /** The error in a line for the log and the error log, any single-use link in it redacted. */
    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return SecretLinks.redact(StringUtils.truncate(e.getClass().getSimpleName() + message, 1000));
    }
}
