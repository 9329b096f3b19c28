package app.assets.identity.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Roles;
import app.assets.identity.UserCreated;
import app.assets.identity.domain.User;
import app.assets.identity.domain.UserRepository;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links accounts at external OAuth2/OIDC providers to users: a known (provider, subject) pair
 * signs in its user; otherwise a verified email that matches an existing verified account links
 * to it; otherwise a new user is created.
 */
@Service
@Transactional
public class ExternalAccounts {

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public ExternalAccounts(
            UserRepository users, JdbcClient jdbc, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Returns the user for this external account, linking or creating it on first sign-in. */
    public User signIn(String provider, String subject, String rawEmail, boolean emailVerified, String name) {
        var linked = jdbc.sql("select user_id from oauth_identities where provider = ? and subject = ?")
                .params(provider, subject)
                .query(Long.class)
                .optional();
        if (linked.isPresent()) {
            return users.findById(linked.get()).orElseThrow();
        }
        if (rawEmail == null || !emailVerified) {
            throw new UserInputException("oauth.emailUnverified");
        }
        String email = Inputs.email(rawEmail);
        var existing = users.findByEmail(email);
        User user;
        if (existing.isPresent()) {
            if (!existing.get().isEmailVerified()) {
                // Linking to an unverified local account would let whoever registered it first take it over.
                throw new UserInputException("oauth.localUnverified");
            }
            user = existing.get();
            audit.success("oauth.link", "user", user.getId(), provider + " linked to " + email);
        } else {
            String displayName =
                    UserText.line(name).isEmpty() ? email.substring(0, email.indexOf('@')) : UserText.line(name);
            user = new User(
                    email,
                    displayName.length() > User.DISPLAY_NAME_MAX
                            ? displayName.substring(0, User.DISPLAY_NAME_MAX)
                            : displayName,
                    "en",
                    clock.instant());
            user.setEmailVerified(true);
            user.getRoles().add(Roles.USER);
            users.save(user);
            events.publishEvent(new UserCreated(user.getId(), email));
            audit.success("oauth.signup", "user", user.getId(), provider + " created " + email);
        }
        jdbc.sql("insert into oauth_identities (provider, subject, user_id) values (?, ?, ?)")
                .params(provider, subject, user.getId())
                .update();
        return user;
    }
}
