package app.assets.identity.service;

import app.assets.audit.AuditLog;
import app.assets.audit.AuditOutcome;
import app.assets.base.crypto.Digests;
import app.assets.identity.domain.User;
import app.assets.identity.domain.UserRepository;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API's refresh tokens (table {@code api_refresh_tokens}): opaque 256-bit random values stored
 * only as their SHA-256, in families that start at sign-in. Each refresh uses up its token and
 * issues the next one of the family; a used token presented again means it was copied, so the
 * whole family is revoked (the thief's and the owner's next refresh both fail). A family also ends
 * when its user is locked, unverified or has changed the password since it started.
 */
@Service
@Transactional
public class RefreshTokens {

    /** A new refresh token of {@code user}'s family: its value (given out once) and when it expires. */
    public record Issued(User user, String token, Instant expiresAt) {}

    /** Why a refresh token was refused. */
    public static class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, UserRepository users, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a family for a user who has just signed in. */
    public Issued start(long userId, Duration ttl, String userAgent, String address) {
        User user = users.findById(userId).orElseThrow(() -> new Refused("no such user"));
        return insert(user, UUID.randomUUID(), ttl, userAgent, address);
    }

    /** Uses up {@code token} and returns the next one of its family, or refuses it (committing any revocation). */
    @Transactional(noRollbackFor = Refused.class)
    public Issued rotate(String token, Duration ttl, String userAgent, String address) {
        var row = jdbc.sql("""
                        select user_id, family, password_stamp, expires_at, used_at, revoked_at
                        from api_refresh_tokens where token_hash = ? for update""")
                .param(hash(token))
                .query((rs, n) -> new Row(
                        rs.getLong("user_id"),
                        rs.getObject("family", UUID.class),
                        rs.getString("password_stamp"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") != null,
                        rs.getTimestamp("revoked_at") != null))
                .optional()
                .orElseThrow(() -> new Refused("unknown refresh token"));
        User user = users.findById(row.userId()).orElseThrow(() -> new Refused("no such user"));
        if (row.revoked()) {
            throw new Refused("revoked refresh token");
        }
        if (row.used()) {
            revoke(row.family());
            audit.recordAs(
                    user.getEmail(),
                    "api.refresh.reuse",
                    AuditOutcome.DENIED,
                    "a used refresh token was presented again from " + address + ": its family is revoked");
            throw new Refused("reused refresh token");
        }
        if (!row.expiresAt().isAfter(clock.instant())) {
            throw new Refused("expired refresh token");
        }
        if (user.isLocked() || !user.isEmailVerified() || !row.passwordStamp().equals(passwordStamp(user))) {
            revoke(row.family());
            audit.recordAs(
                    user.getEmail(), "api.refresh", AuditOutcome.DENIED, "locked, unverified or password changed");
            throw new Refused("account no longer signs in this way");
        }
        jdbc.sql("update api_refresh_tokens set used_at = ? where token_hash = ?")
                .params(Timestamp.from(clock.instant()), hash(token))
                .update();
        return insert(user, row.family(), ttl, userAgent, address);
    }

    /** Revokes the family of {@code token} (sign-out); an unknown token changes nothing. */
    public void revokeFamilyOf(String token) {
        jdbc.sql("select family from api_refresh_tokens where token_hash = ?")
                .param(hash(token))
                .query(UUID.class)
                .optional()
                .ifPresent(this::revoke);
    }

    private void revoke(UUID family) {
        jdbc.sql("update api_refresh_tokens set revoked_at = ? where family = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), family)
                .update();
    }

    private Issued insert(User user, UUID family, Duration ttl, String userAgent, String address) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expiresAt = clock.instant().plus(ttl);
        jdbc.sql("""
                        insert into api_refresh_tokens
                          (user_id, family, token_hash, password_stamp, user_agent, client_address, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        user.getId(),
                        family,
                        hash(token),
                        passwordStamp(user),
                        truncate(userAgent, 300),
                        truncate(address, 64),
                        Timestamp.from(clock.instant()),
                        Timestamp.from(expiresAt))
                .update();
        return new Issued(user, token, expiresAt);
    }

    private static String passwordStamp(User user) {
        return hash(user.getPasswordHash() == null ? "" : user.getPasswordHash());
    }

    private static String hash(String value) {
        return Digests.sha256Hex(value == null ? "" : value);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private record Row(
            long userId, UUID family, String passwordStamp, Instant expiresAt, boolean used, boolean revoked) {}
}
