package app.assets.wallet;

/** Published inside the transaction that approves or rejects a withdrawal; {@code reason} is set on rejection. */
public record WithdrawalDecided(long withdrawalId, long userId, long amount, boolean approved, String reason) {}
