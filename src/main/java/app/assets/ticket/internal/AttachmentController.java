package app.assets.ticket.internal;

import app.assets.ticket.service.TicketThread;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a ticket's attachments to those who may read its thread, only ever as the type
 * recognised at upload: images inline, PDFs as downloads, always with nosniff, a sandboxing
 * policy and a file name of our own (the uploaded name is never kept). Anyone else gets 404.
 */
@RestController
class AttachmentController {

    private final TicketThread thread;

    AttachmentController(TicketThread thread) {
        this.thread = thread;
    }

    @GetMapping("/ticket-attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable long id) {
        return thread.attachment(id)
                .map(a -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(a.kind().contentType()))
                        .header("X-Content-Type-Options", "nosniff")
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                (a.kind().isImage() ? "inline" : "attachment") + "; filename=\"ticket-" + a.ticketId()
                                        + "-attachment-" + a.id() + "."
                                        + a.kind().extension() + "\"")
                        .header("Content-Security-Policy", "default-src 'none'; sandbox")
                        .cacheControl(
                                CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate())
                        .body(a.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
