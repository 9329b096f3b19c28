package app.assets.identity;

import app.assets.identity.service.AccountService;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Who is signed in, as other modules and views need to know it. */
@Component
public class CurrentUser {

    /** The signed-in user's identity and preferences. */
    public record Signed(long id, String email, String displayName, String language) {}

    private final AccountService accounts;

    public CurrentUser(AccountService accounts) {
        this.accounts = accounts;
    }

    public Optional<Signed> get() {
        return email().flatMap(accounts::findByEmail)
                .map(u -> new Signed(u.getId(), u.getEmail(), u.getDisplayName(), u.getLanguage()));
    }

    public Signed require() {
        return get().orElseThrow(() -> new IllegalStateException("Nobody is signed in"));
    }

    /**
     * The signed-in user's id. An API call carries it in its access token ({@code sub}), so it is
     * read from there without a query (the token was checked by the security chain); a web
     * session looks the user up by the email it signed in with, as {@link #require()} does.
     */
    public long requireId() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                && token.isAuthenticated()
                && token.getToken().getSubject() != null) {
            return Long.parseLong(token.getToken().getSubject());
        }
        return require().id();
    }

    public Optional<String> email() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(auth.getName());
    }

    public boolean has(String permission) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> permission.equals(a.getAuthority()));
    }
}
