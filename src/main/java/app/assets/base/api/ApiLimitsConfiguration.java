package app.assets.base.api;

import io.lettuce.core.RedisClient;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** The API's rate limiter and its CORS rules, from {@link ApiLimitProperties}. */
@Configuration
class ApiLimitsConfiguration {

    @Bean
    ApiRateLimiter apiRateLimiter(ApiLimitProperties limits, ObjectProvider<RedisConnectionFactory> redis) {
        if (limits.store() == ApiLimitProperties.Store.LOCAL) {
            return ApiRateLimiter.local(limits);
        }
        if (!(redis.getIfAvailable() instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("assets.api.limits.store=redis needs Spring Data Redis with Lettuce");
        }
        lettuce.start();
        if (!(lettuce.getNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException(
                    "assets.api.limits.store=redis needs a single Redis (not a cluster client)");
        }
        return ApiRateLimiter.redis(limits, client);
    }

    /**
     * Cross-origin calls: only from the listed origins, with the user's cookies, the methods and
     * headers the API uses; the answer headers a client needs are exposed. Nothing listed: the
     * browser refuses every cross-origin call (a preflight is answered 403).
     */
    @Bean
    CorsConfigurationSource apiCors(ApiLimitProperties limits) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(limits.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.ACCEPT,
                HttpHeaders.ACCEPT_LANGUAGE,
                HttpHeaders.IF_MATCH,
                ApiPaths.IDEMPOTENCY_KEY));
        cors.setExposedHeaders(List.of(
                HttpHeaders.ETAG,
                HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER,
                ApiRateLimitFilter.LIMIT,
                ApiRateLimitFilter.REMAINING));
        cors.setAllowCredentials(true);
        cors.setMaxAge(3600L);
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(ApiPaths.ALL, cors);
        return source;
    }
}
