package app.assets.payment.service;

import app.assets.payment.PaymentFailed;
import app.assets.payment.PaymentVerified;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Top-ups and reconciliation for monitoring: {@code payments_verified_total} and {@code payments_verified_rials_total}
 * (counted in this node once the verification commits), {@code payments_failed_total}; and from the database at each
 * scrape, the same on every node: {@code payment_mismatches} (mismatches recorded so far; it grows when a
 * reconciliation finds one) and {@code payment_reconciliation_last_run_seconds} (Unix time of the latest run).
 * Gateway calls are counted by the client ({@code payment_gateway_calls_total}).
 */
@Component
class PaymentMetrics {

    private final Counter verified;
    private final Counter verifiedRials;
    private final Counter failed;

    PaymentMetrics(MeterRegistry registry, JdbcClient jdbc) {
        verified = Counter.builder("payments.verified")
                .description("Top-ups verified and credited")
                .register(registry);
        verifiedRials = Counter.builder("payments.verified.rials")
                .description("Rials credited by verified top-ups")
                .register(registry);
        failed = Counter.builder("payments.failed")
                .description("Top-ups that failed (cancelled, refused, expired)")
                .register(registry);
        Gauge.builder(
                        "payment.mismatches",
                        () -> jdbc.sql("select count(*) from payment_mismatches")
                                .query(Long.class)
                                .single())
                .description("Reconciliation mismatches recorded so far")
                .register(registry);
        Gauge.builder(
                        "payment.reconciliation.last.run",
                        () -> jdbc.sql("select extract(epoch from max(ran_at)) from payment_reconciliation_runs")
                                .query(Double.class)
                                .optional()
                                .orElse(Double.NaN))
                .baseUnit("seconds")
                .description("When the latest payment reconciliation ran (Unix time)")
                .register(registry);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void verified(PaymentVerified event) {
        verified.increment();
        verifiedRials.increment(event.amount());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void failed(PaymentFailed event) {
        failed.increment();
    }
}
