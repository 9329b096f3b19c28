package app.assets.identity.service;

import app.assets.base.infra.LikePattern;
import app.assets.identity.IdentityProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins in PostgreSQL (so every web node sees the same counts) under three kinds of
 * key, and blocks a key once it reaches its limit within the window:
 *
 * <ul>
 *   <li>a client address ({@link #addressKey}): blocked for {@code lockout};
 *   <li>an account at one address ({@link #accountAtAddressKey}): blocked for {@code lockout}, even
 *       against the right password, but only for that address, so nobody can lock another person
 *       out from elsewhere;
 *   <li>an account from any address ({@link #accountKey}): once the limit is reached each further
 *       failure holds the account back for a growing delay (1 s, 2 s, 4 s ... up to {@code
 *       max-account-delay}) against addresses it never signed in from, which slows guessing from
 *       many addresses while the owner, at a familiar address, is never held back.
 * </ul>
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
        return "account:" + account(email);
    }

    public static String accountAtAddressKey(String email, String address) {
        return accountKey(email) + "@" + address;
    }

    public static String addressKey(String address) {
        return "address:" + address;
    }

    private static String account(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
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

    /** Records a failure; returns true when this failure blocked the key for {@code lockout}. */
    public boolean fail(String key, int limit) {
        Instant now = clock.instant();
        int failures = count(key, now);
        if (failures >= limit) {
            jdbc.sql(
                            "update login_throttle set blocked_until = ?, failures = 0, window_started = ? where throttle_key = ?")
                    .params(Timestamp.from(now.plus(properties.lockout())), Timestamp.from(now), key)
                    .update();
            return true;
        }
        return false;
    }

    /**
     * Records a failure of the account from any address; from the {@code limit}th on, holds the
     * account back for a delay that doubles with each further failure, up to {@code
     * max-account-delay}. Returns the delay, or empty below the limit.
     */
    public Optional<Duration> slowDown(String email) {
        Instant now = clock.instant();
        String key = accountKey(email);
        int failures = count(key, now);
        int over = failures - properties.maxFailuresPerAccount();
        if (over < 0) {
            return Optional.empty();
        }
        Duration delay = Duration.ofSeconds(1L << Math.min(over, 20));
        if (delay.compareTo(properties.maxAccountDelay()) > 0) {
            delay = properties.maxAccountDelay();
        }
        jdbc.sql("update login_throttle set blocked_until = ? where throttle_key = ?")
                .params(Timestamp.from(now.plus(delay)), key)
                .update();
        return Optional.of(delay);
    }

    /** Adds one failure to the key's count in the current window and returns the count. */
    private int count(String key, Instant now) {
        Timestamp windowStart = Timestamp.from(now.minus(properties.failureWindow()));
        return jdbc.sql("""
                        insert into login_throttle as t (throttle_key, failures, window_started) values (?, 1, ?)
                        on conflict (throttle_key) do update set
                          failures = case when t.window_started < ? then 1 else t.failures + 1 end,
                          window_started = case when t.window_started < ? then excluded.window_started else t.window_started end
                        returning failures""")
                .params(key, Timestamp.from(now), windowStart, windowStart)
                .query(Integer.class)
                .single();
    }

    /** Whether the account signed in with its password from this address before. */
    @Transactional(readOnly = true)
    public boolean isFamiliar(String email, String address) {
        return jdbc.sql("select count(*) from known_sign_in_addresses where account = ? and address = ?")
                        .params(account(email), address)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** A successful sign-in: clears the account's counts and remembers the address as familiar. */
    public void succeeded(String email, String address) {
        jdbc.sql("delete from login_throttle where throttle_key in (?, ?)")
                .params(accountKey(email), accountAtAddressKey(email, address))
                .update();
        jdbc.sql("""
                        insert into known_sign_in_addresses (account, address, last_success) values (?, ?, ?)
                        on conflict (account, address) do update set last_success = excluded.last_success""")
                .params(account(email), address, Timestamp.from(clock.instant()))
                .update();
    }

    /** Clears every count of the account, at every address (staff unlocking it, a password reset). */
    public void clearAccount(String email) {
        jdbc.sql("delete from login_throttle where throttle_key = ? or throttle_key like ?")
                .params(accountKey(email), LikePattern.startingWith(accountKey(email) + "@"))
                .update();
    }

    public void clear(String key) {
        jdbc.sql("delete from login_throttle where throttle_key = ?").param(key).update();
    }
}
