package app.assets.identity.security;

import app.assets.audit.AuditLog;
import app.assets.identity.IdentityProperties;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.identity.service.LoginThrottle;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Password sign-in for the API, through the same user details, password encoder and throttling
 * provider as the web sign-in form (so the same lockout rules and the same audit events apply).
 */
@Component
public class ApiSignIn {

    private final ProviderManager manager;

    ApiSignIn(
            AccountUserDetailsService users,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            IdentityProperties properties,
            AuditLog audit,
            ApplicationEventPublisher events) {
        var dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        this.manager = new ProviderManager(new ThrottlingAuthenticationProvider(dao, throttle, properties, audit));
        this.manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
    }

    /** Signs in with email and password, or throws Spring Security's {@code AuthenticationException}. */
    public Authentication signIn(String email, String password, HttpServletRequest request) {
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(
                email == null ? "" : email.trim(), password == null ? "" : password);
        attempt.setDetails(new WebAuthenticationDetails(request));
        return manager.authenticate(attempt);
    }
}
