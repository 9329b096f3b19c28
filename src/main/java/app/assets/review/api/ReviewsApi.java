package app.assets.review.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiException;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.api.RequiresPermission;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.review.domain.Review;
import app.assets.review.service.ReviewService;
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
 * Reputation over the API, on {@link ReviewService} as the profile and review moderation views use
 * it: anyone signed in reads a user's public profile ({@code /people/{id}}) and published reviews
 * and reports an abusive review; staff with {@code review.moderate} read the reported ones and
 * hide (with a reason) or keep them. Never a review before its round is published, never a hidden
 * one, never an email or phone number.
 */
@ApiController
@Tag(name = "reviews")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class ReviewsApi {

    /** What a public profile shows; an average is null without reviews. */
    record ProfileView(
            long id,
            String displayName,
            Instant memberSince,
            boolean emailVerified,
            boolean phoneVerified,
            long completedLoansAsLender,
            long completedLoansAsBorrower,
            Double ratingAsLender,
            long lenderReviews,
            Double ratingAsBorrower,
            long borrowerReviews) {}

    /** A published review; {@code authorSide} says whether its author lent (LENDER) or borrowed. */
    record ReviewView(
            long id,
            long authorId,
            String authorName,
            long subjectId,
            String authorSide,
            int stars,
            String body,
            Integer itemStars,
            Instant publishedAt) {
        static ReviewView of(Review r) {
            return new ReviewView(
                    r.id(),
                    r.authorUserId(),
                    r.authorName(),
                    r.subjectUserId(),
                    r.authorSide().name(),
                    r.stars(),
                    r.body(),
                    r.itemStars(),
                    r.publishedAt());
        }
    }

    /** A reported review with its open reports, for staff. */
    record ReportedView(ReviewView review, String subjectName, int reports, String reasons, Instant firstReportedAt) {}

    record ReasonRequest(String reason) {}

    private final ReviewService reviews;

    ReviewsApi(ReviewService reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/users/{id}/profile")
    @Operation(
            operationId = "userProfile",
            summary = "A user's public profile",
            description = "What /people/{id} shows: display name, member since, whether email and phone are "
                    + "verified (never the addresses), completed loans as lender and borrower, average stars.")
    @ApiResponse(responseCode = "200", description = "The public profile")
    @ApiResponse(responseCode = "404", description = "No such user")
    ProfileView profile(@PathVariable long id) {
        var profile = reviews.profile(id).orElseThrow(ApiException::notFound);
        var person = profile.person();
        var rep = profile.reputation();
        return new ProfileView(
                person.id(),
                person.displayName(),
                person.memberSince(),
                person.emailVerified(),
                person.phoneVerified(),
                profile.completedLoans().asLender(),
                profile.completedLoans().asBorrower(),
                rep.asLender(),
                rep.lenderReviews(),
                rep.asBorrower(),
                rep.borrowerReviews());
    }

    @GetMapping("/users/{id}/reviews")
    @Operation(
            operationId = "userReviews",
            summary = "A user's published reviews, newest first",
            description = "Reviews of this user whose round is published and that no moderator hid. Paged.")
    @ApiResponse(responseCode = "200", description = "A page")
    @ApiResponse(responseCode = "404", description = "No such user")
    ApiPage<ReviewView> reviewsOf(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ApiPage.check(page, size);
        if (reviews.profile(id).isEmpty()) {
            throw ApiException.notFound();
        }
        return ApiPage.of(
                page,
                size,
                (offset, limit) -> reviews.published(id, offset, limit),
                ReviewView::of,
                () -> reviews.publishedCount(id));
    }

    @PostMapping("/reviews/{id}/reports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "reportReview",
            summary = "Report a review as abusive",
            description = "Once per review and person; not your own review. A moderator reads it.")
    @ApiResponse(responseCode = "201", description = "Reported")
    @ApiResponse(responseCode = "404", description = "No such published review")
    @ApiResponse(responseCode = "409", description = "You reported it already")
    @ApiResponse(responseCode = "422", description = "No reason, too long a reason, or your own review")
    void report(@PathVariable long id, @RequestBody ReasonRequest request) {
        try {
            reviews.report(id, request.reason());
        } catch (UserInputException e) {
            throw refusal(e);
        }
    }

    @GetMapping("/moderation/reviews")
    @RequiresPermission(Permissions.REVIEW_MODERATE)
    @Operation(
            operationId = "reportedReviews",
            summary = "Reported reviews, first reported first (staff)",
            description = "Needs review.moderate. Reviews with open reports. Paged.")
    @ApiResponse(responseCode = "200", description = "A page")
    ApiPage<ReportedView> reported(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ApiPage.of(
                page,
                size,
                reviews::reported,
                r -> new ReportedView(
                        ReviewView.of(r.review()), r.subjectName(), r.reports(), r.reasons(), r.firstReportedAt()),
                reviews::reportedCount);
    }

    @PostMapping("/moderation/reviews/{id}/hide")
    @RequiresPermission(Permissions.REVIEW_MODERATE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "hideReview",
            summary = "Hide an abusive review (staff)",
            description = "Needs review.moderate; a reason is required. The review leaves profiles and averages, its "
                    + "item stars the listing's rating; its reports are resolved. Hiding twice is harmless.")
    @ApiResponse(responseCode = "204", description = "Hidden")
    @ApiResponse(responseCode = "404", description = "No such review")
    @ApiResponse(responseCode = "422", description = "No reason, or too long")
    void hide(@PathVariable long id, @RequestBody ReasonRequest request) {
        try {
            reviews.hide(id, request.reason());
        } catch (UserInputException e) {
            throw refusal(e);
        }
    }

    @PostMapping("/moderation/reviews/{id}/keep")
    @RequiresPermission(Permissions.REVIEW_MODERATE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "keepReview",
            summary = "Keep a reported review (staff)",
            description =
                    "Needs review.moderate. Nothing wrong found: the review stays, its open reports are resolved.")
    @ApiResponse(responseCode = "204", description = "Kept")
    void keep(@PathVariable long id) {
        reviews.keep(id);
    }

    private static RuntimeException refusal(UserInputException e) {
        String key = e.messageKey();
        return key.startsWith("reason.") ? new InvalidField("reason", e) : e;
    }
}
