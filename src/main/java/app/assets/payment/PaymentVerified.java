package app.assets.payment;

/**
 * Published once when a payment is verified and the payer's wallet credited, for modules that
 * wait on it (the lending ticket whose shortfall it pays).
 */
public record PaymentVerified(
        long paymentId, long userId, long amount, TopUpPurpose purpose, String purposeReference) {}
