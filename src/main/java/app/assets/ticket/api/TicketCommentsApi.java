package app.assets.ticket.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.ticket.service.TicketThread;
import app.assets.ticket.service.TicketThread.Comment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A ticket's thread over the API: its two sides read and write it, SUPPORT reads it once it has
 * been disputed and writes while the dispute is open ({@link TicketThread#canReadThread}); to
 * anyone else the thread does not exist (404). Text only: attachments stay with the app.
 */
@ApiController
@Tag(name = "tickets")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class TicketCommentsApi {

    record CommentRequest(String body) {}

    /** A message; {@code attachmentId} names a file attached in the app (served there to the same readers). */
    record CommentView(
            long id, long authorUserId, String authorName, String body, Instant createdAt, Long attachmentId) {
        static CommentView of(Comment c) {
            return new CommentView(c.id(), c.authorUserId(), c.authorName(), c.body(), c.createdAt(), c.attachmentId());
        }
    }

    private final TicketThread thread;
    private final TicketResources resources;

    TicketCommentsApi(TicketThread thread, TicketResources resources) {
        this.thread = thread;
        this.resources = resources;
    }

    @GetMapping("/tickets/{id}/comments")
    @Operation(summary = "A ticket's thread, oldest first")
    @ApiResponse(responseCode = "200", description = "A page")
    @ApiResponse(responseCode = "404", description = "No such ticket, or its thread is not yours to read")
    @ApiResponse(responseCode = "422", description = "A page out of range")
    ApiPage<CommentView> comments(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ApiPage.check(page, size);
        var ticket = resources.visible(id);
        if (!thread.canReadThread(ticket)) {
            throw TicketResources.notFound();
        }
        return ApiPage.slice(page, size, thread.comments(id), CommentView::of);
    }

    @PostMapping("/tickets/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Write in a ticket's thread",
            description = "1 to 2000 characters; the other side is notified.")
    @ApiResponse(responseCode = "201", description = "Written")
    @ApiResponse(responseCode = "404", description = "No such ticket, or its thread is not yours to write in")
    @ApiResponse(responseCode = "422", description = "Empty or longer than 2000 characters")
    CommentView comment(@PathVariable long id, @RequestBody CommentRequest request) {
        long commentId;
        try {
            commentId = thread.comment(id, request.body(), null);
        } catch (UserInputException e) {
            if (e.messageKey().startsWith("ticket.comment")) {
                throw new InvalidField("body", e);
            }
            throw e;
        }
        return thread.comments(id).stream()
                .filter(c -> c.id() == commentId)
                .findFirst()
                .map(CommentView::of)
                .orElseThrow(TicketResources::notFound);
    }
}
