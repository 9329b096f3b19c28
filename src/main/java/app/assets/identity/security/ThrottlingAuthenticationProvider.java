package app.assets.identity.security;

import app.assets.audit.AuditLog;
import app.assets.audit.AuditOutcome;
import app.assets.identity.IdentityProperties;
import app.assets.identity.service.LoginThrottle;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in with throttling ({@link LoginThrottle}): refuses a client address that failed too
 * often, an account at the address its failures came from, and, for a growing moment after many
 * failures, an account from addresses it never signed in from; counts each failure; clears the
 * account's counts and remembers the address when it signs in.
 */
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final IdentityProperties properties;
    private final AuditLog audit;

    ThrottlingAuthenticationProvider(
            DaoAuthenticationProvider delegate, LoginThrottle throttle, IdentityProperties properties, AuditLog audit) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.properties = properties;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName() == null
                ? ""
                : authentication.getName().trim().toLowerCase();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : "unknown";
        String addressKey = LoginThrottle.addressKey(address);
        String pairKey = LoginThrottle.accountAtAddressKey(email, address);
        if (throttle.blockedUntil(addressKey).isPresent()) {
            audit.recordAs(email, "signin", AuditOutcome.DENIED, "client address throttled");
            throw new LoginThrottledException("Too many failed sign-ins from this address");
        }
        if (throttle.blockedUntil(pairKey).isPresent()) {
            audit.recordAs(email, "signin", AuditOutcome.DENIED, "account temporarily locked at " + address);
            throw new LockedException("Account temporarily locked");
        }
        if (throttle.blockedUntil(LoginThrottle.accountKey(email)).isPresent()
                && !throttle.isFamiliar(email, address)) {
            audit.recordAs(email, "signin", AuditOutcome.DENIED, "account held back after failures from elsewhere");
            throw new AccountHeldBackException("Too many failed sign-ins for this account; wait a moment");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(email, address);
            return result;
        } catch (BadCredentialsException e) {
            boolean pairBlocked = throttle.fail(pairKey, properties.maxFailuresPerAccount());
            boolean addressBlocked = throttle.fail(addressKey, properties.maxFailuresPerAddress());
            var delay = throttle.slowDown(email);
            if (pairBlocked) {
                audit.recordAs(
                        email,
                        "lockout",
                        AuditOutcome.DENIED,
                        "account locked at " + address + " for "
                                + properties.lockout().toMinutes() + " min after repeated failures");
            }
            if (addressBlocked) {
                audit.recordAs(email, "lockout", AuditOutcome.DENIED, "client address " + address + " throttled");
            }
            delay.ifPresent(d -> audit.recordAs(
                    email,
                    "signin.delay",
                    AuditOutcome.DENIED,
                    "account held back " + d.toSeconds() + " s for unfamiliar addresses"));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
