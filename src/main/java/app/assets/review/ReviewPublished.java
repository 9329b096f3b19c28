package app.assets.review;

/**
 * A review became visible (both sides wrote, or the review window closed): the notification module
 * tells its subject. Published inside the transaction that published it.
 */
public record ReviewPublished(
        long reviewId, long ticketId, long authorUserId, long subjectUserId, int stars, String listingTitle) {}
