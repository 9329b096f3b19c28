package app.assets.base.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Token buckets for the API's callers, one per caller key (Bucket4j): each holds a period's budget
 * and refills it gradually, so a burst up to the budget passes and a steady flood is cut to the
 * budget's rate. Buckets live in this node's memory (bounded, forgotten after two idle periods)
 * or, for several nodes, in Redis where every node draws from the same bucket.
 */
public final class ApiRateLimiter {

    /** Whose calls a bucket counts. */
    public enum Caller {
        ANONYMOUS,
        SIGNED_IN
    }

    private final ApiLimitProperties limits;
    private final Function<String, Bucket> buckets;

    private ApiRateLimiter(ApiLimitProperties limits, Function<String, Bucket> buckets) {
        this.limits = limits;
        this.buckets = buckets;
    }

    /** Buckets in this node's memory: at most 100,000 callers at once. */
    public static ApiRateLimiter local(ApiLimitProperties limits) {
        Cache<String, Bucket> cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(limits.period().multipliedBy(2))
                .build();
        return new ApiRateLimiter(
                limits,
                key -> cache.get(
                        key,
                        k -> Bucket.builder()
                                .addLimit(bandwidth(limits, callerOf(k)))
                                .build()));
    }

    /** Buckets in Redis, shared by every node that uses the same Redis; Redis forgets them once full again. */
    public static ApiRateLimiter redis(ApiLimitProperties limits, RedisClient client) {
        ProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(client)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        return new ApiRateLimiter(
                limits,
                key -> proxies.getProxy(
                        ("assets:api-limit:" + key).getBytes(StandardCharsets.UTF_8),
                        () -> BucketConfiguration.builder()
                                .addLimit(bandwidth(limits, callerOf(key)))
                                .build()));
    }

    /** Takes one call from the caller's budget; the probe says whether it was there and when it will be. */
    public ConsumptionProbe take(Caller caller, String who) {
        return buckets.apply(caller.name() + ":" + who).tryConsumeAndReturnRemaining(1);
    }

    /** False when counting is turned off ({@code assets.api.limits.enabled=false}). */
    public boolean enabled() {
        return limits.enabled();
    }

    public int budget(Caller caller) {
        return caller == Caller.ANONYMOUS ? limits.anonymous() : limits.signedIn();
    }

    private static Caller callerOf(String key) {
        return Caller.valueOf(key.substring(0, key.indexOf(':')));
    }

    private static Bandwidth bandwidth(ApiLimitProperties limits, Caller caller) {
        int budget = caller == Caller.ANONYMOUS ? limits.anonymous() : limits.signedIn();
        return Bandwidth.builder()
                .capacity(budget)
                .refillGreedy(budget, limits.period())
                .build();
    }
}
