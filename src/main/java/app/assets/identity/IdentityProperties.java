package app.assets.identity;

import app.assets.base.DevelopmentSecrets;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in and account settings ({@code assets.identity.*}), with defaults that suit a local run.
 *
 * @param baseUrl            public address used in emailed links
 * @param verificationTtl    lifetime of an email verification link
 * @param resetTtl           lifetime of a password reset link
 * @param maxFailuresPerAccount failed sign-ins within {@code failureWindow} before an account is locked
 *                           for the address they came from, and before the account's growing
 *                           delays start for addresses it never signed in from
 * @param maxAccountDelay    longest delay between two tries on one account from unfamiliar addresses
 * @param maxFailuresPerAddress failed sign-ins from one client address before it is throttled
 * @param failureWindow      window in which failures are counted
 * @param lockout            how long a lockout lasts
 * @param rememberMeKey      secret for remember-me tokens (set it in production)
 * @param rememberMeValidity lifetime of a remember-me token
 * @param idleTimeout        idle session timeout per role; the shortest of a user's roles applies
 * @param defaultIdleTimeout idle timeout when no role has one
 * @param demoAccounts       create the demo accounts at start-up (local runs)
 */
@ConfigurationProperties("assets.identity")
public record IdentityProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("30m") Duration resetTtl,
        @DefaultValue("5") int maxFailuresPerAccount,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("1m") Duration maxAccountDelay,
        @DefaultValue(DevelopmentSecrets.REMEMBER_ME_KEY) String rememberMeKey,
        @DefaultValue("14d") Duration rememberMeValidity,
        Map<String, Duration> idleTimeout,
        @DefaultValue("30m") Duration defaultIdleTimeout,
        @DefaultValue("false") boolean demoAccounts) {

    public IdentityProperties {
        idleTimeout = idleTimeout == null ? Map.of() : Map.copyOf(idleTimeout);
    }
}
