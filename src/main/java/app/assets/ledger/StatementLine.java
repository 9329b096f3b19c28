package app.assets.ledger;

import java.time.Instant;

/** One entry of an account statement, with the balance after it and who was on the other side. */
public record StatementLine(
        long entryId,
        long transactionId,
        Instant at,
        String type,
        String description,
        String counterparty,
        long amount,
        long balanceAfter) {}
