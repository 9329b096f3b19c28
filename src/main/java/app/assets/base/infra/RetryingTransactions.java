package app.assets.base.infra;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a use case in one transaction and, when PostgreSQL gives up on it for a reason that a
 * second attempt can cure (deadlock, serialization or lock failure, a racing insert of the same
 * idempotency key), rolls back and tries again a bounded number of times after a short, growing,
 * jittered pause (Spring's {@link RetryTemplate}). Only the outermost caller can retry: inside an
 * existing transaction it just runs.
 */
@Component
public class RetryingTransactions {

    public static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(RetryingTransactions.class);

    private final TransactionTemplate template;
    private final TransactionTemplate repeatableRead;
    private final RetryTemplate retry;

    public RetryingTransactions(PlatformTransactionManager transactions) {
        this.template = new TransactionTemplate(transactions);
        this.repeatableRead = new TransactionTemplate(transactions);
        repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        // Pauses of about 10, 30, 90 and 200 ms, each give or take 8 ms so racing callers part ways.
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .includes(TransientDataAccessException.class, DuplicateKeyException.class)
                .maxRetries(MAX_ATTEMPTS - 1)
                .delay(Duration.ofMillis(10))
                .multiplier(3)
                .maxDelay(Duration.ofMillis(200))
                .jitter(Duration.ofMillis(8))
                .build());
        retry.setRetryListener(new RetryListener() {
            @Override
            public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
                log.debug("Retrying after {}", failure.getClass().getSimpleName());
            }
        });
    }

    public <T> T execute(Supplier<T> work) {
        return execute(template, work);
    }

    /**
     * Like {@link #execute}, in a repeatable-read transaction: one snapshot for every statement. A
     * try that meets a row written after its snapshot fails with a serialization failure and the
     * next try starts a new transaction, so a new snapshot.
     */
    public <T> T executeRepeatableRead(Supplier<T> work) {
        return execute(repeatableRead, work);
    }

    private <T> T execute(TransactionTemplate template, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        return retry.invoke(() -> template.execute(status -> work.get()));
    }

    public void run(Runnable work) {
        execute(() -> {
            work.run();
            return null;
        });
    }
}
