package app.assets.identity.security;

import app.assets.identity.service.SessionRevocation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session on its first request after its user's rights ended (see
 * {@link SessionRevocation}): the session is invalidated and the request goes on as anonymous, so
 * a view asks for sign-in and an open Vaadin tab is told its session expired. A session without
 * an epoch (signed in by a remember-me cookie in this very request) takes the current one.
 */
class SessionEpochFilter extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SessionEpochFilter.class);

    private final SessionRevocation revocation;

    SessionEpochFilter(SessionRevocation revocation) {
        this.revocation = revocation;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var session = request.getSession(false);
        if (auth != null
                && auth.isAuthenticated()
                && !(auth instanceof AnonymousAuthenticationToken)
                && session != null) {
            var current = revocation.epochOf(auth.getName());
            Object signedIn = session.getAttribute(SessionRevocation.SESSION_EPOCH);
            if (signedIn == null && current.isPresent()) {
                session.setAttribute(SessionRevocation.SESSION_EPOCH, current.get());
            } else if (current.isEmpty() || !current.get().equals(signedIn)) {
                log.info("Session of {} ended: its rights changed since it signed in", auth.getName());
                session.invalidate();
                SecurityContextHolder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }
}
