package app.assets.listing;

/** Published when a moderator approves, rejects or unpublishes a listing; the owner is told. */
public record ListingModerated(long listingId, long ownerUserId, String title, String outcome, String note) {}
