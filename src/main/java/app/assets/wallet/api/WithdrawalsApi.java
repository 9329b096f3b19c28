package app.assets.wallet.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.IdempotencyKeys;
import app.assets.base.api.InvalidField;
import app.assets.base.api.RequiresPermission;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.wallet.service.WalletService;
import app.assets.wallet.service.WalletService.Withdrawal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Withdrawals over the API: a user asks for one ({@code POST /wallet/withdrawals}, the amount is
 * held on the wallet) and follows it; staff with {@code withdrawal.approve} work the queue of
 * pending ones ({@code /withdrawals}), with the same four-eyes rule as the view (nobody approves
 * their own request), which {@link WalletService} enforces.
 */
@ApiController
@Tag(name = "wallet")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class WithdrawalsApi {

    record WithdrawalRequest(Long amount) {}

    record RejectRequest(String reason) {}

    /** A withdrawal as its owner or staff see it; email only in the staff queue. */
    record WithdrawalView(
            long id,
            long userId,
            String email,
            long amount,
            String status,
            String reason,
            Instant createdAt,
            Instant decidedAt) {
        static WithdrawalView of(Withdrawal w, boolean staff) {
            return new WithdrawalView(
                    w.id(),
                    w.userId(),
                    staff ? w.email() : null,
                    w.amount(),
                    w.status(),
                    w.reason(),
                    w.createdAt(),
                    w.decidedAt());
        }
    }

    private final WalletService wallet;
    private final CurrentUser currentUser;
    private final IdempotencyKeys idempotencyKeys;

    WithdrawalsApi(WalletService wallet, CurrentUser currentUser, IdempotencyKeys idempotencyKeys) {
        this.wallet = wallet;
        this.currentUser = currentUser;
        this.idempotencyKeys = idempotencyKeys;
    }

    @PostMapping("/wallet/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Ask to withdraw money to your bank account",
            description = "The amount is held on your wallet until staff approve (paid out) or reject (released) it."
                    + " Requires an Idempotency-Key: a retry returns the first withdrawal and holds the amount once.")
    @ApiResponse(responseCode = "201", description = "Requested (or the first result of this key)")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(responseCode = "422", description = "Amount not positive or more than the available balance")
    WithdrawalView request(
            @Parameter(required = true) @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @RequestBody WithdrawalRequest request) {
        var me = currentUser.require();
        var requestId = idempotencyKeys.claim(
                me.id(),
                idempotencyKey,
                "wallet.withdrawal",
                request.amount() == null ? null : request.amount().toString());
        try {
            long id = wallet.requestWithdrawal(requestId, request.amount());
            return WithdrawalView.of(wallet.myWithdrawal(id).orElseThrow(), false);
        } catch (UserInputException e) {
            throw new InvalidField("amount", e);
        }
    }

    @GetMapping("/wallet/withdrawals")
    @Operation(operationId = "myWithdrawals", summary = "Your withdrawals, newest first")
    ApiPage<WithdrawalView> mine(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ApiPage.of(
                page, size, wallet::myWithdrawals, w -> WithdrawalView.of(w, false), wallet::myWithdrawalCount);
    }

    @GetMapping("/withdrawals")
    @RequiresPermission(Permissions.WITHDRAWAL_APPROVE)
    @Operation(summary = "Pending withdrawals, newest first (staff)", description = "Needs withdrawal.approve.")
    @ApiResponse(responseCode = "200", description = "A page of pending withdrawals")
    ApiPage<WithdrawalView> pending(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ApiPage.of(
                page,
                size,
                wallet::pendingWithdrawals,
                w -> WithdrawalView.of(w, true),
                wallet::pendingWithdrawalCount);
    }

    @PostMapping("/withdrawals/{id}/approve")
    @RequiresPermission(Permissions.WITHDRAWAL_APPROVE)
    @Operation(
            summary = "Approve a pending withdrawal (staff)",
            description = "Needs withdrawal.approve; never your own request. Approving twice is harmless.")
    @ApiResponse(responseCode = "422", description = "Not pending any more, or your own request")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void approve(@PathVariable long id) {
        wallet.approveWithdrawal(id);
    }

    @PostMapping("/withdrawals/{id}/reject")
    @RequiresPermission(Permissions.WITHDRAWAL_APPROVE)
    @Operation(
            summary = "Reject a pending withdrawal (staff)",
            description = "Needs withdrawal.approve; the reason is shown to the user and the amount released.")
    @ApiResponse(responseCode = "422", description = "Not pending any more, or no reason")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reject(@PathVariable long id, @RequestBody RejectRequest request) {
        try {
            wallet.rejectWithdrawal(id, request.reason());
        } catch (UserInputException e) {
            if (e.messageKey().startsWith("reason")) {
                throw new InvalidField("reason", e);
            }
            throw e;
        }
    }
}
