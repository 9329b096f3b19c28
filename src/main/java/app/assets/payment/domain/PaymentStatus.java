package app.assets.payment.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payment attempt stands. A payment that failed, was cancelled or expired can still turn
 * out verified (the gateway took the money after all: found by reconciliation or "verify now");
 * only a verified payment can be refunded. A refund is two-phase: the amount is held on the
 * wallet while the payment is {@link #REFUND_PENDING}, then Zarinpal's answer makes it
 * {@link #REFUNDED} (hold captured) or {@link #VERIFIED} again (hold released).
 */
public enum PaymentStatus {
    CREATED,
    REDIRECTED,
    VERIFIED,
    FAILED,
    CANCELLED,
    EXPIRED,
    REFUND_PENDING,
    REFUNDED;

    public boolean canBecome(PaymentStatus next) {
        return switch (this) {
            case CREATED -> next == REDIRECTED || next == FAILED;
            case REDIRECTED -> EnumSet.of(VERIFIED, FAILED, CANCELLED, EXPIRED).contains(next);
            case FAILED, CANCELLED, EXPIRED -> next == VERIFIED;
            case VERIFIED -> next == REFUND_PENDING;
            case REFUND_PENDING -> next == REFUNDED || next == VERIFIED;
            case REFUNDED -> false;
        };
    }

    /** States in which asking the gateway to verify may still find the money. */
    public static final Set<PaymentStatus> VERIFIABLE = EnumSet.of(REDIRECTED, FAILED, CANCELLED, EXPIRED);

    /** The top-up was credited to the wallet (and, when refunded, taken back out). */
    public boolean isCredited() {
        return this == VERIFIED || this == REFUND_PENDING || this == REFUNDED;
    }
}
