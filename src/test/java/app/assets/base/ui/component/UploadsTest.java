package app.assets.base.ui.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.streams.UploadEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The server-side bound of {@link Uploads#inMemory}: a body many times the limit, sent without a
 * declared length, is rejected after reading one byte past the limit, so memory never holds more.
 */
class UploadsTest {

    static final long LIMIT = 1_000_000;

    @Test
    void aFileWithinTheLimitReachesTheCallbackWhole() throws IOException {
        var received = new ArrayList<byte[]>();
        var handler = Uploads.inMemory(LIMIT, (metadata, bytes) -> received.add(bytes));
        var body = new Endless(LIMIT);
        var event = upload(body);

        handler.handleUploadRequest(event);

        assertThat(event.isRejected()).isFalse();
        assertThat(received).hasSize(1);
        assertThat(received.getFirst()).hasSize((int) LIMIT);
    }

    @Test
    void aChunkedBodyAHundredTimesTheLimitIsRejectedAfterOneByteMoreThanTheLimit() throws IOException {
        List<byte[]> received = new ArrayList<>();
        var handler = Uploads.inMemory(LIMIT, (metadata, bytes) -> received.add(bytes));
        var body = new Endless(100 * LIMIT);
        var event = upload(body);

        handler.handleUploadRequest(event);

        assertThat(event.isRejected()).isTrue();
        assertThat(received).isEmpty();
        assertThat(body.read.get()).as("bytes read from the request").isEqualTo(LIMIT + 1);
    }

    @Test
    void vaadinIsToldTheLimitsSoItRefusesADeclaredOversizeBeforeReading() {
        var handler = Uploads.inMemory(LIMIT, (metadata, bytes) -> {});
        assertThat(handler.getFileSizeMax()).isEqualTo(LIMIT);
        assertThat(handler.getRequestSizeMax()).isEqualTo(LIMIT + Uploads.MULTIPART_OVERHEAD);
        assertThatThrownBy(() -> Uploads.inMemory(0, (metadata, bytes) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An upload of a raw body with no declared length (as a chunked request arrives). */
    private static UploadEvent upload(InputStream body) {
        var servlet = new MockHttpServletRequest("POST", "/VAADIN/dynamic/resource/upload") {
            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(body);
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        return new UploadEvent(
                new VaadinServletRequest(servlet, null), null, null, "big.jpg", -1, "image/jpeg", null, null);
    }

    /** {@code size} bytes made up as they are read, counting how many were. */
    static final class Endless extends InputStream {
        final long size;
        final AtomicLong read = new AtomicLong();

        Endless(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read.get() >= size) {
                return -1;
            }
            read.incrementAndGet();
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long left = size - read.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            read.addAndGet(n);
            return n;
        }
    }
}
