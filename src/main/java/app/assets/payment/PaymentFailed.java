package app.assets.payment;

/** Published when the gateway finally refuses a payment, so the payer can be told why. */
public record PaymentFailed(long paymentId, long userId, long amount, String reason) {}
