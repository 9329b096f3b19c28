package app.assets.wallet.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiException;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.IdempotencyKeys;
import app.assets.base.api.InvalidField;
import app.assets.base.api.RequiresPermission;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ledger.Balance;
import app.assets.ledger.StatementFilter;
import app.assets.ledger.StatementLine;
import app.assets.wallet.service.WalletService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * {@code /api/v1/wallet}: the caller's balance, statement and transfers, through the same
 * {@link WalletService} as the wallet view; and {@code /api/v1/wallets/{userId}} for staff with
 * {@code wallet.read.any}, which the service checks.
 */
@ApiController
@Tag(name = "wallet")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class WalletApi {

    /** Balances in whole Rials: posted, and available (posted minus what holds reserve). */
    record WalletBalance(long posted, long held, long available) {
        static WalletBalance of(Balance balance) {
            return new WalletBalance(balance.posted(), balance.held(), balance.available());
        }
    }

    record TransferRequest(String recipientEmail, Long amount, String note) {}

    record Transfer(long transactionId, String recipientEmail, long amount, String note) {}

    private final WalletService wallet;
    private final CurrentUser currentUser;
    private final IdempotencyKeys idempotencyKeys;

    WalletApi(WalletService wallet, CurrentUser currentUser, IdempotencyKeys idempotencyKeys) {
        this.wallet = wallet;
        this.currentUser = currentUser;
        this.idempotencyKeys = idempotencyKeys;
    }

    @GetMapping("/wallet")
    @Operation(summary = "Your wallet's balance")
    WalletBalance balance() {
        return WalletBalance.of(wallet.myBalance());
    }

    @GetMapping("/wallet/transactions")
    @Operation(
            summary = "Your wallet's statement, newest first",
            description = "Paged: page from 0, size 1 to 100; total is the number of entries matching the filter.")
    ApiPage<StatementLine> transactions(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @Parameter(description = "one of the transaction types, e.g. TRANSFER or TOP_UP")
                    @RequestParam(required = false)
                    String type) {
        ApiPage.check(page, size);
        if (type != null && !WalletService.TYPES.contains(type)) {
            throw new InvalidField(
                    "type", new UserInputException("api.type.unknown", String.join(", ", WalletService.TYPES)));
        }
        var filter = new StatementFilter(null, null, type);
        return ApiPage.of(
                page,
                size,
                (offset, limit) -> wallet.myStatement(filter, offset, limit),
                () -> wallet.myStatementSize(filter));
    }

    @PostMapping("/wallet/transfer")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Send money to another user",
            description = "Requires an Idempotency-Key header (1 to 100 characters): repeating the request with the "
                    + "same key and body returns the first result and moves the money once, however the retries race; "
                    + "the same key with another body is 409.")
    @ApiResponse(responseCode = "201", description = "Transferred (or the first result of this key)")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(
            responseCode = "422",
            description = "No account at the recipient's address (checked after the balance, so a balance too low "
                    + "answers the same for any address), yourself, transfers paused after too many addresses "
                    + "without an account, amount not positive, balance too low, note too long")
    Transfer transfer(
            @Parameter(required = true, description = "1 to 100 characters, new for each transfer you mean")
                    @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @RequestBody TransferRequest request) {
        long me = currentUser.requireId();
        String amount = request.amount() == null ? null : request.amount().toString();
        try {
            // The claim runs in the transfer's transaction: it commits with the money (one commit per transfer) and a
            // racing retry waits on it, then gets the first result (IdempotencyKeys.claimWithin).
            long transactionId = wallet.transfer(
                    () -> idempotencyKeys.claimWithin(
                            me, idempotencyKey, "wallet.transfer", request.recipientEmail(), amount, request.note()),
                    request.recipientEmail(),
                    request.amount(),
                    request.note());
            return new Transfer(transactionId, request.recipientEmail().trim(), request.amount(), request.note());
        } catch (UserInputException e) {
            throw new InvalidField(fieldOf(e.messageKey()), e);
        }
    }

    @GetMapping("/wallets/{userId}")
    @RequiresPermission(Permissions.WALLET_READ_ANY)
    @Operation(summary = "Any user's wallet balance (staff)")
    @ApiResponse(responseCode = "200", description = "The user's balance")
    @ApiResponse(responseCode = "404", description = "No such user")
    WalletBalance balanceOf(@PathVariable long userId) {
        return wallet.findBalanceOf(userId).map(WalletBalance::of).orElseThrow(ApiException::notFound);
    }

    /** The request field a transfer's refusal concerns. */
    private static String fieldOf(String messageKey) {
        if (messageKey.startsWith("transfer.recipient")
                || messageKey.startsWith("email.")
                || messageKey.equals("transfer.unknownRecipient")
                || messageKey.equals("transfer.paused")
                || messageKey.equals("transfer.toSelf")) {
            return "recipientEmail";
        }
        if (messageKey.equals("transfer.noteTooLong")) {
            return "note";
        }
        return "amount";
    }
}
