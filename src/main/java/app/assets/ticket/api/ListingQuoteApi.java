package app.assets.ticket.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiParams;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.ticket.domain.Quote;
import app.assets.ticket.service.Bookings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /listings/{id}/quote}: what borrowing a listing for these dates would cost, the same
 * {@link Quote} the listing page shows before requesting, after the same checks a request makes
 * ({@link Bookings#quote}). It lives in the ticket module because quoting is a booking rule.
 */
@ApiController
@Tag(name = "listings")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class ListingQuoteApi {

    /** The quote: the borrower pays total = price + deposit; the fee comes out of the lender's payout. */
    record QuoteView(
            long listingId,
            LocalDate start,
            LocalDate end,
            int days,
            String rateKind,
            long rate,
            int months,
            int weeks,
            int singleDays,
            long price,
            long deposit,
            long total,
            long fee) {
        static QuoteView of(long listingId, LocalDate start, LocalDate end, Quote q) {
            return new QuoteView(
                    listingId,
                    start,
                    end,
                    q.days(),
                    q.rateKind().name(),
                    q.rate(),
                    q.months(),
                    q.weeks(),
                    q.singleDays(),
                    q.price(),
                    q.deposit(),
                    q.total(),
                    q.fee());
        }
    }

    private final Bookings bookings;

    ListingQuoteApi(Bookings bookings) {
        this.bookings = bookings;
    }

    @GetMapping("/listings/{id}/quote")
    @Operation(
            operationId = "quoteListing",
            summary = "What these dates would cost",
            description = "start is the first day and end the return day (yyyy-MM-dd, Tehran days). Checks what a "
                    + "request checks: not your own listing, borrowable now, no past start, the lender's notice, the "
                    + "listing's shortest and longest stay, free days.")
    @ApiResponse(responseCode = "200", description = "The quote")
    @ApiResponse(responseCode = "404", description = "No such listing, or not one you may see")
    @ApiResponse(responseCode = "409", description = "Some of these days are taken")
    @ApiResponse(responseCode = "422", description = "Dates malformed or outside the listing's terms, your own listing")
    QuoteView quote(
            @PathVariable long id,
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam(required = false) String start,
            @Parameter(description = "return day, yyyy-MM-dd") @RequestParam(required = false) String end) {
        LocalDate first = ApiParams.day("start", start, null);
        LocalDate last = ApiParams.day("end", end, null);
        try {
            return QuoteView.of(id, first, last, bookings.quote(id, first, last));
        } catch (UserInputException e) {
            throw switch (e.messageKey()) {
                case "booking.datesRequired" -> new InvalidField(first == null ? "start" : "end", e);
                case "booking.startPast", "booking.leadTime" -> new InvalidField("start", e);
                case "booking.endAfterStart", "booking.tooShort", "booking.tooLong" -> new InvalidField("end", e);
                default -> e;
            };
        }
    }
}
