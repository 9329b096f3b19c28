package app.assets.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.api.ApiLimitProperties;
import app.assets.base.api.ApiRateLimiter;
import app.assets.base.api.ApiRateLimiter.Caller;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The limiter's two stores: this node's memory, and Redis shared by several nodes, here two
 * limiters (two nodes) on the machine's Redis drawing from one budget.
 */
class ApiRateLimiterTest {

    static final ApiLimitProperties LIMITS = new ApiLimitProperties(
            true, ApiLimitProperties.Store.LOCAL, 5, 7, Duration.ofMinutes(1), List.of(), DataSize.ofMegabytes(1));

    @Test
    void aLocalBucketPassesItsBudgetThenRefusesAndSaysWhenToComeBack() {
        var limiter = ApiRateLimiter.local(LIMITS);
        long passed = IntStream.range(0, 20)
                .filter(i -> limiter.take(Caller.ANONYMOUS, "10.0.0.1").isConsumed())
                .count();
        assertThat(passed).isEqualTo(5);
        var refused = limiter.take(Caller.ANONYMOUS, "10.0.0.1");
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill())
                .as("one call comes back after a fifth of the minute")
                .isBetween(
                        Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(12).toNanos());
        assertThat(limiter.take(Caller.SIGNED_IN, "10.0.0.1").isConsumed())
                .as("a user's budget is another bucket")
                .isTrue();
    }

    @Test
    void twoNodesOnOneRedisShareOneBudget() {
        var client = RedisClient.create("redis://127.0.0.1:6379");
        try {
            var node1 = ApiRateLimiter.redis(LIMITS, client);
            var node2 = ApiRateLimiter.redis(LIMITS, client);
            String user = "user-" + UUID.randomUUID();
            long passed = IntStream.range(0, 20)
                    .filter(i -> (i % 2 == 0 ? node1 : node2)
                            .take(Caller.SIGNED_IN, user)
                            .isConsumed())
                    .count();
            assertThat(passed).as("the budget is counted once across nodes").isEqualTo(7);
        } finally {
            client.shutdown();
        }
    }
}
