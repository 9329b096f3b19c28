package app.assets.identity.security;

import app.assets.audit.AuditLog;
import app.assets.audit.AuditOutcome;
import app.assets.identity.IdentityProperties;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.identity.service.ExternalAccounts;
import app.assets.identity.service.LoginThrottle;
import java.time.Clock;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The password step before a provider account is linked to a staff account: the password is
 * checked exactly as at the login form (same throttling, lockout and growing delays, and a wrong
 * one counts toward them), and only then is the link stored.
 */
@Component
public class StaffLinkConfirmation {

    private final ThrottlingAuthenticationProvider passwords;
    private final ExternalAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    StaffLinkConfirmation(
            AccountUserDetailsService users,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            IdentityProperties properties,
            AuditLog audit,
            ExternalAccounts accounts,
            Clock clock) {
        // Not a bean, as in SecurityConfiguration: it would become the global manager's provider.
        var dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        this.passwords = new ThrottlingAuthenticationProvider(dao, throttle, properties, audit);
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the pending link may still be confirmed (it expires {@link PendingLink#TTL} after the provider's answer). */
    public boolean isUsable(PendingLink link) {
        return link != null && link.isUsableAt(clock.instant());
    }

    /**
     * Checks the staff account's password from this client address and stores the link.
     *
     * @throws AuthenticationException as the login form would: {@link BadCredentialsException}
     *     for a wrong password, {@link LoginThrottledException} and its kin when throttled, locked
     *     or disabled accounts as such
     */
    public void confirm(PendingLink link, String password, String address) {
        if (!isUsable(link)) {
            throw new BadCredentialsException("The pending link expired");
        }
        var attempt =
                UsernamePasswordAuthenticationToken.unauthenticated(link.email(), password == null ? "" : password);
        attempt.setDetails(new WebAuthenticationDetails(address, null));
        try {
            passwords.authenticate(attempt);
        } catch (AuthenticationException e) {
            audit.recordAs(
                    link.email(),
                    "oauth.link",
                    AuditOutcome.DENIED,
                    link.provider() + " link refused: " + e.getClass().getSimpleName());
            throw e;
        }
        accounts.confirmLink(link.provider(), link.subject(), link.userId());
    }
}
