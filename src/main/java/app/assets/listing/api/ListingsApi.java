package app.assets.listing.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiException;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiParams;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.ApiRefusals;
import app.assets.base.api.IfMatch;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.listing.ListingCategory;
import app.assets.listing.ListingRatings;
import app.assets.listing.ListingSearch;
import app.assets.listing.domain.Listing;
import app.assets.listing.internal.PhotoResponses;
import app.assets.listing.service.ListingService;
import app.assets.listing.service.ListingService.ListingForm;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

/**
 * Listings over the API, on the services the listing views use: the same search as
 * {@code /listings} ({@link ListingSearch}), one listing with the same visibility as its page
 * (approved, or the caller's own), and the lender's own listings, created, edited (If-Match) and
 * illustrated under {@link ListingService}'s rules: every edit and every added photo sends the
 * listing back to moderation, photos are sniffed and bounded there, and someone else's listing is
 * "not found" (404) and audited as denied.
 */
@ApiController
@Tag(name = "listings")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class ListingsApi {

    /**
     * What a lender writes, for creating (fields left out take the form's defaults) and for a PATCH
     * (fields left out stay as they are; {@code weeklyPrice} or {@code monthlyPrice} 0 removes it).
     */
    record ListingFields(
            String title,
            String description,

            @Schema(description = "one of the listing categories, e.g. ELECTRONICS")
            String category,

            Long dailyPrice,
            String city,
            String area,

            @Schema(description = "the exact address: given only to a borrower the lender accepts; never shown here")
            String address,

            Integer minDays,
            Integer maxDays,
            Integer leadDays,
            Long weeklyPrice,
            Long monthlyPrice,
            Long deposit) {}

    /** One search result, as a result row shows it. */
    record ListingHit(
            long id,
            String title,
            String category,
            String city,
            long ownerId,
            String ownerName,
            long dailyPrice,
            Long weeklyPrice,
            Long monthlyPrice,
            long deposit,
            double rating,
            long ratingCount,
            String photoUrl,
            Instant createdAt) {
        static ListingHit of(ListingSearch.Hit h) {
            return new ListingHit(
                    h.id(),
                    h.title(),
                    h.category().name(),
                    h.city(),
                    h.ownerUserId(),
                    h.ownerName(),
                    h.dailyPrice(),
                    h.weeklyPrice(),
                    h.monthlyPrice(),
                    h.deposit(),
                    h.rating(),
                    h.ratingCount(),
                    h.firstPhotoId() == null ? null : ListingView.photoUrl(h.id(), h.firstPhotoId()),
                    h.createdAt());
        }
    }

    /** The API's names of the search orders. */
    enum Order {
        RELEVANCE(ListingSearch.Sort.RELEVANCE),
        PRICE(ListingSearch.Sort.PRICE_ASC),
        PRICE_DESC(ListingSearch.Sort.PRICE_DESC),
        RATING(ListingSearch.Sort.RATING),
        NEWEST(ListingSearch.Sort.NEWEST);

        final ListingSearch.Sort sort;

        Order(ListingSearch.Sort sort) {
            this.sort = sort;
        }
    }

    /** Form fields in the order the service checks them; a refusal's key names one of them. */
    private static final List<String> FORM_FIELDS = List.of(
            "title",
            "category",
            "description",
            "city",
            "area",
            "address",
            "minDays",
            "maxDays",
            "leadDays",
            "weeklyPrice",
            "monthlyPrice",
            "deposit");

    private final ListingService listings;
    private final ListingSearch search;
    private final ListingRatings ratings;
    private final CurrentUser currentUser;

    ListingsApi(ListingService listings, ListingSearch search, ListingRatings ratings, CurrentUser currentUser) {
        this.listings = listings;
        this.search = search;
        this.ratings = ratings;
        this.currentUser = currentUser;
    }

    // ---- everyone ------------------------------------------------------------------------------

    @GetMapping("/listings")
    @Operation(
            operationId = "searchListings",
            summary = "Search approved listings",
            description = "The search of the listings page: words of the title or description (Persian or English, "
                    + "parts of words too), category, city, daily price range, free dates [from, to) in Tehran days "
                    + "(to is the return day), minimum average stars, in the chosen order. Paged: page from 0, size 1 "
                    + "to 100, at most 10,000 deep; total counts every match.")
    @ApiResponse(responseCode = "200", description = "A page")
    @ApiResponse(responseCode = "422", description = "A filter out of range (errors[] names it)")
    ApiPage<ListingHit> search(
            @Parameter(description = "search words") @RequestParam(required = false) String q,
            @Parameter(description = "a listing category, e.g. ELECTRONICS") @RequestParam(required = false)
                    String category,
            @RequestParam(required = false) String city,
            @Parameter(description = "lowest daily price, Rials") @RequestParam(required = false) String minPrice,
            @Parameter(description = "highest daily price, Rials") @RequestParam(required = false) String maxPrice,
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam(required = false) String from,
            @Parameter(description = "return day, yyyy-MM-dd") @RequestParam(required = false) String to,
            @Parameter(description = "whole stars, 1 to 5") @RequestParam(required = false) String minRating,
            @Parameter(description = "relevance (default), price, price_desc, rating or newest")
                    @RequestParam(required = false)
                    String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ApiPage.check(page, size);
        Order order = ApiParams.oneOf("sort", sort, Order.class);
        Long stars = ApiParams.number("minRating", minRating);
        var filter = new ListingSearch.Filter(
                q,
                ApiParams.oneOf("category", category, ListingCategory.class),
                city,
                ApiParams.number("minPrice", minPrice),
                ApiParams.number("maxPrice", maxPrice),
                ApiParams.day("from", from, null),
                ApiParams.day("to", to, null),
                stars == null ? null : Math.clamp(stars, Integer.MIN_VALUE, Integer.MAX_VALUE),
                order == null ? ListingSearch.Sort.RELEVANCE : order.sort);
        try {
            return ApiPage.of(
                    page,
                    size,
                    (offset, limit) -> search.find(filter, offset, limit),
                    ListingHit::of,
                    () -> search.count(filter));
        } catch (UserInputException e) {
            throw new InvalidField(searchField(e.messageKey()), e);
        }
    }

    @GetMapping("/listings/{id}")
    @Operation(
            operationId = "getListing",
            summary = "One listing",
            description = "An approved listing, or your own in any state (staff who moderate see every state). "
                    + "The ETag is the listing's version, for If-Match on PATCH.")
    @ApiResponse(responseCode = "200", description = "The listing; the ETag header carries its version")
    @ApiResponse(responseCode = "404", description = "No such listing, or not one you may see")
    ResponseEntity<ListingView> listing(@PathVariable long id) {
        return reply(listings.find(id).orElseThrow(ListingsApi::notFound), HttpStatus.OK);
    }

    @GetMapping(
            value = "/listings/{id}/photos/{photoId}",
            produces = {"image/png", "image/jpeg", "image/webp"})
    @Operation(
            operationId = "getListingPhoto",
            summary = "Download a photo of a listing",
            description = "As the listing page serves it: only for a listing you may see, as the image type "
                    + "recognised at upload.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "image/*"))
    @ApiResponse(responseCode = "404", description = "No such photo on a listing you may see")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        if (!listings.photoIds(id).contains(photoId)) {
            throw notFound();
        }
        return listings.photo(photoId).map(PhotoResponses::of).orElseThrow(ListingsApi::notFound);
    }

    // ---- the lender ----------------------------------------------------------------------------

    @GetMapping("/listings/mine")
    @Operation(
            operationId = "myListings",
            summary = "Your listings in every state, newest first",
            description = "Paged: page from 0, size 1 to 100.")
    ApiPage<ListingView> mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        // Every row is the caller's own: the owner sees the moderator's note.
        return ApiPage.of(
                page,
                size,
                (offset, limit) -> ListingView.ofAll(listings.mine(offset, limit), listings, ratings, true),
                listings::mineCount);
    }

    @PostMapping("/listings")
    @Operation(
            operationId = "createListing",
            summary = "Offer an item",
            description = "Title, category and daily price are required; the rest defaults as in the form (1 to 30 "
                    + "days, no lead time, no weekly or monthly price, no deposit). The listing waits for moderation "
                    + "(moderation PENDING) before others find it.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    @ApiResponse(responseCode = "422", description = "A field needs another value (errors[] names it)")
    ResponseEntity<ListingView> create(@RequestBody ListingFields fields) {
        long id;
        try {
            id = listings.create(form(fields, null));
        } catch (UserInputException e) {
            throw formField(e);
        }
        return reply(listings.findOwn(id).orElseThrow(), HttpStatus.CREATED);
    }

    @PatchMapping("/listings/{id}")
    @Operation(
            operationId = "changeListing",
            summary = "Change your listing",
            description = "Fields left out stay; weeklyPrice or monthlyPrice 0 removes it. Requires If-Match with the "
                    + "ETag of your last read: 428 without, 412 when the listing changed since. A saved change sends "
                    + "the listing back to moderation, as in the form.")
    @ApiResponse(responseCode = "200", description = "The listing as changed, with its new ETag")
    @ApiResponse(responseCode = "404", description = "No such listing of yours")
    @ApiResponse(responseCode = "412", description = "The listing changed since your read")
    @ApiResponse(responseCode = "422", description = "A field needs another value (errors[] names it)")
    @ApiResponse(responseCode = "428", description = "No If-Match")
    ResponseEntity<ListingView> change(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ListingFields change) {
        var current = own(id);
        long expected = IfMatch.version(ifMatch, "api.listingChanged");
        try {
            listings.update(id, expected, form(change, current));
        } catch (ListingService.StaleListingException e) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "api.listingChanged");
        } catch (UserInputException e) {
            throw formField(e);
        }
        return reply(own(id), HttpStatus.OK);
    }

    @PostMapping(value = "/listings/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "addListingPhoto",
            summary = "Add a photo to your listing",
            description = "Multipart, part \"file\": a real PNG, JPEG or WebP image of at most 2 MB, at most 5 photos "
                    + "per listing, no photo twice. The content decides the type, never the file name or the "
                    + "declared type. An approved listing goes back to moderation.")
    @ApiResponse(responseCode = "201", description = "Added; Location is the photo's download address")
    @ApiResponse(responseCode = "404", description = "No such listing of yours")
    @ApiResponse(responseCode = "413", description = "The upload is far over the limit")
    @ApiResponse(responseCode = "422", description = "Empty, too large, not an image, a duplicate or one too many")
    ResponseEntity<ListingView.PhotoRef> addPhoto(@PathVariable long id, @RequestPart("file") MultipartFile file) {
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long photoId;
        try {
            photoId = listings.addPhoto(id, bytes);
        } catch (UserInputException e) {
            throw refusal(e, "file");
        }
        var ref = ListingView.PhotoRef.of(id, photoId);
        return ResponseEntity.created(URI.create(ref.url())).body(ref);
    }

    @DeleteMapping("/listings/{id}/photos/{photoId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "removeListingPhoto", summary = "Remove a photo from your listing")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No such photo on a listing of yours")
    void removePhoto(@PathVariable long id, @PathVariable long photoId) {
        listings.removePhoto(id, photoId);
    }

    // ---- internals -----------------------------------------------------------------------------

    private Listing own(long id) {
        return listings.findOwn(id).orElseThrow(ListingsApi::notFound);
    }

    private ResponseEntity<ListingView> reply(Listing listing, HttpStatus status) {
        var builder = status == HttpStatus.CREATED
                ? ResponseEntity.created(URI.create(ApiPaths.BASE + "/listings/" + listing.id()))
                : ResponseEntity.status(status);
        return builder.eTag(Long.toString(listing.version())).body(view(listing));
    }

    private ListingView view(Listing listing) {
        boolean ownerOrStaff =
                listing.ownerUserId() == currentUser.require().id() || currentUser.has(Permissions.LISTING_MODERATE);
        return ListingView.of(listing, listings.photoIds(listing.id()), ratings.of(listing.id()), ownerOrStaff);
    }

    /** The form the service checks: the fields given over {@code current}'s (or the defaults when creating). */
    private static ListingForm form(ListingFields f, Listing current) {
        var category = ApiParams.oneOf("category", f.category(), ListingCategory.class);
        if (current == null) {
            return new ListingForm(
                    f.title(),
                    category,
                    f.description(),
                    f.dailyPrice(),
                    f.city(),
                    f.area(),
                    f.address(),
                    f.minDays(),
                    f.maxDays(),
                    f.leadDays(),
                    f.weeklyPrice(),
                    f.monthlyPrice(),
                    f.deposit());
        }
        var t = current.terms();
        return new ListingForm(
                or(f.title(), current.title()),
                or(category, current.category()),
                or(f.description(), current.description()),
                or(f.dailyPrice(), current.dailyPrice()),
                or(f.city(), current.city()),
                or(f.area(), current.area()),
                or(f.address(), current.address()),
                or(f.minDays(), t.minDays()),
                or(f.maxDays(), t.maxDays()),
                or(f.leadDays(), t.leadDays()),
                rate(f.weeklyPrice(), t.weeklyPrice()),
                rate(f.monthlyPrice(), t.monthlyPrice()),
                or(f.deposit(), t.deposit()));
    }

    private static <T> T or(T given, T current) {
        return given != null ? given : current;
    }

    /** A weekly or monthly price in a PATCH: left out keeps it, 0 removes it. */
    private static Long rate(Long given, Long current) {
        if (given == null) {
            return current;
        }
        return given == 0 ? null : given;
    }

    /** The field of the form a service refusal concerns; "not found" is 404 as for anyone else's listing. */
    private static RuntimeException formField(UserInputException e) {
        String key = e.messageKey();
        if (key.startsWith("money.") || key.equals("listing.priceTooHigh")) {
            return new InvalidField("dailyPrice", e);
        }
        String rest = key.startsWith("listing.") ? key.substring("listing.".length()) : key;
        return FORM_FIELDS.stream()
                .filter(rest::startsWith)
                .findFirst()
                .<RuntimeException>map(field -> new InvalidField(field, e))
                .orElseGet(() -> refusal(e, null));
    }

    /** A refusal of the service: on {@code field} when it is input to correct, else as {@link ApiRefusals} says. */
    static RuntimeException refusal(UserInputException e, String field) {
        return field == null || ApiRefusals.statusOf(e.messageKey()).isPresent() ? e : new InvalidField(field, e);
    }

    private static String searchField(String key) {
        return switch (key) {
            case "search.tooLong" -> "q";
            case "search.pageSize" -> "size";
            case "search.tooDeep" -> "page";
            case "search.rating.range" -> "minRating";
            default -> "to";
        };
    }

    static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "listing.notFound");
    }
}
