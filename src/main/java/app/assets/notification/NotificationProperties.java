package app.assets.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification pipeline (see docs/notifications.md). Defaults run locally: the
 * relay and the consumers run in this node, and without Twilio or SMTP settings messages are
 * captured for the admin "sent messages" view.
 *
 * @param amqpPrefix       prefix of the exchange and queue names (one RabbitMQ can serve several installations)
 * @param queueExpiry      when set, RabbitMQ deletes the queues after this long unused (tests; not for the embedded broker)
 * @param relay            whether this node relays the outbox to RabbitMQ
 * @param relayInterval    how often the relay looks for new rows (it is also woken after each commit)
 * @param relayBatch       rows published per relay round
 * @param republishAfter   a queued row published this long ago and not being sent is published again
 * @param consumers        whether this node consumes the channel queues (worker mode: true on workers)
 * @param concurrency      consumers per channel queue in this node
 * @param consumerBatch    messages a consumer takes at once: claimed with one statement, sent one after the other,
 *                         marked sent with one statement, then acknowledged together (also its prefetch)
 * @param consumerBatchWait how long a consumer waits for another message before handling a batch that is not full
 * @param maxAttempts      attempts per notification before it fails and goes to the dead-letter queue
 * @param initialBackoff   pause after the first failed attempt; doubles (times backoffMultiplier) after each
 * @param maxBackoff       longest pause between attempts
 * @param claimTimeout     how long a consumer owns a notification it is sending before another may take it
 * @param queueType        {@code classic} or {@code quorum}: the kind of the channel and dead-letter queues. Quorum queues
 *                         (RabbitMQ 3.8 and later) are replicated over a RabbitMQ cluster's nodes and survive losing a
 *                         minority of them; the embedded broker of local runs has classic queues only and keeps them
 *                         whatever this says. An existing queue keeps its kind: see docs/notifications.md to switch
 * @param templateCache    how long a node uses the templates it read before reading them again; a template saved on a
 *                         node applies there at once and on the other nodes within this time
 * @param shutdownTimeout  when the node stops, how long sends under way may take to finish (below
 *                         {@code spring.lifecycle.timeout-per-shutdown-phase}); deliveries not begun or waiting for a
 *                         retry are handed back to RabbitMQ at once
 */
@ConfigurationProperties("assets.notifications")
public record NotificationProperties(
        @DefaultValue("assets") String amqpPrefix,
        Duration queueExpiry,
        @DefaultValue("true") boolean relay,
        @DefaultValue("250ms") Duration relayInterval,
        @DefaultValue("200") int relayBatch,
        @DefaultValue("10m") Duration republishAfter,
        @DefaultValue("true") boolean consumers,
        @DefaultValue("2") int concurrency,
        @DefaultValue("50") int consumerBatch,
        @DefaultValue("50ms") Duration consumerBatchWait,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("1m") Duration maxBackoff,
        @DefaultValue("2m") Duration claimTimeout,
        @DefaultValue("20s") Duration shutdownTimeout,
        @DefaultValue("10s") Duration templateCache,
        @DefaultValue("classic") QueueType queueType,
        @DefaultValue("false") boolean captureLinks,
        @DefaultValue Twilio twilio) {

    /**
     * Twilio account and sender numbers; SMS and WhatsApp are captured while accountSid is blank.
     *
     * @param apiBaseUrl        where the SDK's requests go instead of https://api.twilio.com (tests, a proxy)
     * @param statusCallbackUrl the public address Twilio posts delivery statuses to (signatures are computed over it)
     */
    public record Twilio(
            String accountSid,
            String authToken,
            String smsFrom,
            String whatsappFrom,
            String apiBaseUrl,
            String statusCallbackUrl) {

        public boolean configured() {
            return accountSid != null && !accountSid.isBlank();
        }
    }

    /** The kinds of RabbitMQ queue the notification queues may be declared as. */
    public enum QueueType {
        CLASSIC,
        QUORUM
    }

    public String exchange() {
        return amqpPrefix + ".notifications";
    }

    public String deadLetterExchange() {
        return amqpPrefix + ".notifications.dead";
    }

    public String queue(String channelKey) {
        return amqpPrefix + ".notifications." + channelKey;
    }

    public String deadLetterQueue(String channelKey) {
        return queue(channelKey) + ".dead";
    }

    /** The pause after {@code attempt} failed attempts. */
    public Duration backoff(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
