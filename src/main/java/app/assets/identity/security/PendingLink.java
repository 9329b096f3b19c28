package app.assets.identity.security;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A provider account waiting to be linked to a staff account until that account's password
 * confirms it; kept in the HTTP session of the browser that came back from the provider, and
 * usable for {@link #TTL}.
 *
 * @param provider the registration id (e.g. {@code github})
 * @param subject  the account's id at the provider
 * @param userId   the staff account the provider's verified email belongs to
 * @param email    that account's email
 * @param since    when the provider sent the browser back
 */
public record PendingLink(String provider, String subject, long userId, String email, Instant since)
        implements Serializable {

    /** The route of the password step (LinkAccountView). */
    public static final String ROUTE = "link-account";

    /** The session attribute holding the pending link. */
    public static final String SESSION_KEY = PendingLink.class.getName();

    /** How long after the provider's answer the password may still confirm the link. */
    public static final Duration TTL = Duration.ofMinutes(10);

    public boolean isUsableAt(Instant now) {
        return now.isBefore(since.plus(TTL));
    }
}
