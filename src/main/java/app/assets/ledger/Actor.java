package app.assets.ledger;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is posting, for the journal: the signed-in principal, or "system" for jobs. */
final class Actor {

    private Actor() {}

    static String current() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                ? "system"
                : auth.getName();
    }
}
