package app.assets.identity;

import app.assets.identity.service.AccountService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Looks people up for other modules (the recipient of a transfer, the owner of a wallet). It does
 * not check permissions itself: the calling use case does, for what it shows.
 */
@Component
public class UserDirectory {

    /** Who a user is, as other modules may show it. */
    public record Person(long id, String email, String displayName) {
    }

    private final AccountService accounts;

    public UserDirectory(AccountService accounts) {
        this.accounts = accounts;
    }

    public Optional<Person> byEmail(String email) {
        return accounts.findByEmail(email == null ? "" : email.trim())
                .map(u -> new Person(u.getId(), u.getEmail(), u.getDisplayName()));
    }

    public Optional<Person> byId(long id) {
        return accounts.findById(id).map(u -> new Person(u.getId(), u.getEmail(), u.getDisplayName()));
    }

    public List<Person> search(String text, int offset, int limit) {
        return accounts.search(text, offset, limit).stream()
                .map(u -> new Person(u.getId(), u.getEmail(), u.getDisplayName())).toList();
    }

    public int count(String text) {
        return (int) accounts.countSearch(text);
    }
}
