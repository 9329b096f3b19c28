package app.assets.base.infra;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * idempotency key), rolls back and tries again a bounded number of times with a short random
 * pause. Only the outermost caller can retry: inside an existing transaction it just runs.
 */
@Component
public class RetryingTransactions {

    public static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(RetryingTransactions.class);

    private final TransactionTemplate template;
    private final TransactionTemplate repeatableRead;

    public RetryingTransactions(PlatformTransactionManager transactions) {
        this.template = new TransactionTemplate(transactions);
        this.repeatableRead = new TransactionTemplate(transactions);
        repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
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
        for (int attempt = 1; ; attempt++) {
            try {
                return template.execute(status -> work.get());
            } catch (TransientDataAccessException | DuplicateKeyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                log.debug("Retrying after {} (attempt {})", e.getClass().getSimpleName(), attempt);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L * attempt * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public void run(Runnable work) {
        execute(() -> {
            work.run();
            return null;
        });
    }
}
