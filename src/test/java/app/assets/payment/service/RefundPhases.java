package app.assets.payment.service;

/** Reaches one phase of a refund on its own, as a crash after it would leave things (tests only). */
public final class RefundPhases {

    /** Commits phase 1 (hold and REFUND_PENDING) and stops, as a node dying before it asks Zarinpal. */
    public static void holdOnly(PaymentRefunds refunds, long paymentId, String reason) {
        refunds.begin(paymentId, reason);
    }

    private RefundPhases() {}
}
