package app.assets.identity.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tokens of the REST API ({@code assets.api.tokens.*}).
 *
 * @param accessTokenTtl  lifetime of an access token (a signed JWT)
 * @param refreshTokenTtl lifetime of a refresh token (opaque, stored hashed)
 * @param keys            HMAC-SHA256 signing keys by key id ({@code kid}), each the base64 of at least
 *                        32 random bytes; old keys stay here for an access token's lifetime after a rotation
 * @param activeKey       the key id new tokens are signed with; when no keys are configured a random
 *                        key is made at start-up (tokens then die with the process: local runs only)
 * @param issuer          the {@code iss} claim written and required
 */
@ConfigurationProperties("assets.api.tokens")
public record ApiTokenProperties(
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("14d") Duration refreshTokenTtl,
        Map<String, String> keys,
        String activeKey,
        @DefaultValue("assets") String issuer) {

    public ApiTokenProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
