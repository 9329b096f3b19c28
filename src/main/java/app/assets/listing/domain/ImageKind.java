package app.assets.listing.domain;

import app.assets.base.files.FileKind;
import java.util.Optional;

/**
 * The image formats a listing photo may be, recognised by their first bytes (never by the file
 * name or the browser's claim): PNG, JPEG and WebP.
 */
public enum ImageKind {
    PNG("image/png"), JPEG("image/jpeg"), WEBP("image/webp");

    private final String contentType;

    ImageKind(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ImageKind> sniff(byte[] bytes) {
        return FileKind.sniff(bytes).filter(FileKind::isImage).map(k -> ImageKind.valueOf(k.name()));
    }
}
