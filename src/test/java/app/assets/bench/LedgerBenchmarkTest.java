package app.assets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.ledger.Posting;
import app.assets.support.IntegrationTest;
import app.assets.support.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Ledger postings per second at 1, 8 and 32 concurrent clients over 10,000 accounts and on one hot
 * account, next to {@code pgbench -b tpcb-like} at the same client counts on the same server.
 * Not part of the normal test run: {@code ./mvnw -Pbench test} (see docs/benchmarks.md).
 * Writes target/benchmarks/ledger.md.
 */
@Tag("benchmark")
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=40",
            "assets.identity.demo-accounts=false",
            "logging.level.app.assets=WARN"
        })
class LedgerBenchmarkTest extends IntegrationTest {

    private static final int ACCOUNTS = 10_000;
    /** -Dbench.clients=1,8 leaves 32 out (pgbench's 32 connections on a server shared with other builds). */
    private static final int[] CLIENTS = java.util.Arrays.stream(
                    System.getProperty("bench.clients", "1,8,32").split(","))
            .mapToInt(c -> Integer.parseInt(c.trim()))
            .toArray();

    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void postingsPerSecondBesidePgbench() throws Exception {
        List<Long> accounts = seed();
        if (Boolean.getBoolean("bench.withoutBalanceGuard")) {
            // What the balance guard of V36 costs each posting: the same run without it (a fresh database each run).
            ownerJdbc()
                    .sql("alter table ledger_accounts disable trigger ledger_accounts_balances_from_entries")
                    .update();
        }
        // warm-up: JIT, connection pool, caches, until the JIT has settled (rounds as long as a measurement)
        JitWarmUp.untilSettled("ledger postings", () -> run(2, accounts, false));
        ownerJdbc().sql("analyze").update(); // as autovacuum would in production (off on this machine's PostgreSQL)
        var rows = new ArrayList<String>();
        rows.add(
                "| clients | ledger, 10,000 accounts (postings/s) | ledger, one hot account (postings/s) | pgbench tpcb-like (tps) | ledger / pgbench |");
        rows.add("| --- | --- | --- | --- | --- |");
        for (int clients : CLIENTS) {
            double spread = run(clients, accounts, false);
            double hot = run(clients, accounts, true);
            double pgbench = pgbench(clients);
            rows.add(String.format(
                    Locale.ROOT,
                    "| %d | %.0f | %.0f | %.0f | %.2f |",
                    clients,
                    spread,
                    hot,
                    pgbench,
                    spread / pgbench));
            System.out.println(rows.getLast()); // kept in the log should a later client count fail
        }
        var result = check.check();
        rows.add("");
        rows.add("Ledger check afterwards: " + (result.ok() ? "passed" : "FAILED " + result.problems()) + ", "
                + result.accounts() + " accounts, " + result.transactions() + " transactions. Run "
                + Instant.now() + ", " + SECONDS + " s per measurement, "
                + Runtime.getRuntime().availableProcessors() + " cores.");
        String table = String.join("\n", rows);
        System.out.println("\n" + table + "\n");
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/ledger.md"), table + "\n");
        assertThat(result.ok()).isTrue();
    }

    /** 10,000 funded escrow-kind accounts (they obey the same never-below-zero rule as wallets). */
    private List<Long> seed() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long adjustments = ledger.systemAccount(AccountKind.ADJUSTMENTS);
        var ids = new ArrayList<Long>(ACCOUNTS);
        for (int batch = 0; batch < ACCOUNTS / 100; batch++) {
            int b = batch;
            transactions.run(() -> {
                var legs = new ArrayList<Posting.Leg>();
                for (int i = 0; i < 100; i++) {
                    long id = ledger.escrowAccount("bench-" + run + "-" + (b * 100 + i));
                    ids.add(id);
                    legs.add(new Posting.Leg(id, 1_000_000));
                }
                legs.add(new Posting.Leg(adjustments, -100L * 1_000_000));
                ledger.post(new Posting("bench-fund:" + run + ":" + b, "ADJUSTMENT", null, legs));
            });
        }
        return ids;
    }

    private double run(int clients, List<Long> accounts, boolean hot) throws Exception {
        var pool = Executors.newFixedThreadPool(clients);
        var stop = new AtomicBoolean();
        var done = new AtomicLong();
        var start = new CountDownLatch(1);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                start.await();
                var random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    long a = hot ? accounts.getFirst() : accounts.get(random.nextInt(accounts.size()));
                    long b = accounts.get(1 + random.nextInt(accounts.size() - 1));
                    if (a == b) {
                        continue;
                    }
                    boolean forward = random.nextBoolean();
                    try {
                        transactions.execute(() -> ledger.post(Posting.move(
                                "bench:" + UUID.randomUUID(),
                                "TRANSFER",
                                null,
                                forward ? a : b,
                                forward ? b : a,
                                1 + random.nextInt(100))));
                        done.incrementAndGet();
                    } catch (UserInputException insufficient) {
                        // a drained account: not counted
                    }
                }
                return null;
            });
        }
        start.countDown();
        long began = System.nanoTime();
        Thread.sleep(SECONDS * 1000L);
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return done.get() / ((System.nanoTime() - began) / 1e9);
    }

    /** pgbench's TPC-B-like transaction (update three balances, insert history) on the same server. */
    private double pgbench(int clients) throws IOException, InterruptedException {
        String url = TestServices.jdbcUrl();
        var m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(url);
        assertThat(m.find()).as("pgbench needs a PostgreSQL server, not " + url).isTrue();
        String host = m.group(1);
        String port = m.group(2);
        String db = m.group(3);
        exec(List.of("pgbench", "-h", host, "-p", port, "-U", "postgres", "-i", "-q", "-s", "10", db));
        String out = exec(List.of(
                "pgbench",
                "-h",
                host,
                "-p",
                port,
                "-U",
                "postgres",
                "-n",
                "-b",
                "tpcb-like",
                "-c",
                String.valueOf(clients),
                "-j",
                String.valueOf(Math.min(clients, 4)),
                "-T",
                String.valueOf(SECONDS),
                db));
        var tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        assertThat(tps.find()).as(out).isTrue();
        return Double.parseDouble(tps.group(1));
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
