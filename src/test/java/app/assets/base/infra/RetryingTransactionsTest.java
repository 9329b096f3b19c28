package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.support.IntegrationTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What callers of {@link RetryingTransactions} rely on: a failure another try can cure is tried
 * again in a new transaction (what the failed try wrote is rolled back), at most {@link
 * RetryingTransactions#MAX_ATTEMPTS} times, and then the original exception reaches the caller;
 * any other failure is not repeated; inside a caller's transaction nothing is repeated.
 */
class RetryingTransactionsTest extends IntegrationTest {

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate outer;

    @Test
    void aCurableFailureIsTriedAgainInANewTransaction() {
        ownerJdbc().sql("create table retry_probe (attempt int)").update();
        try {
            var attempts = new AtomicInteger();
            String result = transactions.execute(() -> {
                int attempt = attempts.incrementAndGet();
                jdbc.sql("insert into retry_probe values (?)").param(attempt).update();
                if (attempt < 3) {
                    throw new CannotAcquireLockException("deadlock " + attempt);
                }
                return "done";
            });
            assertThat(result).isEqualTo("done");
            assertThat(attempts).hasValue(3);
            assertThat(jdbc.sql("select attempt from retry_probe")
                            .query(Integer.class)
                            .list())
                    .as("the failed tries' writes were rolled back")
                    .containsExactly(3);
        } finally {
            ownerJdbc().sql("drop table retry_probe").update();
        }
    }

    @Test
    void afterTheLastAttemptTheOriginalFailureReachesTheCaller() {
        var attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.run(() -> {
                    attempts.incrementAndGet();
                    throw new DuplicateKeyException("same idempotency key");
                }))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessage("same idempotency key");
        assertThat(attempts).hasValue(RetryingTransactions.MAX_ATTEMPTS);
    }

    @Test
    void otherFailuresAreNotRepeated() {
        var attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.run(() -> {
                    attempts.incrementAndGet();
                    throw new DataIntegrityViolationException("a check constraint");
                }))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void insideACallersTransactionOnlyTheCallerCanRetry() {
        var attempts = new AtomicInteger();
        assertThatThrownBy(() -> outer.executeWithoutResult(status -> transactions.run(() -> {
                    attempts.incrementAndGet();
                    throw new CannotAcquireLockException("deadlock");
                })))
                .isInstanceOf(CannotAcquireLockException.class);
        assertThat(attempts).hasValue(1);
    }
}
