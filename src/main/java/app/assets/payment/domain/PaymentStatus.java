package app.assets.payment.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a payment attempt stands. A payment that failed, was cancelled or expired can still turn
 * out verified (the gateway took the money after all: found by reconciliation or "verify now");
 * only a verified payment can be refunded.
 */
public enum PaymentStatus {
    CREATED,
    REDIRECTED,
    VERIFIED,
    FAILED,
    CANCELLED,
    EXPIRED,
    REFUNDED;

    public boolean canBecome(PaymentStatus next) {
        return switch (this) {
            case CREATED -> next == REDIRECTED || next == FAILED;
            case REDIRECTED -> EnumSet.of(VERIFIED, FAILED, CANCELLED, EXPIRED).contains(next);
            case FAILED, CANCELLED, EXPIRED -> next == VERIFIED;
            case VERIFIED -> next == REFUNDED;
            case REFUNDED -> false;
        };
    }

    /** States in which asking the gateway to verify may still find the money. */
    public static final Set<PaymentStatus> VERIFIABLE = EnumSet.of(REDIRECTED, FAILED, CANCELLED, EXPIRED);

    public boolean isCredited() {
        return this == VERIFIED || this == REFUNDED;
    }
}
