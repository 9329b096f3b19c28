package app.assets.listing;

import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds a listing for other modules (the ticket module), with the same visibility rules as the listing views. */
@Component
public class ListingLookup {

    private final ListingService listings;

    public ListingLookup(ListingService listings) {
        this.listings = listings;
    }

    /** The listing if the signed-in user may see it (approved, their own, or they moderate). */
    public Optional<ListingSummary> find(long listingId) {
        return listings.find(listingId)
                .map(l -> new ListingSummary(
                        l.id(), l.ownerUserId(), l.ownerName(), l.title(), l.dailyPrice(), l.isBorrowable()));
    }

    /** The listing's rental terms (length, lead time, rates, deposit) if the signed-in user may see it. */
    public Optional<RentalTerms> terms(long listingId) {
        return listings.find(listingId).map(Listing::terms);
    }

    /**
     * The exact address, whatever the listing's state now. The listing module does not know who
     * may read it: the caller (the ticket module) gives it only to a borrower whose request the
     * lender has accepted. Empty when the lender gave none.
     */
    public Optional<String> exactAddress(long listingId) {
        return listings.exactAddress(listingId).filter(a -> !a.isBlank());
    }
}
