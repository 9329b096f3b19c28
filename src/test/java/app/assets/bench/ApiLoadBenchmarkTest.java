package app.assets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.identity.service.AccountService;
import app.assets.ledger.LedgerCheck;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import app.assets.wallet.service.WalletService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API under load over real HTTP: requests per second and p50/p95/p99 latency of
 * {@code GET /health} (the ceiling: no token, no database), {@code GET /reports/overview},
 * {@code GET /wallet} and {@code POST /wallet/transfer} at 1, 8 and 32 concurrent clients. The
 * application runs on a random port against the machine's PostgreSQL and RabbitMQ; {@code
 * bench.users} users are signed up, verified and funded through the services and sign in over the
 * API; every transfer goes between two random users of them with a new Idempotency-Key. Each
 * client is a virtual thread sending one request after another on a shared JDK HttpClient.
 * Not part of the normal test run: {@code ./mvnw -Pbench test -Dtest=ApiLoadBenchmarkTest} (see
 * docs/benchmarks.md). Writes target/benchmarks/api.md.
 */
@Tag("benchmark")
@TestPropertySource(
        properties = {
            // The rate limiter stays in the path (its cost is part of every call) with budgets no
            // load run reaches: it would otherwise answer 429 after 300 calls per user.
            "assets.api.limits.anonymous=1000000000",
            "assets.api.limits.signed-in=1000000000",
            // As LedgerBenchmarkTest: the per-call API log line would otherwise go through Surefire's pipe.
            "logging.level.app.assets=WARN"
        })
class ApiLoadBenchmarkTest extends WebIntegrationTest {

    private static final int[] CLIENTS = {1, 8, 32};
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int USERS = Integer.getInteger("bench.users", 100);
    /** Only the endpoints whose name contains this (for a profile of one of them), e.g. "transfer". */
    private static final String ONLY = System.getProperty("bench.only", "");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    WalletService wallet;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LedgerCheck check;

    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final JsonMapper json = JsonMapper.builder().build();

    /** One signed-in user of the run. */
    record User(String email, String token) {}

    /** What one client sends next. */
    interface Call {
        HttpRequest next(ThreadLocalRandom random);
    }

    record Measurement(String name, int clients, long ok, long failed, double seconds, Histogram latency) {
        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d |",
                    name,
                    clients,
                    ok / seconds,
                    ms(50),
                    ms(95),
                    ms(99),
                    latency.getMaxValue() / 1000.0,
                    failed);
        }

        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    @Test
    void requestsPerSecondAndLatencyAtOneEightAndThirtyTwoClients() throws Exception {
        Instant seedStart = Instant.now();
        List<User> users = seed();
        Duration seeding = Duration.between(seedStart, Instant.now());

        var calls = new ArrayList<Call>();
        var names = new ArrayList<>(List.of(
                "GET /api/v1/health (ceiling)",
                "GET /api/v1/reports/overview",
                "GET /api/v1/wallet",
                "POST /api/v1/wallet/transfer"));
        calls.add(random -> get("/api/v1/health", null));
        calls.add(random -> get("/api/v1/reports/overview", pick(users, random).token()));
        calls.add(random -> get("/api/v1/wallet", pick(users, random).token()));
        calls.add(random -> transfer(users, random));

        for (int i = calls.size() - 1; i >= 0; i--) {
            if (!names.get(i).contains(ONLY)) {
                calls.remove(i);
                names.remove(i);
            }
        }
        // Warm-up: JIT, connection pools, caches, every path at the middle concurrency until the JIT has settled.
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            JitWarmUp.untilSettled(names.get(i), () -> measure("warm-up", 8, 3, call));
        }
        // Statistics of the tables as the warm-up left them, as autovacuum keeps them in production: this machine's
        // PostgreSQL runs with autovacuum off, and the planner, still believing ledger_transactions holds the 40 rows
        // of an empty table, joined the overview's recent entries to it by scanning it whole (auto_explain: 11 ms).
        ownerJdbc().sql("analyze").update();
        var rows = new ArrayList<String>();
        rows.add("| endpoint | clients | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | failed |");
        rows.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        var results = new ArrayList<Measurement>();
        for (int clients : CLIENTS) {
            for (int i = 0; i < calls.size(); i++) {
                var m = measure(names.get(i), clients, SECONDS, calls.get(i));
                results.add(m);
                rows.add(m.row());
            }
        }
        var ledger = check.check();
        rows.add("");
        rows.add(String.format(
                Locale.ROOT,
                "%d users, %d s per measurement, %d cores, run %s; seeding (sign-up, verification, funding, sign-in) took %d s."
                        + " Ledger check afterwards: %s, %d accounts, %d transactions.",
                USERS,
                SECONDS,
                Runtime.getRuntime().availableProcessors(),
                Instant.now(),
                seeding.toSeconds(),
                ledger.ok() ? "passed" : "FAILED " + ledger.problems(),
                ledger.accounts(),
                ledger.transactions()));
        String table = String.join("\n", rows);
        System.out.println("\n" + table + "\n");
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/api.md"), table + "\n");

        assertThat(results).as("every request answered with success").allMatch(m -> m.failed() == 0);
        assertThat(ledger.ok()).isTrue();
    }

    /** Users signed up and verified as the web sign-up does, funded by staff, signed in over the API. */
    private List<User> seed() throws Exception {
        var testUsers = new TestUsers(accounts, jdbc);
        var ids = new ArrayList<Long>();
        var emails = new ArrayList<String>();
        for (int i = 0; i < USERS; i++) {
            String email = TestUsers.uniqueEmail("load-" + i);
            ids.add(testUsers.verified(email));
            emails.add(email);
        }
        actAs("admin@assets.local");
        try {
            // The most one ADMIN may credit alone (10,000,000 Rials by default): 100,000 transfers or more each.
            long funds = wallet.adjustmentApprovalAbove();
            for (long id : ids) {
                var adjustment = wallet.adjust(UUID.randomUUID(), id, funds, "load test funds");
                assertThat(adjustment.pending()).as("funded at once").isFalse();
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
        var users = new ArrayList<User>();
        for (String email : emails) {
            var login = http.send(
                    post(
                            "/api/v1/auth/login",
                            null,
                            null,
                            "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, TestUsers.PASSWORD)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            users.add(new User(
                    email, json.readTree(login.body()).get("accessToken").asString()));
        }
        return users;
    }

    /**
     * {@code clients} virtual threads each sending one request after another for {@code seconds};
     * every answer's time from send to the whole body, in microseconds.
     */
    private Measurement measure(String name, int clients, int seconds, Call call) throws Exception {
        var stop = new AtomicBoolean();
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<long[]>>();
        var histograms = new ArrayList<Histogram>();
        long began;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                var histogram = new Histogram(3);
                histograms.add(histogram);
                futures.add(executor.submit(() -> {
                    start.await();
                    var random = ThreadLocalRandom.current();
                    long ok = 0;
                    long failed = 0;
                    while (!stop.get()) {
                        var request = call.next(random);
                        long sent = System.nanoTime();
                        var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        histogram.recordValue((System.nanoTime() - sent) / 1000);
                        if (response.statusCode() / 100 == 2) {
                            ok++;
                        } else {
                            if (failed == 0) {
                                System.err.println(name + ": " + response.statusCode() + " "
                                        + new String(response.body(), StandardCharsets.UTF_8));
                            }
                            failed++;
                        }
                    }
                    return new long[] {ok, failed};
                }));
            }
            began = System.nanoTime();
            start.countDown();
            Thread.sleep(seconds * 1000L);
            stop.set(true);
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        long ok = 0;
        long failed = 0;
        for (var f : futures) {
            ok += f.get()[0];
            failed += f.get()[1];
        }
        var all = new Histogram(3);
        histograms.forEach(all::add);
        return new Measurement(name, clients, ok, failed, elapsed, all);
    }

    private HttpRequest transfer(List<User> users, ThreadLocalRandom random) {
        User from = pick(users, random);
        User to = pick(users, random);
        while (to == from) {
            to = pick(users, random);
        }
        return post(
                "/api/v1/wallet/transfer",
                from.token(),
                UUID.randomUUID().toString(),
                "{\"recipientEmail\":\"%s\",\"amount\":%d}".formatted(to.email(), 1 + random.nextInt(100)));
    }

    private static User pick(List<User> users, ThreadLocalRandom random) {
        return users.get(random.nextInt(users.size()));
    }

    private HttpRequest get(String path, String token) {
        var builder = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private HttpRequest post(String path, String token, String idempotencyKey, String body) {
        var builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
