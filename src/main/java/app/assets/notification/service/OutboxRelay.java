package app.assets.notification.service;

import app.assets.notification.NotificationProperties;
import app.assets.notification.domain.Channel;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands committed notification rows to RabbitMQ. Rows are taken in id order with
 * {@code for update skip locked} (several nodes may relay at once without publishing a row twice),
 * published persistent with publisher confirms, and marked published only once the broker has
 * confirmed them. While RabbitMQ is unreachable nothing is marked, so the relay catches up when it
 * returns. A row published long ago and still queued and unclaimed is published again: the
 * consumers are idempotent by delivery id, so a second copy is never sent twice.
 */
@Service
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final RabbitTemplate rabbit;
    private final NotificationProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean brokerDown;
    private volatile Instant lastRepublishCheck = Instant.EPOCH;

    public OutboxRelay(
            JdbcClient jdbc,
            RabbitTemplate rabbit,
            NotificationProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.rabbit = rabbit;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Asks the relay to look now rather than at its next interval (called after a commit that queued rows). */
    public void wake() {
        wakeUp.release();
    }

    /** Publishes everything pending; returns how many rows were confirmed. */
    public int relayPending() {
        int total = 0;
        while (true) {
            int n = relayBatch();
            total += n;
            if (n < properties.relayBatch()) {
                return total;
            }
        }
    }

    private int relayBatch() {
        Integer confirmed = transactions.execute(status -> {
            record Row(long id, UUID deliveryId, Channel channel) {}
            var rows = jdbc.sql("""
                            select id, delivery_id, channel from notifications where published_at is null
                            order by id limit ? for update skip locked""")
                    .param(properties.relayBatch())
                    .query((rs, n) ->
                            new Row(rs.getLong(1), rs.getObject(2, UUID.class), Channel.valueOf(rs.getString(3))))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            var pending = new ArrayList<CorrelationData>();
            var ids = new ArrayList<Long>();
            try {
                // the whole batch on one channel, taken from the cache once (not once per message)
                rabbit.invoke(operations -> {
                    for (Row row : rows) {
                        var correlation = new CorrelationData(row.deliveryId().toString());
                        operations.send(
                                properties.exchange(), row.channel().key(), message(row.deliveryId()), correlation);
                        pending.add(correlation);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                noteBrokerDown(e);
            }
            for (int i = 0; i < pending.size(); i++) {
                if (confirmed(pending.get(i))) {
                    ids.add(rows.get(i).id());
                }
            }
            if (!ids.isEmpty()) {
                jdbc.sql("update notifications set published_at = ? where id = any(?)")
                        .params(Timestamp.from(clock.instant()), ids.toArray(Long[]::new))
                        .update();
                if (brokerDown) {
                    brokerDown = false;
                    log.info("RabbitMQ is reachable again; the outbox relay is catching up");
                }
            }
            return ids.size() == rows.size() ? ids.size() : -1;
        });
        return confirmed == null || confirmed < 0 ? 0 : confirmed;
    }

    private boolean confirmed(CorrelationData correlation) {
        try {
            var confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
            return confirm.ack() && correlation.getReturned() == null;
        } catch (Exception e) {
            noteBrokerDown(e);
            return false;
        }
    }

    private void noteBrokerDown(Exception e) {
        if (!brokerDown) {
            log.warn("Outbox relay cannot publish to RabbitMQ ({}); notifications wait in the outbox", e.toString());
        }
        brokerDown = true;
    }

    /** The message the relay publishes for a delivery (its id as ASCII text, persistent). */
    public static Message message(UUID deliveryId) {
        return MessageBuilder.withBody(deliveryId.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .setContentType("text/plain")
                .setMessageId(deliveryId.toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    /** Rows published long ago but still queued and not in a consumer's hands go out again (a lost message). */
    int republishStale() {
        return jdbc.sql("""
                        update notifications set published_at = null
                        where status = 'QUEUED' and published_at < ? and (claimed_until is null or claimed_until < ?)""")
                .params(
                        Timestamp.from(clock.instant().minus(properties.republishAfter())),
                        Timestamp.from(clock.instant()))
                .update();
    }

    private void loop() {
        while (thread != null) {
            try {
                if (clock.instant().isAfter(lastRepublishCheck.plusSeconds(60))) {
                    lastRepublishCheck = clock.instant();
                    int again = republishStale();
                    if (again > 0) {
                        log.warn("Publishing {} notifications again that were never consumed", again);
                    }
                }
                relayPending();
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed: {}", e.toString());
            }
            try {
                long wait = brokerDown
                        ? Math.max(1000, properties.relayInterval().toMillis())
                        : properties.relayInterval().toMillis();
                wakeUp.tryAcquire(wait, TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (thread == null && properties.relay()) {
            var t = new Thread(this::loop, "outbox-relay");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    @Override
    public synchronized void stop() {
        var t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Before the consumers stop and after they start, so nothing is published into a stopping node. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    /** The age of the oldest unpublished row, in seconds (0 when the outbox is empty). */
    public double lagSeconds() {
        return jdbc.sql(
                        "select coalesce(extract(epoch from (now() - min(created_at))), 0) from notifications where published_at is null")
                .query(Double.class)
                .single();
    }

    List<Long> unpublishedIds() {
        return jdbc.sql("select id from notifications where published_at is null order by id")
                .query(Long.class)
                .list();
    }
}
