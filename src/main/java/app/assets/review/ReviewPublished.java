package app.assets.review;

/**
 * A review became visible (both sides wrote, or the review window closed): the notification module
 * tells its subject who wrote it about which listing. Published inside the transaction that published it.
 */
public record ReviewPublished(
        long reviewId,
        long ticketId,
        long authorUserId,
        String authorName,
        long subjectUserId,
        int stars,
        String listingTitle) {}
