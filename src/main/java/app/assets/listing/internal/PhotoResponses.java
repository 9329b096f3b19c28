package app.assets.listing.internal;

import app.assets.listing.service.ListingService;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How a listing photo is served, by the web route and the API alike: only ever as the image type
 * recognised at upload, with nosniff, a sandboxing CSP and an inline disposition that names no
 * uploaded file.
 */
public final class PhotoResponses {

    private PhotoResponses() {}

    public static ResponseEntity<byte[]> of(ListingService.Photo photo) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"photo-" + photo.id() + "\"")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .body(photo.bytes());
    }
}
