package app.assets.base.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The file types people may upload (listing photos take the images, a ticket's thread all four),
 * recognised by their first bytes (never by the file name or the browser's claim), and the checks
 * every upload shares: is the file really what its header says, and its SHA-256 for spotting
 * duplicates. The one place file types are known.
 */
public enum FileKind {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg"),
    WEBP("image/webp", "webp"),
    PDF("application/pdf", "pdf");

    private final String contentType;
    private final String extension;

    FileKind(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** The kind stored under this content type (as {@link #contentType()} wrote it). */
    public static Optional<FileKind> ofContentType(String contentType) {
        for (var kind : values()) {
            if (kind.contentType.equals(contentType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the bytes are really of this kind beyond their first bytes: a PNG or JPEG must decode
     * to a picture; WebP (which the JDK cannot decode) and PDF pass on their header.
     */
    public boolean isGenuine(byte[] bytes) {
        return (this != PNG && this != JPEG) || decodesAsImage(bytes);
    }

    public boolean isImage() {
        return this != PDF;
    }

    public static Optional<FileKind> sniff(byte[] bytes) {
        if (bytes == null || bytes.length < 12) {
            return Optional.empty();
        }
        if ((bytes[0] & 0xFF) == 0x89
                && bytes[1] == 'P'
                && bytes[2] == 'N'
                && bytes[3] == 'G'
                && bytes[4] == 0x0D
                && bytes[5] == 0x0A
                && bytes[6] == 0x1A
                && bytes[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (bytes[0] == 'R'
                && bytes[1] == 'I'
                && bytes[2] == 'F'
                && bytes[3] == 'F'
                && bytes[8] == 'W'
                && bytes[9] == 'E'
                && bytes[10] == 'B'
                && bytes[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    private static boolean decodesAsImage(byte[] bytes) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(bytes));
            return image != null && image.getWidth() > 0 && image.getHeight() > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
