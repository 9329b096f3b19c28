package app.assets.identity.service;

import app.assets.audit.AuditLog;
import app.assets.audit.AuditOutcome;
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
 * to it (a staff account only once its password confirms the link, see {@link #confirmLink});
 * otherwise a new user is created.
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
            if (isStaff(user)) {
                // Whoever controls a mailbox at the provider must not become staff by it alone.
                audit.recordAs(
                        email,
                        "oauth.link",
                        AuditOutcome.DENIED,
                        provider + " link to a staff account waits for its password");
                throw new LinkNeedsPassword(user.getId(), email);
            }
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

    /**
     * Stores the link of a provider account to a staff account once its password confirmed it
     * (the caller checked the password); a subject linked meanwhile keeps its first link.
     */
    public void confirmLink(String provider, String subject, long userId) {
        var user = users.findById(userId).orElseThrow();
        int stored = jdbc.sql(
                        "insert into oauth_identities (provider, subject, user_id) values (?, ?, ?) on conflict do nothing")
                .params(provider, subject, userId)
                .update();
        if (stored > 0) {
            audit.success(
                    "oauth.link", "user", userId, provider + " linked to " + user.getEmail() + " after its password");
        }
    }

    /** Staff: any role beyond the plain user's. */
    static boolean isStaff(User user) {
        return user.getRoles().stream().anyMatch(role -> !Roles.USER.equals(role));
    }

    /**
     * The provider's verified email belongs to a staff account: the link waits until that
     * account's password confirms it.
     */
    public static class LinkNeedsPassword extends RuntimeException {
        private final long userId;
        private final String email;

        LinkNeedsPassword(long userId, String email) {
            super("Linking a provider account to a staff account needs its password");
            this.userId = userId;
            this.email = email;
        }

        public long userId() {
            return userId;
        }

        public String email() {
            return email;
        }
    }
}
