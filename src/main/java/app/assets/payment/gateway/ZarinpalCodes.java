package app.assets.payment.gateway;

import java.util.List;

/**
 * The result codes of Zarinpal's v4 payment API, as its error list documents them (sources in
 * docs/payments.md). Each has a message key {@code zarinpal.code.<code>} in both bundles.
 */
public final class ZarinpalCodes {

    public static final int SUCCESS = 100;
    public static final int ALREADY_VERIFIED = 101;
    public static final int VALIDATION = -9;
    public static final int TOO_MANY_ATTEMPTS = -12;
    public static final int AMOUNT_MISMATCH = -50;
    public static final int NOT_PAID = -51;
    public static final int UNEXPECTED = -52;
    public static final int FOREIGN_SESSION = -53;
    public static final int INVALID_AUTHORITY = -54;
    public static final int NOT_FOUND = -55;
    /** reverse.json: the session is not in success state; for a payment we verified, it was reversed already. */
    public static final int NOT_IN_SUCCESS_STATE = -61;

    public static final int REVERSE_EXPIRED = -63;

    /** Every documented code; a code outside this list is shown as "unknown code". */
    public static final List<Integer> ALL = List.of(
            100, 101, -9, -10, -11, -12, -13, -14, -15, -16, -17, -30, -31, -32, -33, -34, -35, -36, -37, -38, -39, -40,
            -41, -50, -51, -52, -53, -54, -55, -60, -61, -62, -63);

    /**
     * Codes after which verifying again can never succeed for this payment: the gateway has no
     * paid session for it, or it belongs to someone else. Everything else (terminal and merchant
     * configuration, rate limits, "contact support") may pass on a later attempt.
     */
    public static boolean finalForVerify(int code) {
        return code == AMOUNT_MISMATCH || code == FOREIGN_SESSION || code == INVALID_AUTHORITY || code == NOT_FOUND;
    }

    /** The message key of a code. */
    public static String messageKey(Integer code) {
        return code != null && ALL.contains(code) ? "zarinpal.code." + code : "zarinpal.code.unknown";
    }

    private ZarinpalCodes() {}
}
