package app.assets.ticket.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiParams;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.ApiTwinOf;
import app.assets.base.api.IdempotencyKeys;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketPayments;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.api.TicketResources.TicketItem;
import app.assets.ticket.api.TicketResources.TicketResource;
import app.assets.ticket.service.Bookings;
import app.assets.ticket.service.TicketDisputes;
import app.assets.ticket.service.TicketLifecycle;
import app.assets.ticket.service.TicketQueries;
import app.assets.ticket.service.TicketQueries.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;

/**
 * Lending tickets over the API: the caller's tickets, requesting a listing for dates, one ticket
 * with the actions the caller may take now, and one endpoint per step the detail view offers
 * (accept, decline, withdraw, pay, complete, dispute). The services decide who may do what; a
 * ticket the caller may not read is 404, the other side's step 403, a step its state does not
 * allow 422 naming both (see docs/api.md).
 */
@ApiController
@Tag(name = "tickets")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class TicketsApi {

    /** A request to borrow: the listing, the start and return days (yyyy-MM-dd, Tehran) and a first message. */
    record TicketRequest(Long listingId, String start, String end, String message) {}

    /** Why, for decline (optional, written in the thread) and dispute (required). */
    record Reason(String reason) {}

    private final TicketQueries tickets;
    private final TicketLifecycle lifecycle;
    private final TicketDisputes disputes;
    private final Bookings bookings;
    private final TicketResources resources;
    private final CurrentUser currentUser;
    private final IdempotencyKeys idempotencyKeys;

    TicketsApi(
            TicketQueries tickets,
            TicketLifecycle lifecycle,
            TicketDisputes disputes,
            Bookings bookings,
            TicketResources resources,
            CurrentUser currentUser,
            IdempotencyKeys idempotencyKeys) {
        this.tickets = tickets;
        this.lifecycle = lifecycle;
        this.disputes = disputes;
        this.bookings = bookings;
        this.resources = resources;
        this.currentUser = currentUser;
        this.idempotencyKeys = idempotencyKeys;
    }

    @GetMapping("/tickets")
    @Operation(
            summary = "Your tickets, newest first",
            description =
                    "role: borrower (tickets you asked for), lender (requests for your listings) or any (both,"
                            + " the default); status: PENDING, ACCEPTED, ACTIVE, COMPLETED, CANCELLED or DISPUTED (any when left out).")
    @ApiResponse(responseCode = "200", description = "A page")
    @ApiResponse(responseCode = "422", description = "Unknown role or status, or a page out of range")
    ApiPage<TicketItem> tickets(
            @RequestParam(defaultValue = "any") String role,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ApiPage.check(page, size);
        var filter = new TicketQueries.Filter(scope(role), ApiParams.oneOf("status", status, TicketStatus.class));
        return ApiPage.of(
                page,
                size,
                (offset, limit) -> resources.items(tickets.list(filter, offset, limit)),
                () -> tickets.count(filter));
    }

    @PostMapping("/tickets")
    @Operation(
            summary = "Ask to borrow a listing for dates",
            description = "The same checks and stored quote as the request form: the listing is someone else's and"
                    + " borrowable, the return day is after the start, the length fits the listing's minimum and maximum,"
                    + " the start respects its notice and the days are free. The message (optional, up to 2000"
                    + " characters) opens the ticket's thread. Requesting moves no money (the lender's accept or your"
                    + " payment does), so Idempotency-Key is optional: with one, a retry returns the first ticket.")
    @ApiResponse(responseCode = "201", description = "Requested; Location names the ticket")
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used for another request")
    @ApiResponse(responseCode = "422", description = "A field to change (listingId, start, end or message)")
    ResponseEntity<TicketResource> requestTicket(
            @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody TicketRequest request) {
        var me = currentUser.require();
        if (request.listingId() == null) {
            throw new InvalidField("listingId", new UserInputException("listing.notFound"));
        }
        LocalDate start = ApiParams.day("start", request.start(), null);
        LocalDate end = ApiParams.day("end", request.end(), null);
        UUID requestId = idempotencyKey == null
                ? UUID.randomUUID()
                : idempotencyKeys.claim(
                        me.id(),
                        idempotencyKey,
                        "ticket.request",
                        request.listingId().toString(),
                        request.start(),
                        request.end(),
                        request.message());
        long id;
        try {
            id = bookings.request(requestId, request.listingId(), start, end, request.message());
        } catch (UserInputException e) {
            throw new InvalidField(requestField(e.messageKey()), e);
        }
        return ResponseEntity.created(URI.create(ApiPaths.BASE + "/tickets/" + id))
                .body(resources.resource(id));
    }

    @GetMapping("/tickets/{id}")
    @Operation(
            summary = "One ticket, with the actions you may take now",
            description =
                    "Its two sides read it (and staff with ticket.read.any, as in the app); to anyone else it"
                            + " does not exist. The ETag changes with anything shown; If-None-Match answers 304 when unchanged.")
    @ApiResponse(responseCode = "200", description = "The ticket; the ETag header names this state of it")
    @ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent as If-None-Match")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    ResponseEntity<TicketResource> ticket(@PathVariable long id, WebRequest request) {
        var resource = resources.resource(id);
        String etag = resources.etag(resource);
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(resource);
    }

    // ---- the steps ------------------------------------------------------------------------------

    @PostMapping("/tickets/{id}/accept")
    @Operation(
            operationId = "acceptTicket",
            summary = "Accept a pending request (lender)",
            description = "Books the dates (declining the pending requests they overlap) and, when the borrower's"
                    + " wallet covers price and deposit, pays at once (the ticket is ACTIVE); otherwise it waits for"
                    + " payment (ACCEPTED). Accepting again returns the ticket unchanged: it moves money once by the"
                    + " ticket's own ledger keys, so no Idempotency-Key is needed. PATCH as in the original design.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "403", description = "You are the borrower")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "422", description = "Not pending any more, or its dates are taken or past")
    TicketResource acceptTicket(@PathVariable long id) {
        return resources.step(id, null, () -> lifecycle.accept(id));
    }

    @PatchMapping("/tickets/{id}/accept")
    @ApiTwinOf("acceptTicket")
    TicketResource acceptTicketByPatch(@PathVariable long id) {
        return acceptTicket(id);
    }

    @PostMapping("/tickets/{id}/decline")
    @Operation(
            summary = "Decline a pending request (lender)",
            description = "The reason (optional, up to 1000 characters) is written in the ticket's thread.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "403", description = "You are the borrower")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "422", description = "Not pending any more, or the reason is too long")
    TicketResource declineTicket(@PathVariable long id, @RequestBody(required = false) Reason body) {
        return resources.step(id, "reason", () -> lifecycle.decline(id, body == null ? null : body.reason()));
    }

    @PostMapping("/tickets/{id}/withdraw")
    @Operation(
            summary = "Withdraw your request (borrower)",
            description = "While it is pending or accepted and unpaid; withdrawing twice is harmless.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "403", description = "You are the lender")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "422", description = "Already paid or ended")
    TicketResource withdrawTicket(@PathVariable long id) {
        return resources.step(id, null, () -> lifecycle.withdraw(id));
    }

    @PostMapping("/tickets/{id}/pay")
    @Operation(
            summary = "Pay an accepted ticket from your wallet (borrower)",
            description = "The price moves into the ticket's escrow and the deposit is held; the ticket becomes ACTIVE."
                    + " Requires an Idempotency-Key: retries, racing ones included, pay once and return the ticket.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "400", description = "No Idempotency-Key")
    @ApiResponse(responseCode = "403", description = "You are the lender")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(responseCode = "422", description = "The wallet does not cover price and deposit, or not payable now")
    TicketResource payTicket(
            @Parameter(required = true) @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @PathVariable long id) {
        idempotencyKeys.claim(currentUser.require().id(), idempotencyKey, "ticket.pay", Long.toString(id));
        return resources.step(id, null, () -> {
            if (lifecycle.pay(id) == TicketPayments.Outcome.INSUFFICIENT_FUNDS) {
                throw new UserInputException("ticket.payShort");
            }
        });
    }

    @PostMapping("/tickets/{id}/complete")
    @Operation(
            operationId = "completeTicket",
            summary = "Confirm the return (lender)",
            description = "Escrow pays you the price less the platform fee and the ticket completes; the deposit then"
                    + " awaits your release or claim. Confirming again returns the ticket unchanged (the payout has its"
                    + " own ledger key, so no Idempotency-Key is needed). PATCH as in the original design.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "403", description = "You are the borrower")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "422", description = "The loan is not active")
    TicketResource completeTicket(@PathVariable long id) {
        return resources.step(id, null, () -> lifecycle.confirmReturn(id));
    }

    @PatchMapping("/tickets/{id}/complete")
    @ApiTwinOf("completeTicket")
    TicketResource completeTicketByPatch(@PathVariable long id) {
        return completeTicket(id);
    }

    @PostMapping("/tickets/{id}/dispute")
    @Operation(
            summary = "Open a dispute about an active loan (either side)",
            description =
                    "The escrow stays put until SUPPORT settles it; the reason (1 to 1000 characters) is required.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "422", description = "No reason, or the loan is not active")
    TicketResource disputeTicket(@PathVariable long id, @RequestBody Reason body) {
        return resources.step(id, "reason", () -> disputes.openDispute(id, body.reason()));
    }

    // ---- input ----------------------------------------------------------------------------------

    private static Scope scope(String role) {
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "borrower" -> Scope.AS_BORROWER;
            case "lender" -> Scope.AS_LENDER;
            case "any" -> Scope.MINE;
            default -> throw new InvalidField("role", new UserInputException("api.ticket.role"));
        };
    }

    /** Which field of the request a refusal of the booking rules is about. */
    private static String requestField(String key) {
        if (key.startsWith("ticket.comment")) {
            return "message";
        }
        if (key.startsWith("booking.endAfterStart")
                || key.startsWith("booking.tooShort")
                || key.startsWith("booking.tooLong")
                || key.equals("ticket.daysRange")
                || key.equals("listing.priceTooHigh")) {
            return "end";
        }
        if (key.startsWith("booking.") || key.startsWith("calendar.")) {
            return "start";
        }
        return "listingId";
    }
}
