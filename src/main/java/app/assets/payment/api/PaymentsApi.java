package app.assets.payment.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiException;
import app.assets.base.api.ApiPage;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.IdempotencyKeys;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.payment.TopUpPurpose;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.service.PaymentQueries;
import app.assets.payment.service.TopUps;
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
 * Wallet top-ups through Zarinpal over the API: {@code POST /payments} opens one and answers with
 * the gateway address to send the payer to; Zarinpal then brings the payer back to the web
 * callback, which verifies and credits exactly as for a top-up started in the UI, and
 * {@code GET /payments/{id}} tells the client how it ended. Only the payer sees a payment.
 */
@ApiController
@Tag(name = "payments")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class PaymentsApi {

    record TopUpRequest(Long amount) {}

    record Started(long paymentId, PaymentStatus status, String gatewayUrl) {}

    record PaymentView(
            long id,
            long amount,
            TopUpPurpose purpose,
            PaymentStatus status,
            String refId,
            String cardPan,
            Instant createdAt,
            Instant updatedAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(
                    p.id(), p.amount(), p.purpose(), p.status(), p.refId(), p.cardPan(), p.createdAt(), p.updatedAt());
        }
    }

    private final PaymentQueries payments;
    private final TopUps topUps;
    private final CurrentUser currentUser;
    private final IdempotencyKeys idempotencyKeys;

    PaymentsApi(PaymentQueries payments, TopUps topUps, CurrentUser currentUser, IdempotencyKeys idempotencyKeys) {
        this.payments = payments;
        this.topUps = topUps;
        this.currentUser = currentUser;
        this.idempotencyKeys = idempotencyKeys;
    }

    @PostMapping("/payments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Start a wallet top-up at Zarinpal",
            description = "Answers with the address to open in the payer's browser (gatewayUrl). Requires an"
                    + " Idempotency-Key: a retry opens no second payment and answers with the first as it stands.")
    @ApiResponse(responseCode = "201", description = "Opened (or the first payment of this key)")
    @ApiResponse(responseCode = "409", description = "The key was used for another request")
    @ApiResponse(
            responseCode = "422",
            description = "Amount outside the limits, or the gateway refused or is unreachable")
    Started start(
            @Parameter(required = true) @RequestHeader(name = ApiPaths.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @RequestBody TopUpRequest request) {
        var me = currentUser.require();
        var requestId = idempotencyKeys.claim(
                me.id(),
                idempotencyKey,
                "payment.topUp",
                request.amount() == null ? null : request.amount().toString());
        try {
            var started = topUps.startTopUp(requestId, request.amount(), TopUpPurpose.WALLET_TOP_UP, null);
            return new Started(started.paymentId(), started.status(), started.gatewayUrl());
        } catch (UserInputException e) {
            if (e.messageKey().startsWith("money") || e.messageKey().equals("payment.amountRange")) {
                throw new InvalidField("amount", e);
            }
            throw e;
        }
    }

    @GetMapping("/payments")
    @Operation(operationId = "myPayments", summary = "Your payments, newest first")
    ApiPage<PaymentView> mine(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return ApiPage.of(page, size, payments::myPayments, PaymentView::of, payments::myPaymentCount);
    }

    @GetMapping("/payments/{id}")
    @Operation(summary = "One of your payments", description = "404 for a payment that is not yours.")
    @ApiResponse(responseCode = "200", description = "The payment as it stands")
    @ApiResponse(responseCode = "404", description = "No such payment of yours")
    PaymentView one(@PathVariable long id) {
        return payments.myPayment(id).map(PaymentView::of).orElseThrow(ApiException::notFound);
    }
}
