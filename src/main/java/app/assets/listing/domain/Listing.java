package app.assets.listing.domain;

import app.assets.listing.ListingCategory;
import java.time.Instant;

/** An asset a lender offers: what it is, what a day costs, and whether others may see and borrow it. */
public record Listing(
        long id,
        long ownerUserId,
        String ownerName,
        String title,
        ListingCategory category,
        String description,
        long dailyPrice,
        Availability availability,
        Moderation moderation,
        String moderationNote,
        Instant createdAt,
        Long firstPhotoId) {

    public static final int TITLE_MAX = 120;
    public static final int DESCRIPTION_MAX = 4000;
    public static final int NOTE_MAX = 500;
    public static final int PHOTOS_MAX = 5;
    public static final int PHOTO_BYTES_MAX = 2 * 1024 * 1024;
    public static final long DAILY_PRICE_MAX = 1_000_000_000_000L;

    /** Whether the owner offers it now. */
    public enum Availability {
        AVAILABLE,
        PAUSED
    }

    /** Where it stands with the moderators; only APPROVED listings are visible to others. */
    public enum Moderation {
        PENDING,
        APPROVED,
        REJECTED,
        UNPUBLISHED
    }

    public boolean isPublic() {
        return moderation == Moderation.APPROVED;
    }

    public boolean isBorrowable() {
        return isPublic() && availability == Availability.AVAILABLE;
    }

    /** Others see approved listings only; owners and moderators see every state. */
    public boolean visibleTo(long userId, boolean moderator) {
        return isPublic() || ownerUserId == userId || moderator;
    }
}
