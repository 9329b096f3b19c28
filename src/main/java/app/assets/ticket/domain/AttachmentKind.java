package app.assets.ticket.domain;

import app.assets.base.files.FileKind;
import java.util.Optional;

/**
 * The kinds of file a ticket's thread accepts, recognised by their first bytes (never by the
 * file name or the browser's claim): PNG, JPEG and WebP images, and PDF documents.
 */
public enum AttachmentKind {
    PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), WEBP("image/webp", "webp"), PDF("application/pdf", "pdf");

    private final String contentType;
    private final String extension;

    AttachmentKind(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public boolean isImage() {
        return this != PDF;
    }

    public static Optional<AttachmentKind> ofContentType(String contentType) {
        for (var kind : values()) {
            if (kind.contentType.equals(contentType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public static Optional<AttachmentKind> sniff(byte[] bytes) {
        return FileKind.sniff(bytes).map(k -> AttachmentKind.valueOf(k.name()));
    }
}
