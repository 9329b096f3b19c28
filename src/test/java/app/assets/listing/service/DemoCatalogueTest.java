package app.assets.listing.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.identity.UserDirectory;
import app.assets.listing.ListingSearch;
import app.assets.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo catalogue: seeded once with photos and blocked days, never without the demo switches. */
class DemoCatalogueTest extends IntegrationTest {

    @Autowired
    UserDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Clock clock;

    @Autowired
    ListingService listings;

    @Autowired
    ListingSearch search;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void seedsADozenApprovedListingsWithPhotosOnceAndOnlyWhenDemoDataIsOn() throws Exception {
        catalogue(false, true).run(new DefaultApplicationArguments());
        catalogue(true, false).run(new DefaultApplicationArguments());
        assertThat(demoListings()).as("demo accounts or catalogue off: nothing").isZero();

        catalogue(true, true).run(new DefaultApplicationArguments());
        assertThat(demoListings()).isEqualTo(DemoCatalogue.ITEMS.size()).isGreaterThanOrEqualTo(12);
        int photos = demoPhotos();
        int blocked = demoBlocked();

        catalogue(true, true).run(new DefaultApplicationArguments());
        assertThat(demoListings()).as("a restart adds nothing").isEqualTo(DemoCatalogue.ITEMS.size());
        assertThat(demoPhotos()).isEqualTo(photos);
        assertThat(demoBlocked()).isEqualTo(blocked).isPositive();

        assertThat(jdbc.sql("select count(distinct category) from listings where title in (:titles)")
                        .param("titles", titles())
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(8);
        assertThat(jdbc.sql("select count(distinct city) from listings where title in (:titles)")
                        .param("titles", titles())
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql("select count(*) from listings where title in (:titles) and moderation = 'APPROVED'")
                        .param("titles", titles())
                        .query(Integer.class)
                        .single())
                .isEqualTo(DemoCatalogue.ITEMS.size());

        // A borrower finds them and sees their photos through the listing photo path: real PNG images.
        actAs("borrower@assets.local");
        var cameras = search.find(ListingSearch.Filter.any().withText("دوربين"), 0, 10);
        assertThat(cameras)
                .extracting(ListingSearch.Hit::title)
                .contains(DemoCatalogue.ITEMS.getFirst().title());
        var hit = cameras.stream()
                .filter(h -> h.title().equals(DemoCatalogue.ITEMS.getFirst().title()))
                .findFirst()
                .orElseThrow();
        var photo = listings.photo(hit.firstPhotoId()).orElseThrow();
        assertThat(photo.contentType()).isEqualTo("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(photo.bytes()));
        assertThat(image.getWidth()).isEqualTo(DemoPictures.WIDTH);
    }

    private DemoCatalogue catalogue(boolean demoAccounts, boolean demoCatalogue) {
        return new DemoCatalogue(demoAccounts, demoCatalogue, directory, jdbc, transactions, clock);
    }

    private static List<String> titles() {
        return DemoCatalogue.ITEMS.stream().map(DemoCatalogue.Item::title).toList();
    }

    private int demoListings() {
        return jdbc.sql("""
                        select count(*) from listings l join users u on u.id = l.owner_user_id
                        where u.email = :lender and l.title in (:titles)""")
                .param("lender", DemoCatalogue.LENDER)
                .param("titles", titles())
                .query(Integer.class)
                .single();
    }

    private int demoPhotos() {
        return jdbc.sql("""
                        select count(*) from listing_photos p join listings l on l.id = p.listing_id
                        where l.title in (:titles)""").param("titles", titles()).query(Integer.class).single();
    }

    private int demoBlocked() {
        return jdbc.sql("""
                        select count(*) from listing_calendar c join listings l on l.id = c.listing_id
                        where l.title in (:titles) and c.kind = 'BLOCKED'""").param("titles", titles()).query(Integer.class).single();
    }
}
