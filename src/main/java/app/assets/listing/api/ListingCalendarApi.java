package app.assets.listing.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiParams;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.listing.DateRange;
import app.assets.listing.ListingCalendar;
import app.assets.listing.service.ListingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A listing's calendar over the API ({@link ListingCalendar}): anyone who may see the listing reads
 * its busy ranges; the owner also sees which are blocked or booked (with the ticket and the note)
 * and blocks and unblocks days. Ranges are Tehran days [start, end): {@code end} is the first free
 * day (a booking's return day).
 */
@ApiController
@Tag(name = "listings")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class ListingCalendarApi {

    /** Days to block, [start, end), with a note only the owner sees. */
    record BlockRequest(
            @Schema(description = "first day, yyyy-MM-dd") String start,

            @Schema(description = "first day after the block, yyyy-MM-dd")
            String end,

            String note) {}

    /**
     * One range: for the owner BLOCKED or BOOKED with its id (to unblock), ticket and note; for
     * others BUSY only.
     */
    record CalendarRange(Long id, LocalDate start, LocalDate end, String kind, Long ticketId, String note) {
        static CalendarRange of(ListingCalendar.Entry e, boolean owner) {
            return owner
                    ? new CalendarRange(
                            e.id(), e.range().start(), e.range().end(), e.kind().name(), e.ticketId(), e.note())
                    : new CalendarRange(null, e.range().start(), e.range().end(), "BUSY", null, null);
        }
    }

    /** The days asked for and the ranges touching them. */
    record Calendar(LocalDate from, LocalDate to, List<CalendarRange> ranges) {}

    /** Days shown when {@code to} is left out. */
    static final int DEFAULT_DAYS = 90;

    private final ListingCalendar calendar;
    private final ListingService listings;
    private final CurrentUser currentUser;

    ListingCalendarApi(ListingCalendar calendar, ListingService listings, CurrentUser currentUser) {
        this.calendar = calendar;
        this.listings = listings;
        this.currentUser = currentUser;
    }

    @GetMapping("/listings/{id}/calendar")
    @Operation(
            operationId = "listingCalendar",
            summary = "A listing's taken days",
            description = "Ranges touching [from, to) (default: today and the next 90 days; at most two years at a "
                    + "time). The owner sees blocked and booked ranges with ticket and note; others busy ranges only.")
    @ApiResponse(responseCode = "200", description = "The listing's calendar over the range")
    @ApiResponse(responseCode = "404", description = "No such listing, or not one you may see")
    @ApiResponse(responseCode = "422", description = "A date malformed, to not after from, or too long a span")
    Calendar calendar(
            @PathVariable long id,
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam(required = false) String from,
            @Parameter(description = "first day after, yyyy-MM-dd") @RequestParam(required = false) String to) {
        var listing = listings.find(id).orElseThrow(ListingsApi::notFound);
        LocalDate first = ApiParams.day("from", from, calendar.today());
        LocalDate end = ApiParams.day("to", to, first.plusDays(DEFAULT_DAYS));
        if (!end.isAfter(first)) {
            throw new InvalidField("to", new UserInputException("search.datesOrder"));
        }
        if (ChronoUnit.DAYS.between(first, end) > ListingCalendar.HORIZON_DAYS) {
            throw new InvalidField("to", new UserInputException("api.calendar.span", ListingCalendar.HORIZON_DAYS));
        }
        boolean owner = listing.ownerUserId() == currentUser.require().id();
        var ranges = calendar.ranges(id, first, end).stream()
                .map(e -> CalendarRange.of(e, owner))
                .toList();
        return new Calendar(first, end, ranges);
    }

    @PostMapping("/listings/{id}/blocks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "blockListingDays",
            summary = "Block days of your listing",
            description = "Keeps [start, end) for yourself: from today, at most 366 days, within two years.")
    @ApiResponse(responseCode = "201", description = "Blocked")
    @ApiResponse(responseCode = "404", description = "No such listing of yours")
    @ApiResponse(responseCode = "409", description = "Some of these days are blocked or booked already")
    @ApiResponse(responseCode = "422", description = "A date malformed or out of range, or the note too long")
    CalendarRange block(@PathVariable long id, @RequestBody BlockRequest request) {
        LocalDate start = ApiParams.day("start", request.start(), null);
        LocalDate end = ApiParams.day("end", request.end(), null);
        if (start == null || end == null) {
            throw new InvalidField(start == null ? "start" : "end", new UserInputException("booking.datesRequired"));
        }
        if (!end.isAfter(start)) {
            throw new InvalidField("end", new UserInputException("search.datesOrder"));
        }
        var range = new DateRange(start, end);
        try {
            long entry = calendar.block(id, range, request.note());
            return calendar.ranges(id, start, end).stream()
                    .filter(e -> e.id() == entry)
                    .findFirst()
                    .map(e -> CalendarRange.of(e, true))
                    .orElseThrow();
        } catch (UserInputException e) {
            throw switch (e.messageKey()) {
                case "calendar.pastDates" -> new InvalidField("start", e);
                case "calendar.tooLong" -> new InvalidField("end", e);
                case "calendar.noteTooLong" -> new InvalidField("note", e);
                default -> ListingsApi.refusal(e, null);
            };
        }
    }

    @DeleteMapping("/listings/{id}/blocks/{blockId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "unblockListingDays",
            summary = "Unblock days of your listing",
            description = "Booked days are freed only by their ticket.")
    @ApiResponse(responseCode = "204", description = "Unblocked")
    @ApiResponse(responseCode = "404", description = "No such block on a listing of yours")
    @ApiResponse(responseCode = "409", description = "A booking, not a block")
    void unblock(@PathVariable long id, @PathVariable long blockId) {
        try {
            calendar.unblock(id, blockId);
        } catch (UserInputException e) {
            throw ListingsApi.refusal(e, null);
        }
    }
}
