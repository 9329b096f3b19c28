package app.assets.listing.domain;

import app.assets.listing.ListingCategory;
import app.assets.listing.RentalTerms;
import java.time.Instant;

/**
 * An asset a lender offers: what it is, what a day costs, whether others may see and borrow it,
 * where it is (city and area for everyone, the exact address only for a borrower the lender has
 * accepted) and its rental terms. {@code version} grows with every edit of its content (the
 * API's ETag).
 */
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
        Long firstPhotoId,
        String city,
        String area,
        String address,
        RentalTerms terms,
        long version) {

    /** The same listing with its owner's display name (looked up from identity). */
    public Listing withOwnerName(String name) {
        return new Listing(
                id,
                ownerUserId,
                name,
                title,
                category,
                description,
                dailyPrice,
                availability,
                moderation,
                moderationNote,
                createdAt,
                firstPhotoId,
                city,
                area,
                address,
                terms,
                version);
    }

    public static final int TITLE_MAX = 120;
    public static final int DESCRIPTION_MAX = 4000;
    public static final int NOTE_MAX = 500;
    public static final int PHOTOS_MAX = 5;
    public static final int PHOTO_BYTES_MAX = 2 * 1024 * 1024;
    public static final long DAILY_PRICE_MAX = 1_000_000_000_000L;
    public static final int CITY_MAX = 60;
    public static final int AREA_MAX = 60;
    public static final int ADDRESS_MAX = 300;

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
