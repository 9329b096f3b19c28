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
 * Password sign-in with throttling: refuses a client address or an account that failed too often
 * recently, counts each failure, and clears an account's count when it signs in.
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
        String accountKey = LoginThrottle.accountKey(email);
        String addressKey = LoginThrottle.addressKey(address);
        if (throttle.blockedUntil(addressKey).isPresent()) {
            audit.recordAs(email, "signin", AuditOutcome.DENIED, "client address throttled");
            throw new LoginThrottledException("Too many failed sign-ins from this address");
        }
        if (throttle.blockedUntil(accountKey).isPresent()) {
            audit.recordAs(email, "signin", AuditOutcome.DENIED, "account temporarily locked");
            throw new LockedException("Account temporarily locked");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.clear(accountKey);
            return result;
        } catch (BadCredentialsException e) {
            boolean accountBlocked = throttle.fail(accountKey, properties.maxFailuresPerAccount());
            boolean addressBlocked = throttle.fail(addressKey, properties.maxFailuresPerAddress());
            if (accountBlocked) {
                audit.recordAs(
                        email,
                        "lockout",
                        AuditOutcome.DENIED,
                        "account locked for " + properties.lockout().toMinutes() + " min after repeated failures");
            }
            if (addressBlocked) {
                audit.recordAs(email, "lockout", AuditOutcome.DENIED, "client address " + address + " throttled");
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
