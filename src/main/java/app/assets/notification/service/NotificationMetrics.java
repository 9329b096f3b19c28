package app.assets.notification.service;

import app.assets.notification.domain.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pipeline's meters, by channel: {@code notifications_sent_total}, {@code notifications_failed_total},
 * {@code notifications_latency_seconds} (from the event to the provider's acceptance) and the
 * outbox lag {@code notifications_outbox_lag_seconds} (age of the oldest row not yet handed to RabbitMQ), and
 * {@code notifications_dead_letters} by channel: notifications failed for good and not resent, each of which has a
 * copy parked in its channel's dead-letter queue (read from the database, so every node reports the same, and a
 * scrape never waits on the broker).
 */
@Component
public class NotificationMetrics {

    private final Map<Channel, Counter> sent = new EnumMap<>(Channel.class);
    private final Map<Channel, Counter> failed = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);

    public NotificationMetrics(MeterRegistry registry, OutboxRelay relay, JdbcClient jdbc) {
        for (Channel channel : Channel.values()) {
            String tag = channel.key();
            Gauge.builder(
                            "notifications.dead.letters",
                            () -> jdbc.sql("select count(*) from notifications where status = 'FAILED' and channel = ?")
                                    .param(channel.name())
                                    .query(Long.class)
                                    .single())
                    .description("Notifications failed for good and not resent")
                    .tag("channel", tag)
                    .register(registry);
            sent.put(
                    channel,
                    Counter.builder("notifications.sent")
                            .description("Notifications accepted by the provider")
                            .tag("channel", tag)
                            .register(registry));
            failed.put(
                    channel,
                    Counter.builder("notifications.failed")
                            .description("Notifications that failed for good")
                            .tag("channel", tag)
                            .register(registry));
            latency.put(
                    channel,
                    Timer.builder("notifications.latency")
                            .description("From the event to the provider's acceptance")
                            .tag("channel", tag)
                            .publishPercentileHistogram()
                            .register(registry));
        }
        Gauge.builder("notifications.outbox.lag", relay, OutboxRelay::lagSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest notification not yet handed to RabbitMQ")
                .register(registry);
    }

    void sent(Channel channel, Duration sinceEvent) {
        sent.get(channel).increment();
        latency.get(channel).record(sinceEvent);
    }

    void failed(Channel channel) {
        failed.get(channel).increment();
    }
}
