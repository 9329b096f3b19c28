package app.assets.payment.service;

import app.assets.payment.service.PaymentSettlement.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Component;

/**
 * Verifies a payment the payer came back for on Spring Boot's application task executor, so the
 * callback answers at once (the result page shows "confirming" and polls) however slow Zarinpal
 * is. Exactly-once crediting is {@link PaymentSettlement}'s: a verification lost with the node
 * or refused by a full executor is left to reconciliation after the grace period.
 */
@Component
class BackgroundVerification {

    private static final Logger log = LoggerFactory.getLogger(BackgroundVerification.class);

    private final PaymentSettlement settlement;
    private final TaskExecutor executor;

    BackgroundVerification(PaymentSettlement settlement, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.settlement = settlement;
        this.executor = executor;
    }

    void verify(long paymentId) {
        try {
            executor.execute(() -> {
                try {
                    settlement.settle(paymentId, Source.CALLBACK);
                } catch (RuntimeException e) {
                    log.warn("Verifying payment {} in the background failed; reconciliation will retry", paymentId, e);
                }
            });
        } catch (TaskRejectedException e) {
            log.warn("No worker to verify payment {} now; reconciliation will", paymentId);
        }
    }
}
