package app.assets.wallet;

/**
 * Published inside the transaction of a transfer between two users' wallets (once per transfer, not on a replay), with
 * the sender's display name so that listeners need not look the sender up.
 */
public record TransferMade(long senderId, String senderName, long recipientId, long amount, long transactionId) {}
