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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
            Channel channel,
            String recipient,
            String subject,
            String body,
            int attempts,
            Instant createdAt,
            boolean carriesSecret,
            String secret,
            Instant secretExpiresAt) {}

    /** Handles one message from a channel queue; throws to dead-letter it once the notification has failed for good. */
    public void deliver(String deliveryId) {
        UUID id;
        try {
            id = UUID.fromString(deliveryId.trim());
        } catch (IllegalArgumentException e) {
            throw new AmqpRejectAndDontRequeueException("Not a delivery id: " + deliveryId);
        }
        while (true) {
            var claimed = claim(id);
            if (claimed.isEmpty()) {
                log.debug("Delivery {} is sent, failed or being sent elsewhere; message dropped", id);
                return;
            }
            var n = claimed.get();
            String link = null;
            if (n.carriesSecret()) {
                if (n.secret() == null || !n.secretExpiresAt().isAfter(clock.instant())) {
                    // Its single-use link expired (and was wiped, or is about to be): nothing worth sending.
                    jdbc.sql("""
                                    update notifications set status = 'FAILED', claimed_until = null, secret_encrypted = null,
                                           error_log = right(coalesce(error_log || chr(10), '') || ?, ?) where id = ?""")
                            .params(clock.instant() + " not sent: its single-use link expired", ERROR_LOG_MAX, n.id())
                            .update();
                    metrics.failed(n.channel());
                    return;
                }
                link = encryptor.decrypt(n.secret(), NotificationOutbox.secretContext(id));
            }
            try {
                // The stored text shows the link redacted; only the message handed to the sender carries it.
                String subject = link == null ? n.subject() : SecretLinks.reveal(n.subject(), link);
                String body = link == null ? n.body() : SecretLinks.reveal(n.body(), link);
                String providerId = senders.of(n.channel())
                        .send(new ChannelSender.Message(id.toString(), n.channel(), n.recipient(), subject, body));
                Instant now = clock.instant();
                jdbc.sql(
                                "update notifications set status = 'SENT', sent_at = ?, provider_id = ?, claimed_until = null where id = ?")
                        .params(Timestamp.from(now), StringUtils.truncate(providerId, 100), n.id())
                        .update();
                metrics.sent(n.channel(), Duration.between(n.createdAt(), now));
                return;
            } catch (Exception e) {
                boolean last = n.attempts() >= properties.maxAttempts();
                String line = SecretLinks.redact(clock.instant() + " attempt " + n.attempts() + ": " + describe(e));
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
                            SecretLinks.redact(describe(e)));
                    throw new AmqpRejectAndDontRequeueException(
                            "Notification " + n.id() + " failed: " + SecretLinks.redact(describe(e)));
                }
                pause(properties.backoff(n.attempts()));
                if (handingBack) {
                    // left queued and unclaimed above: back to RabbitMQ, for a node that keeps running
                    throw new ImmediateRequeueAmqpException("This node is stopping: delivery " + id + " handed back");
                }
            }
        }
    }

    private Optional<Claimed> claim(UUID deliveryId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        update notifications set attempts = attempts + 1, claimed_until = ?
                        where delivery_id = ? and status = 'QUEUED' and (claimed_until is null or claimed_until < ?)
                        returning id, channel, recipient, subject, body, attempts, created_at, carries_secret, secret_encrypted,
                                  secret_expires_at""")
                .params(Timestamp.from(now.plus(properties.claimTimeout())), deliveryId, Timestamp.from(now))
                .query((rs, i) -> new Claimed(
                        rs.getLong(1),
                        Channel.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getTimestamp(7).toInstant(),
                        rs.getBoolean(8),
                        rs.getString(9),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()))
                .optional();
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

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return StringUtils.truncate(e.getClass().getSimpleName() + message, 1000);
    }
}
