package app.assets.support;

import app.assets.identity.service.AccountService;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Creates accounts for a test through the real sign-up path, and reads the links mailed to them
 * from the captured mailbox. Each account gets a unique email so tests sharing a database stay
 * independent.
 */
public record TestUsers(AccountService accounts, JdbcClient jdbc) {

    public static final String PASSWORD = "a-long-unusual-passphrase";

    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs up without verifying: the account exists but cannot sign in yet. */
    public long unverified(String email) {
        return accounts.signUp(new AccountService.SignUp(email, PASSWORD, "Test Person", null, Locale.ENGLISH));
    }

    /** Signs up and opens the verification link, as a person completing sign-up would. */
    public long verified(String email) {
        long id = unverified(email);
        accounts.verifyEmail(lastToken(email, "/verify-email"));
        return id;
    }

    /** The token of the latest link to {@code path} mailed to {@code email}. */
    public String lastToken(String email, String path) {
        var matcher = TOKEN.matcher(SentLinks.latest(jdbc, email, path));
        if (!matcher.find()) {
            throw new IllegalStateException("No token in mail to " + email);
        }
        return matcher.group(1);
    }
}
