package app.assets.listing.internal;

import app.assets.listing.service.ListingService;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves listing photos to signed-in users who may see the listing, only ever as the image type
 * recognised at upload, with nosniff and an inline disposition that names no uploaded file.
 */
@RestController
class PhotoController {

    private final ListingService listings;

    PhotoController(ListingService listings) {
        this.listings = listings;
    }

    @GetMapping("/listing-photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable long id) {
        return listings.photo(id)
                .map(p -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(p.contentType()))
                        .header("X-Content-Type-Options", "nosniff")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"photo-" + p.id() + "\"")
                        .header("Content-Security-Policy", "default-src 'none'; sandbox")
                        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                        .body(p.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
