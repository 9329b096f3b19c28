package app.assets.review.domain;

import app.assets.ticket.TicketParties;
import java.time.Instant;

/**
 * One side's review of the other after a completed ticket, as stored. {@code itemStars} is the
 * borrower's rating of the item (null in the lender's review); {@code publishedAt} is when its
 * round was published (null while double-blind); {@code hiddenAt} when a moderator hid it.
 */
public record Review(
        long id,
        long ticketId,
        long authorUserId,
        String authorName,
        long subjectUserId,
        TicketParties.Side authorSide,
        int stars,
        String body,
        Integer itemStars,
        Instant createdAt,
        Instant publishedAt,
        Instant hiddenAt,
        String hiddenReason) {

    public static final int STARS_MIN = 1;
    public static final int STARS_MAX = 5;
    public static final int BODY_MAX = 2000;
    public static final int REASON_MAX = 500;

    /** Whether others (the subject, profile visitors) may read it. */
    public boolean isVisible() {
        return publishedAt != null && hiddenAt == null;
    }
}
