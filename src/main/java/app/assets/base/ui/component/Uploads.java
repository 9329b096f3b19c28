package app.assets.base.ui.component;

import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.streams.InMemoryUploadCallback;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import java.io.IOException;
import java.io.InputStream;

/**
 * Uploads as this application takes them: the component's own texts (add and drop) in the user's
 * language, the rest Vaadin's defaults; and a receiver that never holds more than the limit.
 */
public final class Uploads {

    /** Room for a multipart request's headers and boundaries beside the file itself. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    private Uploads() {}

    /**
     * Receives one file of at most {@code maxBytes} into memory and hands it to {@code callback}.
     * The limit holds on the server, not only in the browser: Vaadin refuses a request that declares
     * a bigger size (Content-Length) before reading it, and a request that declares none (chunked)
     * is read at most one byte past the limit and then rejected, so a hostile upload many times
     * the limit cannot grow the heap beyond it.
     */
    public static UploadHandler inMemory(long maxBytes, InMemoryUploadCallback callback) {
        if (maxBytes < 1 || maxBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        return new UploadHandler() {
            @Override
            public void handleUploadRequest(UploadEvent event) throws IOException {
                byte[] bytes;
                try (InputStream in = event.getInputStream()) {
                    bytes = in.readNBytes((int) maxBytes + 1);
                }
                if (bytes.length > maxBytes) {
                    event.reject("larger than " + maxBytes + " bytes");
                    return;
                }
                callback.complete(new UploadMetadata(event.getFileName(), event.getContentType(), bytes.length), bytes);
            }

            @Override
            public long getFileSizeMax() {
                return maxBytes;
            }

            @Override
            public long getRequestSizeMax() {
                return maxBytes + MULTIPART_OVERHEAD;
            }
        };
    }

    public static Upload translated(Upload upload) {
        var i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles()
                .setOne(upload.getTranslation("upload.addOne"))
                .setMany(upload.getTranslation("upload.addMany")));
        i18n.setDropFiles(new UploadI18N.DropFiles()
                .setOne(upload.getTranslation("upload.dropOne"))
                .setMany(upload.getTranslation("upload.dropMany")));
        upload.setI18n(i18n);
        return upload;
    }
}
