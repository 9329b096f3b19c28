package app.assets.base.api;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much and from where the REST API may be called ({@code assets.api.limits.*}, docs/api.md,
 * "Rate limits and CORS").
 *
 * @param enabled           whether requests are counted at all
 * @param store             where the counters live: {@code local} (each node counts its own calls)
 *                          or {@code redis} (all nodes share one count through the Redis that
 *                          {@code spring.data.redis.*} names)
 * @param anonymous         calls an address may make without a token per {@code period} (sign-in,
 *                          registration and refresh are such calls)
 * @param signedIn          calls one signed-in user may make per {@code period}, from any address
 * @param period            the window both budgets refill over, gradually
 * @param allowedOrigins    browser origins (scheme://host[:port]) that may call the API from their
 *                          pages with the user's cookies; empty: none but our own pages
 * @param maxBodySize       largest request body but a photo upload (those are bounded by
 *                          {@code spring.servlet.multipart.*}); 1 KB to 100 MB
 */
@ConfigurationProperties("assets.api.limits")
public record ApiLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("local") Store store,
        @DefaultValue("30") int anonymous,
        @DefaultValue("300") int signedIn,
        @DefaultValue("1m") Duration period,
        List<String> allowedOrigins,
        @DefaultValue("1MB") DataSize maxBodySize) {

    public enum Store {
        LOCAL,
        REDIS
    }

    public ApiLimitProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (allowedOrigins.contains("*")) {
            throw new IllegalArgumentException(
                    "assets.api.limits.allowed-origins may not be \"*\": name each origin that may call the API with cookies");
        }
        if (anonymous < 1 || signedIn < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("assets.api.limits: budgets and period must be positive");
        }
        // Jackson reads a whole body into memory: beyond 100 MB the limit protects nothing.
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toMegabytes() > 100) {
            throw new IllegalArgumentException(
                    "assets.api.limits.max-body-size must be between 1KB and 100MB, not " + maxBodySize);
        }
    }
}
