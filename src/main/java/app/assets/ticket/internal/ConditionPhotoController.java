package app.assets.ticket.internal;

import app.assets.ticket.service.ConditionReportService;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves condition report photos to those who may read the ticket's reports, as the image type
 * recognised at upload, inline, with nosniff and a sandboxing policy. Anyone else gets 404.
 */
@RestController
class ConditionPhotoController {

    private final ConditionReportService reports;

    ConditionPhotoController(ConditionReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/condition-photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable long id) {
        return reports.photo(id)
                .map(p -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(p.kind().contentType()))
                        .header("X-Content-Type-Options", "nosniff")
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "inline; filename=\"ticket-" + p.ticketId() + "-condition-" + p.id() + "."
                                        + p.kind().extension() + "\"")
                        .header("Content-Security-Policy", "default-src 'none'; sandbox")
                        .cacheControl(
                                CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate())
                        .body(p.bytes()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
