package app.assets.wallet;

/** Published inside the transaction of a transfer between two users' wallets (once per transfer, not on a replay). */
public record TransferMade(long senderId, long recipientId, long amount, long transactionId) {}
