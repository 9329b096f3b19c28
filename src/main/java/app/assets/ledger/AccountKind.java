package app.assets.ledger;

/** What a ledger account is for. User wallets and escrow accounts can never go below zero. */
public enum AccountKind {
    USER_WALLET,
    ESCROW,
    GATEWAY_CLEARING,
    PLATFORM_FEES,
    WITHDRAWALS,
    ADJUSTMENTS;

    public boolean mustStayPositive() {
        return this == USER_WALLET || this == ESCROW;
    }

    public boolean isSystem() {
        return this != USER_WALLET && this != ESCROW;
    }
}
