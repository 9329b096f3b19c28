package app.assets.identity;

/**
 * Published inside the transaction that issues a single-use link (email verification or password
 * reset), so the notification module can send it. The link is never stored in clear: identity keeps
 * only the token's hash, and the notification keeps its text redacted and the link sealed for the
 * sender until it expires.
 */
public record AccountLinkIssued(long userId, Purpose purpose, String link, long validMinutes) {

    /** What the link is for. */
    public enum Purpose {
        VERIFY_EMAIL,
        RESET_PASSWORD
    }
}
