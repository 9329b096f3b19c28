package app.assets.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import app.assets.listing.service.ListingService;
import app.assets.listing.service.ListingService.ListingForm;
import app.assets.support.WebIntegrationTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Listing photos over HTTP: signed-in users get those of listings they may see, nobody else any. */
class ListingPhotoAccessTest extends WebIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ListingService listings;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSignedInUserSeesThePhotosOfApprovedListingsOnly() throws Exception {
        actAs("lender@assets.local");
        long approved = listings.create(new ListingForm("Photo access kayak", ListingCategory.OTHER, "", 10_000L));
        long approvedPhoto = listings.addPhoto(approved, png(1));
        long pending = listings.create(new ListingForm("Photo access canoe", ListingCategory.OTHER, "", 10_000L));
        long pendingPhoto = listings.addPhoto(pending, png(2));
        actAs("moderator@assets.local");
        listings.approve(approved);
        SecurityContextHolder.clearContext();

        var borrower = user(users.loadUserByUsername("borrower@assets.local"));
        var response = mvc.perform(get("/listing-photos/" + approvedPhoto).with(borrower))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("image/png");
        assertThat(mvc.perform(get("/listing-photos/" + pendingPhoto).with(borrower))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("a listing not yet approved")
                .isEqualTo(404);
        assertThat(mvc.perform(get("/listing-photos/" + approvedPhoto))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("anonymous")
                .isNotEqualTo(200);
    }

    private static byte[] png(int shade) throws Exception {
        var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x112233 * shade);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
