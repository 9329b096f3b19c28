package app.assets.review.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiException;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.review.domain.Review;
import app.assets.review.service.ReviewService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A completed ticket's reviews over the API, as the review page shows them (docs/reviews.md): each
 * side reviews the other once, the borrower also rates the item, and the other side's review stays
 * hidden (double-blind) until both have written or the window closes. Only the ticket's two sides
 * see its round; to anyone else it does not exist.
 */
@ApiController
@Tag(name = "reviews")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class TicketReviewApi {

    /** 1 to 5 stars, a text of up to 2000 characters, and from the borrower the item's 1 to 5 stars. */
    record ReviewRequest(Integer stars, String text, Integer itemStars) {}

    record ReviewView(long id, String authorSide, int stars, String text, Integer itemStars, Instant createdAt) {
        static ReviewView of(Review r) {
            return new ReviewView(r.id(), r.authorSide().name(), r.stars(), r.body(), r.itemStars(), r.createdAt());
        }
    }

    /** The round for the caller: their review, the other side's once published, and whether they may still write. */
    record RoundView(
            long ticketId,
            String side,
            String otherName,
            Instant closesAt,
            Instant publishedAt,
            boolean canWrite,
            ReviewView mine,
            ReviewView theirs) {}

    private final ReviewService reviews;

    TicketReviewApi(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/tickets/{id}/review")
    @Operation(
            summary = "A completed ticket's reviews, as you may see them",
            description = "Your review, and the other side's once the round is published (both wrote, or the window"
                    + " closed).")
    @ApiResponse(responseCode = "200", description = "The ticket's review round as you may see it")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    RoundView review(@PathVariable long id) {
        return view(id);
    }

    @PostMapping("/tickets/{id}/review")
    @Operation(
            summary = "Review the other side of a completed ticket",
            description = "Once per side, within the review window; the borrower also rates the item (itemStars)."
                    + " Double-blind: the other side reads it once both have written or the window closes.")
    @ApiResponse(responseCode = "201", description = "Written; the round as you now see it")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(
            responseCode = "422",
            description = "A field to change, the ticket not completed, already reviewed or the window closed")
    ResponseEntity<RoundView> writeReview(@PathVariable long id, @RequestBody ReviewRequest request) {
        try {
            reviews.write(id, request.stars(), request.text(), request.itemStars());
        } catch (UserInputException e) {
            throw refusal(e, request);
        }
        return ResponseEntity.created(URI.create(ApiPaths.BASE + "/tickets/" + id + "/review"))
                .body(view(id));
    }

    private RoundView view(long ticketId) {
        var round = reviews.round(ticketId).orElseThrow(TicketReviewApi::notFound);
        return new RoundView(
                ticketId,
                round.mySide().name(),
                round.otherName(),
                round.closesAt(),
                round.publishedAt(),
                round.canWrite(reviews.now()),
                round.mine().map(ReviewView::of).orElse(null),
                round.theirs().map(ReviewView::of).orElse(null));
    }

    private static RuntimeException refusal(UserInputException e, ReviewRequest request) {
        return switch (e.messageKey()) {
            case "review.ticketNotFound", "review.notParty" -> notFound();
            // Stars are checked before the item's stars, with the same message.
            case "review.starsRange" -> new InvalidField(starsValid(request.stars()) ? "itemStars" : "stars", e);
            case "review.bodyTooLong" -> new InvalidField("text", e);
            default -> e;
        };
    }

    private static boolean starsValid(Integer stars) {
        return stars != null && stars >= Review.STARS_MIN && stars <= Review.STARS_MAX;
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "review.ticketNotFound");
    }
}
