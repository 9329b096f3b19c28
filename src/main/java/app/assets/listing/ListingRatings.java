package app.assets.listing;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The item's rating as other modules change it: the review module adds the stars of a published
 * item review and takes back those of one a moderator hides. Kept as a count and a sum on the
 * listing so the listing page, search's minimum-rating filter and sorting by rating read one row.
 */
@Component
public class ListingRatings {

    public static final int STARS_MIN = 1;
    public static final int STARS_MAX = 5;

    /** The item's published review stars: how many reviews and their sum. */
    public record Rating(long count, long sum) {

        /** The average stars, or 0 without reviews. */
        public double average() {
            return count == 0 ? 0 : (double) sum / count;
        }
    }

    private final JdbcClient jdbc;

    public ListingRatings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one published review of the item. */
    @Transactional
    public void add(long listingId, int stars) {
        change(listingId, 1, requireStars(stars));
    }

    /** Takes back a review that no longer counts (hidden by a moderator). */
    @Transactional
    public void remove(long listingId, int stars) {
        change(listingId, -1, -requireStars(stars));
    }

    /** The item's rating as the listing page shows it. */
    @Transactional(readOnly = true)
    public Rating of(long listingId) {
        return jdbc.sql("select rating_count, rating_sum from listings where id = ?")
                .param(listingId)
                .query((rs, n) -> new Rating(rs.getLong("rating_count"), rs.getLong("rating_sum")))
                .optional()
                .orElse(new Rating(0, 0));
    }

    /** The ratings of several items in one query, by listing id (none for an unknown id). */
    @Transactional(readOnly = true)
    public Map<Long, Rating> of(Collection<Long> listingIds) {
        var result = new HashMap<Long, Rating>();
        jdbc.sql("select id, rating_count, rating_sum from listings where id = any(?)")
                .param(listingIds.toArray(Long[]::new))
                .query(rs -> {
                    result.put(rs.getLong(1), new Rating(rs.getLong(2), rs.getLong(3)));
                });
        return result;
    }

    private void change(long listingId, int count, int sum) {
        jdbc.sql("update listings set rating_count = rating_count + ?, rating_sum = rating_sum + ? where id = ?")
                .params(count, sum, listingId)
                .update();
    }

    private static int requireStars(int stars) {
        if (stars < STARS_MIN || stars > STARS_MAX) {
            throw new IllegalArgumentException("stars out of range: " + stars);
        }
        return stars;
    }
}
