package app.assets.identity.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A person with an account: credentials, profile, roles and sign-in state. A plain object read and
 * written by {@link UserRepository} (JdbcClient, like every other table): change it, then {@code
 * save} it; saving an unchanged user writes nothing.
 */
public class User {

    public static final int EMAIL_MAX = 254;
    public static final int DISPLAY_NAME_MAX = 100;
    public static final int PASSWORD_MIN = 10;
    public static final int PASSWORD_MAX = 128;

    private Long id;
    private long version;
    private String email;
    private String passwordHash;
    private String displayName;
    private String phoneEncrypted;
    private String language = "en";
    private boolean emailVerified;
    private boolean locked;
    private Instant createdAt;
    private Set<String> roles = new HashSet<>();

    /** What was read or last saved, to tell whether there is anything to write. */
    private State saved;

    /** The fields {@code save} writes, compared with what was read. */
    record State(
            String email,
            String passwordHash,
            String displayName,
            String phoneEncrypted,
            String language,
            boolean emailVerified,
            boolean locked,
            Set<String> roles) {}

    /** A user as read from its row. */
    User(long id, long version, Instant createdAt, State state) {
        this.id = id;
        this.version = version;
        this.createdAt = createdAt;
        this.email = state.email();
        this.passwordHash = state.passwordHash();
        this.displayName = state.displayName();
        this.phoneEncrypted = state.phoneEncrypted();
        this.language = state.language();
        this.emailVerified = state.emailVerified();
        this.locked = state.locked();
        this.roles = new HashSet<>(state.roles());
        this.saved = state;
    }

    public User(String email, String displayName, String language, Instant createdAt) {
        this.email = email;
        this.displayName = displayName;
        this.language = language;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    /** Grows by one at every change of the row (optimistic locking); the API's ETag of a profile. */
    public long getVersion() {
        return version;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPhoneEncrypted() {
        return phoneEncrypted;
    }

    public void setPhoneEncrypted(String phoneEncrypted) {
        this.phoneEncrypted = phoneEncrypted;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public void setEmailVerified(boolean emailVerified) {
        this.emailVerified = emailVerified;
    }

    public boolean isLocked() {
        return locked;
    }

    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<String> getRoles() {
        return roles;
    }

    State state() {
        return new State(
                email, passwordHash, displayName, phoneEncrypted, language, emailVerified, locked, Set.copyOf(roles));
    }

    /** Null for a user never saved. */
    State saved() {
        return saved;
    }

    void saved(long newId, long newVersion, State state) {
        this.id = newId;
        this.version = newVersion;
        this.saved = state;
    }
}
