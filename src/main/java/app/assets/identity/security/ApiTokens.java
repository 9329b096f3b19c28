package app.assets.identity.security;

import app.assets.identity.domain.User;
import app.assets.identity.service.PermissionMatrix;
import app.assets.identity.service.RefreshTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues the API's token pair: a signed JWT access token (claims {@code sub} = user id,
 * {@code email}, {@code roles}, {@code permissions}; header {@code kid}) and a refresh token from
 * {@link RefreshTokens}. Permissions are read from the database at every issue, so removed roles
 * and locks take effect at the next refresh.
 */
@Component
public class ApiTokens {

    /** A token pair as the client receives it. */
    public record Pair(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {}

    /** Cookie carrying the access token to every API path (HttpOnly, Secure, SameSite=Lax). */
    public static final String ACCESS_COOKIE = "access_token";
    /** Cookie carrying the refresh token, sent only to the auth endpoints. */
    public static final String REFRESH_COOKIE = "refresh_token";

    private final JwtEncoder encoder;
    private final ApiSigningKeys keys;
    private final ApiTokenProperties properties;
    private final RefreshTokens refreshTokens;
    private final PermissionMatrix matrix;
    private final Clock clock;

    ApiTokens(
            JwtEncoder encoder,
            ApiSigningKeys keys,
            ApiTokenProperties properties,
            RefreshTokens refreshTokens,
            PermissionMatrix matrix,
            Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.refreshTokens = refreshTokens;
        this.matrix = matrix;
        this.clock = clock;
    }

    /** A new pair (and refresh-token family) for a user who has just signed in. */
    public Pair signedIn(long userId, String userAgent, String address) {
        return pair(refreshTokens.start(userId, properties.refreshTokenTtl(), userAgent, address));
    }

    /** A new pair for a refresh token, which is used up; throws {@link RefreshTokens.Refused}. */
    public Pair refresh(String refreshToken, String userAgent, String address) {
        return pair(refreshTokens.rotate(refreshToken, properties.refreshTokenTtl(), userAgent, address));
    }

    public void signOut(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }

    private Pair pair(RefreshTokens.Issued refresh) {
        User user = refresh.user();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.accessTokenTtl());
        var claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(String.valueOf(user.getId()))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("email", user.getEmail())
                .claim("roles", List.copyOf(user.getRoles().stream().sorted().toList()))
                .claim(
                        "permissions",
                        matrix.permissionsOf(user.getRoles()).stream().sorted().toList())
                .build();
        var header =
                JwsHeader.with(MacAlgorithm.HS256).keyId(keys.activeKeyId()).build();
        String access =
                encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new Pair(access, expiresAt, refresh.token(), refresh.expiresAt());
    }
}
