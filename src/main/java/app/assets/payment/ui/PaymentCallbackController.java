package app.assets.payment.ui;

import app.assets.payment.PaymentProperties;
import app.assets.payment.service.TopUps;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where Zarinpal sends the payer back ({@code GET /payment/callback?state=...&Authority=...&Status=OK|NOK}).
 * Hands the callback to the service and sends the browser on to the result page at once: the
 * payment is verified in the background while that page says "confirming". Any amount in
 * the request is ignored: the service verifies the amount it stored.
 */
@Controller
class PaymentCallbackController {

    private final TopUps topUps;

    PaymentCallbackController(TopUps topUps) {
        this.topUps = topUps;
    }

    @GetMapping(PaymentProperties.CALLBACK_PATH)
    String callback(
            @RequestParam(name = "state", required = false) String state,
            @RequestParam(name = "Authority", required = false) String authority,
            @RequestParam(name = "Status", required = false) String status,
            HttpServletRequest request) {
        var result = topUps.acceptCallback(state, authority, status, request.getRemoteAddr());
        return result.paymentId() != null
                ? "redirect:/payment/result?payment=" + result.paymentId()
                : "redirect:/payment/result?refused=" + result.refusal();
    }
}
