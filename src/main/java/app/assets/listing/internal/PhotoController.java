package app.assets.listing.internal;

import app.assets.listing.service.ListingService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves listing photos to signed-in users who may see the listing ({@link PhotoResponses}). */
@RestController
class PhotoController {

    private final ListingService listings;

    PhotoController(ListingService listings) {
        this.listings = listings;
    }

    @GetMapping("/listing-photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable long id) {
        return listings.photo(id)
                .map(PhotoResponses::of)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
