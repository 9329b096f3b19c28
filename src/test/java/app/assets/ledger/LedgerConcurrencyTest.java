package app.assets.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many threads post at once on a few accounts, with duplicate idempotency keys and retries: no
 * money is created or lost, no key is posted twice, nobody sees a deadlock, and the ledger check
 * passes afterwards.
 */
class LedgerConcurrencyTest extends IntegrationTest {

    private static final int THREADS = 16;
    private static final int POSTINGS_PER_THREAD = 60;
    private static final int ACCOUNTS = 5;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @RepeatedTest(3)
    void racingTransfersWithDuplicateKeysConserveMoneyAndPostEachKeyOnce() throws Exception {
        String run = UUID.randomUUID().toString();
        long adjustments = ledger.systemAccount(AccountKind.ADJUSTMENTS);
        var accounts = new ArrayList<Long>();
        for (int i = 0; i < ACCOUNTS; i++) {
            long account = ledger.escrowAccount("race-" + run + "-" + i);
            ledger.post(Posting.move("fund:" + run + ":" + i, "ADJUSTMENT", null, adjustments, account, 5_000));
            accounts.add(account);
        }
        long totalBefore = total(accounts);

        // A shared pool of keys: threads pick keys that others also use, as retries and double clicks would.
        var keys = new ArrayList<String>();
        for (int i = 0; i < THREADS * POSTINGS_PER_THREAD / 3; i++) {
            keys.add("race:" + run + ":" + i);
        }
        // Each key always carries the same content, as a retried request would.
        var contents = new ConcurrentHashMap<String, Posting>();
        for (String key : keys) {
            var random = ThreadLocalRandom.current();
            int from = random.nextInt(ACCOUNTS);
            int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            contents.put(
                    key,
                    Posting.move(key, "TRANSFER", null, accounts.get(from), accounts.get(to), 1 + random.nextInt(900)));
        }

        var posted = ConcurrentHashMap.<String>newKeySet();
        var replays = new AtomicInteger();
        var refused = new AtomicInteger();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < POSTINGS_PER_THREAD; i++) {
                    String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                    try {
                        var result = transactions.execute(() -> ledger.post(contents.get(key)));
                        if (result.replayed()) {
                            replays.incrementAndGet();
                        } else {
                            assertThat(posted.add(key))
                                    .as("key %s posted twice", key)
                                    .isTrue();
                        }
                    } catch (UserInputException e) {
                        assertThat(e.messageKey()).isEqualTo("money.insufficient");
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var future : futures) {
            future.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(total(accounts))
                .as("money is conserved among the racing accounts")
                .isEqualTo(totalBefore);
        assertThat(replays.get()).as("duplicate keys were really raced").isPositive();
        int stored = jdbc.sql("select count(*) from ledger_transactions where idempotency_key like ?")
                .param("race:" + run + ":%")
                .query(Integer.class)
                .single();
        assertThat(stored).isEqualTo(posted.size());
        for (long account : accounts) {
            assertThat(ledger.balance(account).posted()).isNotNegative();
        }
        var result = check.check();
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void holdsRacingPostingsNeverOverspendAnAccount() throws Exception {
        String run = UUID.randomUUID().toString();
        long source = ledger.escrowAccount("hold-race-" + run);
        long sink = ledger.escrowAccount("hold-sink-" + run);
        ledger.post(Posting.move(
                "fund:" + run, "ADJUSTMENT", null, ledger.systemAccount(AccountKind.ADJUSTMENTS), source, 10_000));
        var pool = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<Boolean>>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    transactions.execute(() -> n % 2 == 0
                            ? ledger.placeHold(source, 700, "h:" + run + ":" + n, "race")
                            : ledger.post(Posting.move("p:" + run + ":" + n, "TRANSFER", null, source, sink, 700)));
                    return true;
                } catch (UserInputException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int succeeded = 0;
        for (var f : futures) {
            succeeded += f.get(2, TimeUnit.MINUTES) ? 1 : 0;
        }
        pool.shutdown();
        var balance = ledger.balance(source);
        assertThat(succeeded).isEqualTo(10_000 / 700);
        assertThat(balance.available()).isBetween(0L, 699L);
        assertThat(check.check().ok()).isTrue();
    }

    private long total(List<Long> accounts) {
        return jdbc.sql("select sum(posted) from ledger_accounts where id in (:ids)")
                .param("ids", Set.copyOf(accounts))
                .query(Long.class)
                .single();
    }
}
