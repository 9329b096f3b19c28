package app.assets.wallet;

/**
 * Published inside the transaction of a transfer between two users' wallets (once per transfer, not on a replay). It
 * names the sender by id only: the sender's display name belongs to identity, and the notification outbox reads it
 * in the same query as the recipient's contact, so a transfer makes no look-up of its own for it.
 */
public record TransferMade(long senderId, long recipientId, long amount, long transactionId) {}
