package app.assets.listing;

/**
 * Published when a moderator approves, rejects or unpublishes a listing; the owner is told. Carries what the message
 * needs (the title, the moderator's note), so listeners do not read the listing back.
 */
public record ListingModerated(long listingId, long ownerUserId, String title, Outcome outcome, String note) {

    /** What the moderator decided. */
    public enum Outcome {
        APPROVED,
        REJECTED,
        UNPUBLISHED
    }
}
