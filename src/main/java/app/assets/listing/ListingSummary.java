package app.assets.listing;

/** What other modules may know of a listing: who offers it, at what daily price, and whether it can be borrowed now. */
public record ListingSummary(
        long id, long ownerUserId, String ownerName, String title, long dailyPrice, boolean borrowable) {}
