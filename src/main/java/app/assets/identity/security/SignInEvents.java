package app.assets.identity.security;

import app.assets.audit.AuditLog;
import app.assets.audit.AuditOutcome;
import app.assets.base.i18n.Languages;
import app.assets.identity.IdentityProperties;
import app.assets.identity.SignedIn;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.SessionRevocation;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audits sign-in, sign-out and refused method calls, and gives each new session the idle timeout
 * of the signed-in user's roles (the shortest one configured).
 */
@Component
class SignInEvents {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignInEvents.class);

    private final AuditLog audit;
    private final IdentityProperties properties;
    private final AccountService accounts;

    private final ApplicationEventPublisher events;

    private final SessionRevocation revocation;

    SignInEvents(
            AuditLog audit,
            IdentityProperties properties,
            AccountService accounts,
            ApplicationEventPublisher events,
            SessionRevocation revocation) {
        this.revocation = revocation;
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.accounts = accounts;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        String how = event.getAuthentication() instanceof RememberMeAuthenticationToken
                ? "remember-me"
                : event.getAuthentication().getClass().getSimpleName();
        audit.recordAs(event.getAuthentication().getName(), "signin", AuditOutcome.SUCCESS, how);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        log.info(
                "Sign-in failed for {}: {}",
                event.getAuthentication().getName(),
                event.getException().getMessage());
        audit.recordAs(
                String.valueOf(event.getAuthentication().getName()),
                "signin",
                AuditOutcome.FAILURE,
                event.getException().getClass().getSimpleName());
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        audit.recordAs(event.getAuthentication().getName(), "signout", AuditOutcome.SUCCESS, null);
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        audit.denied("access.denied", "method", null, String.valueOf(event.getSource()));
    }

    @EventListener
    void sessionStarted(InteractiveAuthenticationSuccessEvent event) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        var session = attributes.getRequest().getSession(false);
        if (session == null) {
            return;
        }
        var user = accounts.findByEmail(event.getAuthentication().getName());
        Duration timeout = user.flatMap(u -> u.getRoles().stream()
                        .map(properties.idleTimeout()::get)
                        .filter(d -> d != null)
                        .min(Duration::compareTo))
                .orElse(properties.defaultIdleTimeout());
        session.setMaxInactiveInterval((int) timeout.toSeconds());
        revocation.stamp(session, event.getAuthentication().getName());
        user.ifPresent(u -> events.publishEvent(
                new SignedIn(u.getId(), Instant.now(), attributes.getRequest().getRemoteAddr())));
        // The user's saved language wins over whatever this browser chose before signing in.
        user.ifPresent(u -> {
            var cookie = new jakarta.servlet.http.Cookie(Languages.COOKIE, u.getLanguage());
            cookie.setPath("/");
            cookie.setMaxAge(60 * 60 * 24 * 365);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            if (attributes.getResponse() != null) {
                attributes.getResponse().addCookie(cookie);
            }
        });
    }
}
