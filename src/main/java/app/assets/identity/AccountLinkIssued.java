package app.assets.identity;

/**
 * Published inside the transaction that issues a single-use link (email verification or password
 * reset), so the notification module can send it. The link itself is never stored: only this
 * event carries it.
 */
public record AccountLinkIssued(long userId, Purpose purpose, String link, long validMinutes) {

    /** What the link is for. */
    public enum Purpose {
        VERIFY_EMAIL,
        RESET_PASSWORD
    }
}
