package app.assets.listing.api;

import app.assets.base.api.ApiPaths;
import app.assets.listing.ListingRatings;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import java.time.Instant;
import java.util.List;

/**
 * A listing as the API shows it: what it is, where (city and area, never the exact address, which
 * only an accepted borrower gets on the ticket), its terms and rates, photos, rating and lender.
 * The moderator's note is for the owner (and staff) only.
 */
record ListingView(
        long id,
        String title,
        String description,
        String category,
        String city,
        String area,
        long ownerId,
        String ownerName,
        long dailyPrice,
        Long weeklyPrice,
        Long monthlyPrice,
        long deposit,
        int minDays,
        int maxDays,
        int leadDays,
        String moderation,
        String availability,
        String moderationNote,
        double rating,
        long ratingCount,
        List<PhotoRef> photos,
        Instant createdAt,
        long version) {

    /** A photo and where to download it. */
    record PhotoRef(long id, String url) {
        static PhotoRef of(long listingId, long photoId) {
            return new PhotoRef(photoId, photoUrl(listingId, photoId));
        }
    }

    static String photoUrl(long listingId, long photoId) {
        return ApiPaths.BASE + "/listings/" + listingId + "/photos/" + photoId;
    }

    /** Several listings the caller read through the service, their photos and ratings read in one query each. */
    static List<ListingView> ofAll(
            List<Listing> listings, ListingService service, ListingRatings ratings, boolean ownerOrStaff) {
        if (listings.isEmpty()) {
            return List.of();
        }
        var photos = service.photoIdsOf(listings);
        var stars = ratings.of(listings.stream().map(Listing::id).toList());
        return listings.stream()
                .map(l -> of(
                        l,
                        photos.get(l.id()),
                        stars.getOrDefault(l.id(), new ListingRatings.Rating(0, 0)),
                        ownerOrStaff))
                .toList();
    }

    static ListingView of(Listing l, List<Long> photoIds, ListingRatings.Rating rating, boolean ownerOrStaff) {
        var t = l.terms();
        return new ListingView(
                l.id(),
                l.title(),
                l.description(),
                l.category().name(),
                l.city(),
                l.area(),
                l.ownerUserId(),
                l.ownerName(),
                l.dailyPrice(),
                t.weeklyPrice(),
                t.monthlyPrice(),
                t.deposit(),
                t.minDays(),
                t.maxDays(),
                t.leadDays(),
                l.moderation().name(),
                l.availability().name(),
                ownerOrStaff ? l.moderationNote() : null,
                rating.average(),
                rating.count(),
                photoIds.stream().map(p -> PhotoRef.of(l.id(), p)).toList(),
                l.createdAt(),
                l.version());
    }
}
