package app.assets.ticket.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.IdempotencyKeys;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.ticket.api.TicketResources.TicketResource;
import app.assets.ticket.service.DepositService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * A returned loan's deposit over the API, as the deposit panel offers it (docs/deposits.md): the
 * lender releases it or claims part of it before the deadline, the borrower accepts or disputes the
 * claim. The steps that release or capture money need an Idempotency-Key.
 */
@ApiController
@Tag(name = "tickets")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class TicketDepositsApi {

    /** A damage claim: 1 to the deposit, what is damaged, and the condition reports that show it. */
    record ClaimRequest(Long amount, String note, List<Long> evidence) {}

    record Reason(String reason) {}

    private final DepositService deposits;
    private final TicketResources resources;
    private final CurrentUser currentUser;
    private final IdempotencyKeys idempotencyKeys;

    TicketDepositsApi(
            DepositService deposits,
            TicketResources resources,
            CurrentUser currentUser,
            IdempotencyKeys idempotencyKeys) {
        this.deposits = deposits;
        this.resources = resources;
        this.currentUser = currentUser;
        this.idempotencyKeys = idempotencyKeys;
    }

    @PostMapping("/tickets/{id}/deposit/release")
    @Operation(
            summary = "Give the whole deposit back (lender)",
            description = "After the return, before the decision deadline. Requires an Idempotency-Key; releasing again"
                    + " returns the ticket unchanged.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "400", description = "No Idempotency-Key")
    @ApiResponse(responseCode = "403", description = "You are the borrower")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(responseCode = "422", description = "The deposit does not await a decision")
    TicketResource releaseDeposit(
            @Parameter(required = true) @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @PathVariable long id) {
        idempotencyKeys.claim(currentUser.require().id(), idempotencyKey, "deposit.release", Long.toString(id));
        return resources.step(id, null, () -> deposits.release(id));
    }

    @PostMapping("/tickets/{id}/claim")
    @Operation(
            summary = "Claim part of the deposit for damage (lender)",
            description = "Amount 1 to the deposit, a note (up to 2000 characters) and at least one of the ticket's"
                    + " condition reports as evidence; before the decision deadline, once. Nothing moves yet: the"
                    + " borrower accepts or disputes.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "403", description = "You are the borrower")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "422", description = "A field to change, the deadline passed, or no deposit awaits")
    TicketResource fileClaim(@PathVariable long id, @RequestBody ClaimRequest request) {
        try {
            deposits.claim(id, request.amount(), request.note(), request.evidence());
        } catch (UserInputException e) {
            String key = e.messageKey();
            if (key.equals("deposit.claimRange")) {
                throw new InvalidField("amount", e);
            }
            if (key.startsWith("deposit.claimText")) {
                throw new InvalidField("note", e);
            }
            if (key.startsWith("deposit.evidence")) {
                throw new InvalidField("evidence", e);
            }
            throw e;
        }
        return resources.resource(id);
    }

    @PostMapping("/tickets/{id}/claim/accept")
    @Operation(
            summary = "Accept the lender's claim (borrower)",
            description =
                    "The claimed amount goes to the lender, the rest of the deposit back to you; also after"
                            + " disputing, until SUPPORT decides. Requires an Idempotency-Key; accepting again changes nothing.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "400", description = "No Idempotency-Key")
    @ApiResponse(responseCode = "403", description = "You are the lender")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(responseCode = "422", description = "No open claim")
    TicketResource acceptClaim(
            @Parameter(required = true) @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @PathVariable long id) {
        idempotencyKeys.claim(currentUser.require().id(), idempotencyKey, "deposit.accept", Long.toString(id));
        return resources.step(id, null, () -> deposits.accept(id));
    }

    @PostMapping("/tickets/{id}/claim/dispute")
    @Operation(
            summary = "Dispute the lender's claim (borrower)",
            description = "With a reason (1 to 1000 characters); SUPPORT decides. Disputing again changes nothing.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "403", description = "You are the lender")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(responseCode = "422", description = "No reason, or no open claim")
    TicketResource disputeClaim(@PathVariable long id, @RequestBody Reason body) {
        return resources.step(id, "reason", () -> deposits.dispute(id, body.reason()));
    }
}
