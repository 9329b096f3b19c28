package app.assets.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import app.assets.listing.service.ListingService.ListingForm;
import app.assets.support.IntegrationTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

class ListingServiceTest extends IntegrationTest {

    @Autowired
    ListingService listings;

    @Autowired
    ListingSearch search;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aNewListingIsVisibleOnlyToItsOwnerAndModeratorsUntilApproved() {
        actAs("lender@assets.local");
        long id = listings.create(
                new ListingForm("Canon EOS R6", ListingCategory.CAMERA, "Full frame, two lenses", 900_000L));
        assertThat(listings.find(id)).get().extracting(Listing::moderation).isEqualTo(Listing.Moderation.PENDING);

        actAs("borrower@assets.local");
        assertThat(listings.find(id)).isEmpty();
        assertThat(search.find(ListingSearch.Filter.any().withText("canon"), 0, 10))
                .extracting(ListingSearch.Hit::id)
                .doesNotContain(id);

        actAs("moderator@assets.local");
        assertThat(listings.pending(0, 50)).extracting(Listing::id).contains(id);
        listings.approve(id);

        actAs("borrower@assets.local");
        assertThat(listings.find(id)).isPresent();
        assertThat(search.find(
                        new ListingSearch.Filter(
                                "CANON",
                                ListingCategory.CAMERA,
                                null,
                                500_000L,
                                1_000_000L,
                                null,
                                null,
                                null,
                                ListingSearch.Sort.RELEVANCE),
                        0,
                        10))
                .extracting(ListingSearch.Hit::id)
                .containsExactly(id);
        assertThat(search.find(
                        new ListingSearch.Filter("canon", null, null, 950_000L, null, null, null, null, null), 0, 10))
                .extracting(ListingSearch.Hit::id)
                .doesNotContain(id);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'listing.approved' and entity_id = ?")
                        .param(String.valueOf(id))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void searchTextIsMatchedLiterallyEvenWithLikeWildcards() {
        actAs("lender@assets.local");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long percent =
                listings.create(new ListingForm("Tent " + tag + " 100% waterproof", ListingCategory.TENT, "", 50_000L));
        long plain = listings.create(new ListingForm("Tent " + tag + " 1000 grams", ListingCategory.TENT, "", 50_000L));
        actAs("moderator@assets.local");
        listings.approve(percent);
        listings.approve(plain);

        actAs("borrower@assets.local");
        assertThat(search.find(ListingSearch.Filter.any().withText(tag + " 100%"), 0, 10))
                .extracting(ListingSearch.Hit::id)
                .containsExactly(percent);
        assertThat(search.find(ListingSearch.Filter.any().withText(tag + " 1_0"), 0, 10))
                .as("_ is a letter here, not any character")
                .isEmpty();
    }

    @Test
    void anEditSendsTheListingBackToModerationAndAPausedListingIsNotSearchable() {
        long id = approvedListing("Bosch drill");
        actAs("lender@assets.local");
        listings.setPaused(id, true);
        actAs("borrower@assets.local");
        assertThat(search.find(ListingSearch.Filter.any().withText("bosch"), 0, 10))
                .extracting(ListingSearch.Hit::id)
                .doesNotContain(id);
        actAs("lender@assets.local");
        listings.setPaused(id, false);
        listings.update(id, new ListingForm("Bosch drill, with bits", ListingCategory.TOOLS, "", 100_000L));
        actAs("borrower@assets.local");
        assertThat(listings.find(id)).isEmpty();
    }

    @Test
    void nobodyButTheOwnerEditsAListing() {
        long id = approvedListing("Tent for four");
        actAs("borrower@assets.local");
        assertThatThrownBy(() -> listings.update(id, new ListingForm("Mine now", ListingCategory.TENT, "", 1L)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("listing.notFound");
        assertThatThrownBy(() -> listings.setPaused(id, true)).hasMessageContaining("listing.notFound");
        assertThatThrownBy(() -> listings.addPhoto(id, png())).hasMessageContaining("listing.notFound");
        assertThat(listings.findOwn(id)).isEmpty();
    }

    @Test
    void onlyModeratorsModerate() {
        actAs("lender@assets.local");
        long id = listings.create(new ListingForm("Kindle", ListingCategory.BOOKS, "", 50_000L));
        assertThatThrownBy(() -> listings.approve(id)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> listings.pending(0, 10)).isInstanceOf(AccessDeniedException.class);
        actAs("moderator@assets.local");
        assertThatThrownBy(() -> listings.reject(id, " ")).hasMessageContaining("reason.required");
        listings.reject(id, "Blurry description");
        actAs("lender@assets.local");
        assertThat(listings.find(id)).get().extracting(Listing::moderationNote).isEqualTo("Blurry description");
    }

    @Test
    void badInputGetsAClearMessageAndWritesNothing() {
        actAs("lender@assets.local");
        int before =
                jdbc.sql("select count(*) from listings").query(Integer.class).single();
        assertThatThrownBy(() -> listings.create(new ListingForm("  ", ListingCategory.OTHER, "", 1L)))
                .hasMessageContaining("listing.titleRequired");
        assertThatThrownBy(() -> listings.create(new ListingForm("x".repeat(121), ListingCategory.OTHER, "", 1L)))
                .hasMessageContaining("listing.titleTooLong");
        assertThatThrownBy(() -> listings.create(new ListingForm("Ok", null, "", 1L)))
                .hasMessageContaining("listing.categoryRequired");
        assertThatThrownBy(() -> listings.create(new ListingForm("Ok", ListingCategory.OTHER, "", 0L)))
                .hasMessageContaining("money.positive");
        assertThatThrownBy(() -> listings.create(new ListingForm("Ok", ListingCategory.OTHER, "", null)))
                .hasMessageContaining("money.required");
        assertThatThrownBy(() -> listings.create(new ListingForm("Ok", ListingCategory.OTHER, "d".repeat(4001), 5L)))
                .hasMessageContaining("listing.descriptionTooLong");
        assertThat(jdbc.sql("select count(*) from listings")
                        .query(Integer.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aPhotoAddedToAnApprovedListingSendsItBackToModeration() throws Exception {
        actAs("lender@assets.local");
        long id = listings.create(new ListingForm("Drum kit " + UUID.randomUUID(), ListingCategory.AUDIO, "", 90_000L));
        actAs("moderator@assets.local");
        listings.approve(id);
        actAs("lender@assets.local");

        listings.addPhoto(id, png());

        assertThat(listings.find(id)).get().extracting(Listing::moderation).isEqualTo(Listing.Moderation.PENDING);
        actAs("borrower@assets.local");
        assertThat(listings.find(id)).as("hidden until the photo is reviewed").isEmpty();
    }

    @Test
    void photosMustBeRealImagesOfLimitedSizeAndNumber() throws Exception {
        actAs("lender@assets.local");
        long id = listings.create(new ListingForm("Guitar", ListingCategory.AUDIO, "", 70_000L));
        long photo = listings.addPhoto(id, png());
        assertThat(listings.photo(photo))
                .get()
                .extracting(ListingService.Photo::contentType)
                .isEqualTo("image/png");

        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> listings.addPhoto(id, html)).hasMessageContaining("photo.notImage");
        byte[] fakePng = Arrays.copyOf(png(), 40); // PNG magic, but not a decodable image
        assertThatThrownBy(() -> listings.addPhoto(id, fakePng)).hasMessageContaining("photo.notImage");
        assertThatThrownBy(() -> listings.addPhoto(id, new byte[Listing.PHOTO_BYTES_MAX + 1]))
                .hasMessageContaining("photo.tooLarge");
        assertThatThrownBy(() -> listings.addPhoto(id, png())).hasMessageContaining("photo.duplicate");
        for (int i = 1; i < Listing.PHOTOS_MAX; i++) {
            listings.addPhoto(id, png(i));
        }
        assertThatThrownBy(() -> listings.addPhoto(id, png(99))).hasMessageContaining("photo.tooMany");

        actAs("borrower@assets.local");
        assertThat(listings.photo(photo))
                .as("photos of an unapproved listing stay private")
                .isEmpty();
    }

    private long approvedListing(String title) {
        actAs("lender@assets.local");
        long id = listings.create(new ListingForm(title, ListingCategory.TOOLS, "", 100_000L));
        actAs("moderator@assets.local");
        listings.approve(id);
        return id;
    }

    private static byte[] png() throws Exception {
        return png(0);
    }

    private static byte[] png(int seed) throws Exception {
        var image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, seed * 1000 + 7);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
