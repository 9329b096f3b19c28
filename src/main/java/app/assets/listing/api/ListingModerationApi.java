package app.assets.listing.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.api.RequiresPermission;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.listing.ListingRatings;
import app.assets.listing.service.ListingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The moderation queue over the API, as the moderation view works it ({@code listing.moderate}):
 * pending listings oldest change first, approve, or reject with a reason the owner sees. The
 * service audits each decision and tells the owner.
 */
@ApiController
@Tag(name = "moderation")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class ListingModerationApi {

    record ModerationReason(String reason) {}

    private final ListingService listings;
    private final ListingRatings ratings;

    ListingModerationApi(ListingService listings, ListingRatings ratings) {
        this.listings = listings;
        this.ratings = ratings;
    }

    @GetMapping("/moderation/listings")
    @RequiresPermission(Permissions.LISTING_MODERATE)
    @Operation(
            operationId = "pendingListings",
            summary = "Listings waiting for moderation, oldest change first (staff)",
            description = "Needs listing.moderate. Paged: page from 0, size 1 to 100.")
    @ApiResponse(responseCode = "200", description = "A page")
    ApiPage<ListingView> pending(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ApiPage.of(
                page,
                size,
                (offset, limit) -> ListingView.ofAll(listings.pending(offset, limit), listings, ratings, true),
                listings::pendingCount);
    }

    @PostMapping("/moderation/listings/{id}/approve")
    @RequiresPermission(Permissions.LISTING_MODERATE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "approveListing",
            summary = "Approve a listing (staff)",
            description = "Needs listing.moderate. Others find it from now on; approving twice is harmless.")
    @ApiResponse(responseCode = "204", description = "Approved")
    @ApiResponse(responseCode = "404", description = "No such listing")
    void approve(@PathVariable long id) {
        listings.approve(id);
    }

    @PostMapping("/moderation/listings/{id}/reject")
    @RequiresPermission(Permissions.LISTING_MODERATE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "rejectListing",
            summary = "Reject a listing (staff)",
            description =
                    "Needs listing.moderate; the reason (required, at most 500 characters) is shown to the owner.")
    @ApiResponse(responseCode = "204", description = "Rejected")
    @ApiResponse(responseCode = "404", description = "No such listing")
    @ApiResponse(responseCode = "422", description = "No reason, or too long")
    void reject(@PathVariable long id, @RequestBody ModerationReason request) {
        try {
            listings.reject(id, request.reason());
        } catch (UserInputException e) {
            throw e.messageKey().startsWith("reason") ? new InvalidField("reason", e) : ListingsApi.refusal(e, null);
        }
    }
}
