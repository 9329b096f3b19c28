package app.assets.identity;

import app.assets.base.i18n.Languages;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.Inputs;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Looks people up for other modules (the recipient of a transfer, the owner of a wallet). It does
 * not check permissions itself: the calling use case does, for what it shows.
 */
@Component
public class UserDirectory {

    /** Who a user is, as other modules may show it. */
    public record Person(long id, String email, String displayName) {}

    /**
     * What anyone signed in may know of a user (a public profile): never the email or phone
     * themselves, only whether they are verified. Phone numbers are not verified by Assets yet, so
     * {@code phoneVerified} is false for everyone until they are.
     */
    public record PublicPerson(
            long id, String displayName, Instant memberSince, boolean emailVerified, boolean phoneVerified) {}

    /** How to reach a user: email, language and (decrypted) phone number, if any. */
    public record Contact(long id, String email, String displayName, String language, String phone) {}

    private final AccountService accounts;

    public UserDirectory(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * The address as accounts are stored under it (trimmed, lower case), refused as {@code
     * email.required} or {@code email.invalid} with no account looked up.
     */
    public static String normalizedEmail(String raw) {
        return Inputs.email(raw);
    }

    public Optional<Person> byEmail(String email) {
        return accounts.findByEmail(email == null ? "" : email.trim())
                .map(u -> new Person(u.getId(), u.getEmail(), u.getDisplayName()));
    }

    public Optional<Person> byId(long id) {
        return accounts.findById(id).map(u -> new Person(u.getId(), u.getEmail(), u.getDisplayName()));
    }

    public Optional<PublicPerson> publicPerson(long id) {
        return accounts.findById(id)
                .map(u ->
                        new PublicPerson(u.getId(), u.getDisplayName(), u.getCreatedAt(), u.isEmailVerified(), false));
    }

    /** Display names of several users in one query; ids not found are left out. */
    public Map<Long, String> displayNames(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return accounts.findAllById(ids).stream()
                .collect(Collectors.toMap(u -> u.getId(), u -> u.getDisplayName(), (a, b) -> a));
    }

    /** Emails of several users in one query; ids not found are left out. */
    public Map<Long, String> emails(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return accounts.findAllById(ids).stream()
                .collect(Collectors.toMap(u -> u.getId(), u -> u.getEmail(), (a, b) -> a));
    }

    /**
     * Ids of the users whose email contains {@code text} (any case, taken literally), in one query:
     * for another module's list filtered by email. Blank text matches everyone.
     */
    public List<Long> idsWithEmailContaining(String text) {
        return accounts.idsWithEmailContaining(text);
    }

    /** The language a user reads Assets in (English for an unknown user), for texts made without a browser. */
    public Locale language(long id) {
        return Languages.of(accounts.findById(id).map(u -> u.getLanguage()).orElse(null));
    }

    /** Email, language and phone of a user, for sending them notifications. */
    public Optional<Contact> contact(long id) {
        return accounts.findById(id).map(u -> {
            var profile = accounts.profile(id);
            return new Contact(id, u.getEmail(), u.getDisplayName(), u.getLanguage(), profile.phone());
        });
    }

    /** How to reach several users, in one query; ids not found are left out. */
    public Map<Long, Contact> contacts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return accounts.profiles(ids).stream()
                .collect(Collectors.toMap(
                        p -> p.id(),
                        p -> new Contact(p.id(), p.email(), p.displayName(), p.language(), p.phone()),
                        (a, b) -> a));
    }

    /** Ids of every user, or of those holding {@code role} when it is not null. */
    public List<Long> userIds(String role) {
        return accounts.userIds(role);
    }

    public List<Person> search(String text, int offset, int limit) {
        return accounts.search(text, offset, limit).stream()
                .map(u -> new Person(u.getId(), u.getEmail(), u.getDisplayName()))
                .toList();
    }

    public int count(String text) {
        return (int) accounts.countSearch(text);
    }
}
