package app.assets.payment;

/** What a top-up is for; stored with the payment and carried by {@link PaymentVerified}. */
public enum TopUpPurpose {
    /** Money into the payer's wallet, nothing more. */
    WALLET_TOP_UP,
    /** The shortfall of an accepted lending ticket (the reference names the ticket). */
    TICKET_SHORTFALL
}
