package app.assets.identity.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * Ends the HTTP session, and with it the sign-in, when Vaadin ends its own session.
 *
 * <p>With {@code vaadin.closeIdleSessions=true} Vaadin does not count heartbeats as activity: once
 * every UI of a session has gone without a real request for the session's idle timeout (set per
 * role at sign-in, see {@link SignInEvents}), the next request closes those UIs and the Vaadin
 * session. Vaadin only takes its own session out of the HTTP session, though; the heartbeats kept
 * the HTTP session alive, so the security context in it would sign the next page load straight back
 * in. Invalidating it here makes the idle timeout end the sign-in as well.
 */
@Component
class IdleSessionEnd implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionDestroyListener(destroyed -> {
            var http = destroyed.getSession().getSession();
            if (http == null) {
                return;
            }
            try {
                http.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // The HTTP session ended first (sign-out, expiry, revocation) and took Vaadin's with it.
            }
        });
    }
}
