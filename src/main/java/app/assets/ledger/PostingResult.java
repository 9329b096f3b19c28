package app.assets.ledger;

/** The journal transaction a posting produced, and whether this call only replayed an earlier one. */
public record PostingResult(long transactionId, boolean replayed) {}
