package app.assets.ticket.api;

import app.assets.base.UserText;
import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.IdempotencyKeys;
import app.assets.base.api.InvalidField;
import app.assets.base.api.RequiresPermission;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.api.TicketResources.DepositView;
import app.assets.ticket.api.TicketResources.TicketItem;
import app.assets.ticket.api.TicketResources.TicketResource;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.DepositService.DisputedClaim;
import app.assets.ticket.service.TicketDisputes;
import app.assets.ticket.service.TicketQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What SUPPORT does daily, over the API: the open disputes and their settlement (dispute.settle,
 * as the settle button of the ticket view), the disputed damage claims and their decision
 * (claim.decide, as /admin/claims). Four eyes as in the app: the services refuse a staff member
 * who is a party to the ticket. Both decisions move money, so both need an Idempotency-Key.
 */
@ApiController
@Tag(name = "disputes")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class DisputesApi {

    /** How to split a disputed loan's escrow: {@code lenderShare} (0 to the price) to the lender, the rest back. */
    record Settlement(Long lenderShare, String note) {}

    /** A disputed claim's decision: {@code amount} (0 to the claim) to the lender, the rest of the deposit back. */
    record Decision(Long amount, String reason) {}

    record ClaimItem(
            long ticketId,
            String listingTitle,
            long borrowerUserId,
            long lenderUserId,
            long deposit,
            long claimAmount,
            String claimText,
            String disputeReason,
            Instant disputedAt) {
        static ClaimItem of(DisputedClaim c) {
            return new ClaimItem(
                    c.ticketId(),
                    c.listingTitle(),
                    c.borrowerUserId(),
                    c.lenderUserId(),
                    c.deposit(),
                    c.claimAmount(),
                    c.claimText(),
                    c.disputeReason(),
                    c.disputedAt());
        }
    }

    private final TicketQueries tickets;
    private final TicketDisputes disputes;
    private final DepositService deposits;
    private final TicketResources resources;
    private final CurrentUser currentUser;
    private final IdempotencyKeys idempotencyKeys;

    DisputesApi(
            TicketQueries tickets,
            TicketDisputes disputes,
            DepositService deposits,
            TicketResources resources,
            CurrentUser currentUser,
            IdempotencyKeys idempotencyKeys) {
        this.tickets = tickets;
        this.disputes = disputes;
        this.deposits = deposits;
        this.resources = resources;
        this.currentUser = currentUser;
        this.idempotencyKeys = idempotencyKeys;
    }

    @GetMapping("/disputes")
    @RequiresPermission(Permissions.DISPUTE_SETTLE)
    @Operation(summary = "Open disputes, oldest first (staff)", description = "Needs dispute.settle.")
    @ApiResponse(responseCode = "200", description = "A page")
    @ApiResponse(responseCode = "422", description = "A page out of range")
    ApiPage<TicketItem> openDisputes(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ApiPage.of(
                page,
                size,
                (offset, limit) -> resources.items(disputes.disputes(offset, limit)),
                disputes::disputeCount);
    }

    @PostMapping("/disputes/{ticketId}/settle")
    @RequiresPermission(Permissions.DISPUTE_SETTLE)
    @Operation(
            summary = "Settle a dispute (staff)",
            description = "Needs dispute.settle and, as in the app, the right to read the ticket. lenderShare of the"
                    + " escrow goes to the lender (less the platform fee on it), the rest back to the borrower: the"
                    + " price pays the lender all, 0 refunds all. Never a ticket you are a party to. Requires an"
                    + " Idempotency-Key; a retry returns the settled ticket.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "400", description = "No Idempotency-Key")
    @ApiResponse(responseCode = "404", description = "No such ticket")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(responseCode = "422", description = "Not disputed, your own ticket, share out of range or no note")
    TicketResource settleDispute(
            @Parameter(required = true) @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @PathVariable long ticketId,
            @RequestBody Settlement request) {
        idempotencyKeys.claim(
                currentUser.require().id(),
                idempotencyKey,
                "dispute.settle",
                Long.toString(ticketId),
                Objects.toString(request.lenderShare(), null),
                request.note());
        resources.visible(ticketId);
        try {
            disputes.settle(ticketId, request.lenderShare(), request.note());
        } catch (UserInputException e) {
            if (e.messageKey().equals("ticket.notDisputed") && settledAsAsked(ticketId, request)) {
                return resources.resource(ticketId);
            }
            if (e.messageKey().equals("ticket.shareRange")) {
                throw new InvalidField("lenderShare", e);
            }
            throw TicketResources.refusal(e, "note");
        }
        return resources.resource(ticketId);
    }

    @GetMapping("/claims")
    @RequiresPermission(Permissions.CLAIM_DECIDE)
    @Operation(
            summary = "Disputed damage claims, oldest first (staff)",
            description = "Needs claim.decide; status DISPUTED (the only queue staff work) is the default.")
    @ApiResponse(responseCode = "200", description = "A page")
    @ApiResponse(responseCode = "422", description = "A status other than DISPUTED, or a page out of range")
    ApiPage<ClaimItem> disputedClaims(
            @RequestParam(defaultValue = "DISPUTED") String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ApiPage.check(page, size);
        if (!Deposit.Status.DISPUTED.name().equalsIgnoreCase(status.strip())) {
            throw new InvalidField("status", new UserInputException("api.claim.status"));
        }
        return ApiPage.of(page, size, deposits::disputed, ClaimItem::of, deposits::disputedCount);
    }

    @PostMapping("/claims/{ticketId}/decide")
    @RequiresPermission(Permissions.CLAIM_DECIDE)
    @Operation(
            summary = "Decide a disputed damage claim (staff)",
            description = "Needs claim.decide; a claim is named by its ticket. amount (0 to the claim) goes to the"
                    + " lender, the rest of the deposit back to the borrower, with a written reason. Never a ticket you"
                    + " are a party to. Requires an Idempotency-Key; a retry returns the decided deposit.")
    @ApiResponse(responseCode = "200", description = "The deposit as decided")
    @ApiResponse(responseCode = "400", description = "No Idempotency-Key")
    @ApiResponse(responseCode = "404", description = "No such ticket")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(responseCode = "422", description = "Not disputed, your own ticket, amount out of range or no reason")
    DepositView decideClaim(
            @Parameter(required = true) @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @PathVariable long ticketId,
            @RequestBody Decision request) {
        idempotencyKeys.claim(
                currentUser.require().id(),
                idempotencyKey,
                "claim.decide",
                Long.toString(ticketId),
                Objects.toString(request.amount(), null),
                request.reason());
        try {
            deposits.decide(ticketId, request.amount(), request.reason());
        } catch (UserInputException e) {
            if (e.messageKey().equals("deposit.notDisputed") && decidedAsAsked(ticketId, request)) {
                return deposits.find(ticketId).map(DepositView::of).orElseThrow(TicketResources::notFound);
            }
            if (e.messageKey().equals("deposit.decideRange")) {
                throw new InvalidField("amount", e);
            }
            throw TicketResources.refusal(e, "reason");
        }
        return deposits.find(ticketId).map(DepositView::of).orElseThrow(TicketResources::notFound);
    }

    /** Whether the ticket was already settled exactly so: a retry then answers with it instead of a refusal. */
    private boolean settledAsAsked(long ticketId, Settlement request) {
        return tickets.find(ticketId)
                .filter(t -> t.status() == TicketStatus.COMPLETED && t.settlementNote() != null)
                .filter(t -> request.lenderShare() != null
                        && t.lenderPayout() + t.platformFee() == request.lenderShare()
                        && t.settlementNote().equals(UserText.lines(request.note())))
                .isPresent();
    }

    private boolean decidedAsAsked(long ticketId, Decision request) {
        return deposits.find(ticketId)
                .filter(d -> d.resolution() == Deposit.Resolution.DECIDED)
                .filter(d -> Objects.equals(d.capturedAmount(), request.amount())
                        && Objects.equals(d.decisionReason(), UserText.lines(request.reason())))
                .isPresent();
    }
}
