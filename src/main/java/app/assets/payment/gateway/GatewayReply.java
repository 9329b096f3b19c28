package app.assets.payment.gateway;

import java.util.List;

/**
 * What one call to Zarinpal came to. {@link Outcome#OK} is code 100 or 101; {@link Outcome#REFUSED}
 * is a reply carrying one of Zarinpal's negative codes; {@link Outcome#UNAVAILABLE} is everything
 * else (timeout, connection failure, HTTP 5xx, a body that is not the documented JSON), after
 * which the payment stays recoverable.
 */
public record GatewayReply(
        Outcome outcome,
        Integer code,
        String message,
        String authority,
        String refId,
        String cardPan,
        Long fee,
        String feeType,
        List<Unverified> unverified) {

    public enum Outcome {
        OK,
        REFUSED,
        UNAVAILABLE
    }

    /** A payment the gateway took but nobody has verified yet (from unVerified.json). */
    public record Unverified(String authority, long amount, String callbackUrl, String date) {}

    public GatewayReply {
        unverified = unverified == null ? List.of() : List.copyOf(unverified);
    }

    static GatewayReply refused(int code, String message) {
        return new GatewayReply(Outcome.REFUSED, code, message, null, null, null, null, null, null);
    }

    static GatewayReply unavailable(String why) {
        return new GatewayReply(Outcome.UNAVAILABLE, null, why, null, null, null, null, null, null);
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** Code 101: verified before (by us, in an earlier attempt whose outcome we did not record). */
    public boolean alreadyVerified() {
        return ok() && Integer.valueOf(ZarinpalCodes.ALREADY_VERIFIED).equals(code);
    }
}
