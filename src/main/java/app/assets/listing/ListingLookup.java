package app.assets.listing;

import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds a listing for other modules (the ticket module), with the same visibility rules as the listing views. */
@Component
public class ListingLookup {

    private final ListingService listings;
    private final JdbcClient jdbc;

    public ListingLookup(ListingService listings, JdbcClient jdbc) {
        this.listings = listings;
        this.jdbc = jdbc;
    }

    /** The ids of one owner's listings that others may borrow now (approved, not paused), cheapest first. */
    public List<Long> borrowableOf(long ownerUserId) {
        return jdbc.sql("""
                        select id from listings where owner_user_id = ? and moderation = 'APPROVED' and availability = 'AVAILABLE'
                        order by daily_price, id""").param(ownerUserId).query(Long.class).list();
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
