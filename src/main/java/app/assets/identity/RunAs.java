package app.assets.identity;

import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Runs work as a given account, with its current roles and permissions, the way a signed-in
 * request would; the caller's own authentication (if any) is put back afterwards. For work the
 * application does on a user's behalf outside a request: the demo data, played through the same
 * services and checks as the UI.
 */
@Component
public class RunAs {

    private final UserDetailsService users;

    public RunAs(UserDetailsService users) {
        this.users = users;
    }

    public <T> T as(String email, Supplier<T> work) {
        var context = SecurityContextHolder.getContext();
        var previous = context.getAuthentication();
        var user = users.loadUserByUsername(email);
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        try {
            return work.get();
        } finally {
            context.setAuthentication(previous);
        }
    }

    public void act(String email, Runnable work) {
        as(email, () -> {
            work.run();
            return null;
        });
    }
}
