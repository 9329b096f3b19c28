package app.assets.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Warms a benchmark's path up until the JIT has settled: repeats a warm-up round until, during one round, the
 * compiler threads worked for less than a tenth of its wall time (or {@code bench.warmup.max-rounds} rounds, 40, have
 * run). A fixed warm-up of a few seconds left the C2 compiler threads busy for much of the measurement on 2 cores
 * (30 to 90 % of a core in the transfer measurement, per-thread CPU from /proc), so the figures measured the compiler
 * as much as the code, and a path with more code (an API call) more than one with little (a ledger posting).
 */
final class JitWarmUp {

    private static final int MAX_ROUNDS = Integer.getInteger("bench.warmup.max-rounds", 40);
    private static final double SETTLED = 0.10;

    /** A warm-up round. */
    interface Round {
        void run() throws Exception;
    }

    private JitWarmUp() {}

    /** Runs {@code round} until the JIT has settled; prints how many rounds it took. */
    static void untilSettled(String what, Round round) throws Exception {
        var compilation = ManagementFactory.getCompilationMXBean();
        for (int i = 1; ; i++) {
            long compiledBefore = compilation.getTotalCompilationTime();
            long began = System.nanoTime();
            round.run();
            double wallMillis = (System.nanoTime() - began) / 1e6;
            double share = (compilation.getTotalCompilationTime() - compiledBefore) / wallMillis;
            if (share < SETTLED || i >= MAX_ROUNDS) {
                System.out.printf(
                        Locale.ROOT,
                        "warm-up of %s: %d rounds, the JIT at %.0f %% of the last round's time%n",
                        what,
                        i,
                        share * 100);
                return;
            }
        }
    }
}
