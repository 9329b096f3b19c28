package app.assets.identity.service;

import app.assets.audit.AuditLog;
import app.assets.base.crypto.Digests;
import app.assets.base.crypto.FieldEncryptor;
import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Languages;
import app.assets.base.infra.LikePattern;
import app.assets.base.security.Roles;
import app.assets.identity.AccountLinkIssued;
import app.assets.identity.IdentityProperties;
import app.assets.identity.UserCreated;
import app.assets.identity.domain.User;
import app.assets.identity.domain.UserRepository;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account use cases for the person who owns the account: sign up, verify the email, reset a
 * forgotten password, change the password and edit the profile. Each runs in one transaction.
 */
@Service
@Transactional
public class AccountService {

    /** What a new user types on the sign-up form. */
    public record SignUp(String email, String password, String displayName, String phone, Locale language) {}

    /** Profile fields a user edits; the phone is shown decrypted; the version grows at every change of the account. */
    public record Profile(long id, String email, String displayName, String phone, String language, long version) {}

    enum Purpose {
        VERIFY_EMAIL,
        RESET_PASSWORD
    }

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy policy;
    private final FieldEncryptor encryptor;
    private final AuditLog audit;
    private final IdentityProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ApplicationEventPublisher events;
    private final SessionRevocation sessions;
    private final LoginThrottle throttle;

    public AccountService(
            UserRepository users,
            JdbcClient jdbc,
            PasswordEncoder passwordEncoder,
            PasswordPolicy policy,
            FieldEncryptor encryptor,
            AuditLog audit,
            IdentityProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            SessionRevocation sessions,
            LoginThrottle throttle) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.users = users;
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.policy = policy;
        this.encryptor = encryptor;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** Creates an unverified account and emails a verification link. */
    public long signUp(SignUp form) {
        String email = Inputs.email(form.email());
        String name = Inputs.displayName(form.displayName());
        String phone = Inputs.phone(form.phone());
        policy.check(form.password(), email);
        // Hashed either way, so the answer takes as long whether or not the address has an account.
        String passwordHash = passwordEncoder.encode(form.password());
        var existing = users.findByEmail(email);
        if (existing.isPresent()) {
            // The form must not tell a stranger who has an account: the same answer, nothing created,
            // and the address's owner gets a reset link (if it was them, that is what they need).
            var owner = existing.get();
            sendLink(owner, Purpose.RESET_PASSWORD, properties.resetTtl(), "/reset-password");
            audit.failure("account.signup", "user", owner.getId(), "address already registered");
            return owner.getId();
        }
        var language = form.language() == null
                ? Languages.ENGLISH
                : Languages.of(form.language().toLanguageTag());
        var user = new User(email, name, language.getLanguage(), clock.instant());
        user.setPasswordHash(passwordHash);
        user.getRoles().add(Roles.USER);
        users.save(user);
        // The phone is sealed for this row (its id is part of the ciphertext's associated data).
        user.setPhoneEncrypted(encryptor.encrypt(phone, phoneContext(user.getId())));
        users.save(user);
        events.publishEvent(new UserCreated(user.getId(), email));
        sendLink(user, Purpose.VERIFY_EMAIL, properties.verificationTtl(), "/verify-email");
        audit.success("account.signup", "user", user.getId(), email);
        return user.getId();
    }

    /** Sends a fresh verification link, if the account exists and is not verified yet. */
    public void resendVerification(String rawEmail) {
        String email = Inputs.email(rawEmail);
        users.findByEmail(email)
                .filter(u -> !u.isEmailVerified())
                .ifPresent(u -> sendLink(u, Purpose.VERIFY_EMAIL, properties.verificationTtl(), "/verify-email"));
    }

    /** Marks the email verified; the link works once and only before it expires. */
    public void verifyEmail(String token) {
        var user = consume(token, Purpose.VERIFY_EMAIL);
        user.setEmailVerified(true);
        users.save(user);
        audit.success("account.verify", "user", user.getId(), user.getEmail());
    }

    /**
     * Emails a reset link when the address belongs to an account. Says nothing either way, so the
     * form cannot be used to find out who has an account.
     */
    public void requestPasswordReset(String rawEmail) {
        String email = Inputs.email(rawEmail);
        users.findByEmail(email)
                .ifPresentOrElse(
                        u -> {
                            sendLink(u, Purpose.RESET_PASSWORD, properties.resetTtl(), "/reset-password");
                            audit.success("password.reset.request", "user", u.getId(), email);
                        },
                        () -> audit.failure("password.reset.request", "user", null, "unknown email " + email));
    }

    /** Whether a reset link is still usable (for the reset page to say so before the user types). */
    @Transactional(readOnly = true)
    public boolean isResetTokenUsable(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        return jdbc.sql(
                                "select count(*) from user_tokens where token_hash = ? and purpose = ? and used_at is null and expires_at > ?")
                        .params(hash(token), Purpose.RESET_PASSWORD.name(), Timestamp.from(clock.instant()))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    public void resetPassword(String token, String newPassword) {
        var user = peek(token, Purpose.RESET_PASSWORD);
        policy.check(newPassword, user.getEmail());
        consume(token, Purpose.RESET_PASSWORD);
        user.setPasswordHash(passwordEncoder.encode(newPassword));
        // A reset proves control of the mailbox: it also verifies the email and ends remembered sessions.
        user.setEmailVerified(true);
        users.save(user);
        sessions.endSessionsOf(user.getId());
        throttle.clearAccount(user.getEmail());
        audit.success("password.reset", "user", user.getId(), user.getEmail());
    }

    public void changePassword(long userId, String currentPassword, String newPassword) {
        var user = users.findById(userId).orElseThrow();
        if (user.getPasswordHash() == null
                || currentPassword == null
                || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
            audit.failure("password.change", "user", userId, "wrong current password");
            throw new UserInputException("password.currentWrong");
        }
        policy.check(newPassword, user.getEmail());
        if (passwordEncoder.matches(newPassword, user.getPasswordHash())) {
            throw new UserInputException("password.same");
        }
        user.setPasswordHash(passwordEncoder.encode(newPassword));
        users.save(user);
        sessions.endOtherSessionsOf(userId);
        audit.success("password.change", "user", userId, null);
    }

    /** The account with this email (any case), for sign-in bookkeeping and who-is-signed-in. */
    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email == null ? "" : email.trim());
    }

    @Transactional(readOnly = true)
    public Optional<User> findById(long id) {
        return users.findById(id);
    }

    /** Several users in one query (names beside a list of reviews). */
    @Transactional(readOnly = true)
    public List<User> findAllById(java.util.Collection<Long> ids) {
        return users.findAllById(ids);
    }

    /** Ids of all users, or of those holding a role when {@code role} is not null (broadcast audiences). */
    @Transactional(readOnly = true)
    public java.util.List<Long> userIds(String role) {
        if (role == null) {
            return jdbc.sql("select id from users order by id")
                    .query(Long.class)
                    .list();
        }
        return jdbc.sql("select user_id from user_roles where role_code = ? order by user_id")
                .param(role)
                .query(Long.class)
                .list();
    }

    /** Ids of users whose email contains the text (any case, literally), in id order. */
    @Transactional(readOnly = true)
    public List<Long> idsWithEmailContaining(String text) {
        return jdbc.sql("select id from users where lower(email) like ? order by id")
                .param(LikePattern.containing(text))
                .query(Long.class)
                .list();
    }

    /** Users whose email or name contains the text, by email. */
    @Transactional(readOnly = true)
    public java.util.List<User> search(String text, int offset, int limit) {
        return users.search(text, offset, Math.max(1, limit));
    }

    @Transactional(readOnly = true)
    public long countSearch(String text) {
        return users.countSearch(text);
    }

    /**
     * The profiles of several users in one query (phone numbers decrypted); ids not found are left out. Plain SQL, not
     * the entity: loading users would also load each one's roles, one query per user.
     */
    @Transactional(readOnly = true)
    public java.util.List<Profile> profiles(java.util.Collection<Long> ids) {
        return jdbc.sql(
                        "select id, email, display_name, phone_encrypted, language, version from users where id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query((rs, n) -> new Profile(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        encryptor.decrypt(rs.getString(4), phoneContext(rs.getLong(1))),
                        rs.getString(5),
                        rs.getLong(6)))
                .list();
    }

    @Transactional(readOnly = true)
    public Profile profile(long userId) {
        var user = users.findById(userId).orElseThrow();
        return new Profile(
                user.getId(),
                user.getEmail(),
                user.getDisplayName(),
                encryptor.decrypt(user.getPhoneEncrypted(), phoneContext(user.getId())),
                user.getLanguage(),
                user.getVersion());
    }

    public void updateProfile(long userId, String displayName, String phone, String language) {
        applyProfile(users.findById(userId).orElseThrow(), displayName, phone, language);
    }

    /** Writes the profile onto the user as read: the update fails if its version moved since. */
    private void applyProfile(User user, String displayName, String phone, String language) {
        long userId = user.getId();
        user.setDisplayName(Inputs.displayName(displayName));
        user.setPhoneEncrypted(encryptor.encrypt(Inputs.phone(phone), phoneContext(userId)));
        if (language != null) {
            if (!Languages.isSupported(language)) {
                throw new UserInputException("language.unsupported");
            }
            user.setLanguage(Languages.of(language).getLanguage());
        }
        users.save(user);
        audit.success("profile.update", "user", userId, null);
    }

    /**
     * Changes the fields given (null: unchanged) if the account is still at {@code expectedVersion}
     * (the API's If-Match): a change made in between, from another device or by staff, is refused
     * with {@code StaleProfileException} instead of being overwritten. Two racing changes of the same
     * version: the second fails at commit on the row's version (optimistic locking).
     */
    public Profile changeProfile(long userId, long expectedVersion, String displayName, String phone, String language) {
        var user = users.findById(userId).orElseThrow();
        if (user.getVersion() != expectedVersion) {
            throw new StaleProfileException();
        }
        // The user as read and checked, so the update is conditioned on the version the caller saw.
        applyProfile(
                user,
                displayName != null ? displayName : user.getDisplayName(),
                phone != null ? phone : encryptor.decrypt(user.getPhoneEncrypted(), phoneContext(user.getId())),
                language);
        return profile(userId);
    }

    /** The account changed since the version the caller based its change on. */
    public static final class StaleProfileException extends RuntimeException {
        StaleProfileException() {
            super("the profile changed since it was read");
        }
    }

    public void updateLanguage(long userId, Locale locale) {
        users.findById(userId).ifPresent(u -> {
            u.setLanguage(Languages.of(locale.toLanguageTag()).getLanguage());
            users.save(u);
        });
    }

    /** Where a phone number is sealed: the users row's column (bound into the ciphertext). */
    public static String phoneContext(long userId) {
        return FieldEncryptor.context("users", "phone_encrypted", userId);
    }

    private void sendLink(User user, Purpose purpose, Duration ttl, String path) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        // A new link replaces any earlier unused one of the same purpose.
        jdbc.sql("update user_tokens set used_at = ? where user_id = ? and purpose = ? and used_at is null")
                .params(Timestamp.from(now), user.getId(), purpose.name())
                .update();
        jdbc.sql("insert into user_tokens (user_id, purpose, token_hash, expires_at) values (?, ?, ?, ?)")
                .params(user.getId(), purpose.name(), hash(token), Timestamp.from(now.plus(ttl)))
                .update();
        String link = properties.baseUrl() + path + "?token=" + token;
        // The notification module turns this into an email in this same transaction (its outbox).
        events.publishEvent(new AccountLinkIssued(
                user.getId(), AccountLinkIssued.Purpose.valueOf(purpose.name()), link, ttl.toMinutes()));
    }

    private User peek(String token, Purpose purpose) {
        if (token == null || token.isBlank()) {
            throw new UserInputException("token.invalid");
        }
        var row = jdbc.sql("select user_id, expires_at, used_at from user_tokens where token_hash = ? and purpose = ?")
                .params(hash(token), purpose.name())
                .query((rs, n) ->
                        new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3)})
                .optional()
                .orElseThrow(() -> new UserInputException("token.invalid"));
        if (row[2] != null) {
            throw new UserInputException("token.used");
        }
        if (!((Instant) row[1]).isAfter(clock.instant())) {
            throw new UserInputException("token.expired");
        }
        return users.findById((Long) row[0]).orElseThrow(() -> new UserInputException("token.invalid"));
    }

    private User consume(String token, Purpose purpose) {
        var user = peek(token, purpose);
        int updated = jdbc.sql("update user_tokens set used_at = ? where token_hash = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), hash(token))
                .update();
        if (updated != 1) {
            throw new UserInputException("token.used");
        }
        return user;
    }

    static String hash(String token) {
        return Digests.sha256Hex(token);
    }
}
