package app.assets.identity.service;

import app.assets.identity.IdentityProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and per client address in PostgreSQL (so every web node sees
 * the same counts) and blocks a key for {@code lockout} once it reaches its limit within the window.
 */
@Service
@Transactional(propagation = Propagation.REQUIRES_NEW)
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final IdentityProperties properties;
    private final Clock clock;

    public LoginThrottle(JdbcClient jdbc, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    public static String accountKey(String email) {
        return "account:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
    }

    public static String addressKey(String address) {
        return "address:" + address;
    }

    /** Until when the key is blocked, if it is blocked now. */
    @Transactional(readOnly = true)
    public Optional<Instant> blockedUntil(String key) {
        Instant now = clock.instant();
        return jdbc.sql("select blocked_until from login_throttle where throttle_key = ? and blocked_until > ?")
                .params(key, Timestamp.from(now))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** Records a failure; returns true when this failure blocked the key. */
    public boolean fail(String key, int limit) {
        Instant now = clock.instant();
        Timestamp windowStart = Timestamp.from(now.minus(properties.failureWindow()));
        int failures = jdbc.sql("""
                        insert into login_throttle as t (throttle_key, failures, window_started) values (?, 1, ?)
                        on conflict (throttle_key) do update set
                          failures = case when t.window_started < ? then 1 else t.failures + 1 end,
                          window_started = case when t.window_started < ? then excluded.window_started else t.window_started end
                        returning failures""")
                .params(key, Timestamp.from(now), windowStart, windowStart)
                .query(Integer.class)
                .single();
        if (failures >= limit) {
            jdbc.sql(
                            "update login_throttle set blocked_until = ?, failures = 0, window_started = ? where throttle_key = ?")
                    .params(Timestamp.from(now.plus(properties.lockout())), Timestamp.from(now), key)
                    .update();
            return true;
        }
        return false;
    }

    public void clear(String key) {
        jdbc.sql("delete from login_throttle where throttle_key = ?").param(key).update();
    }
}
