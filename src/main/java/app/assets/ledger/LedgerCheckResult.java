package app.assets.ledger;

import java.time.Instant;
import java.util.List;

/** The outcome of recomputing every balance from the entries and re-adding every transaction. */
public record LedgerCheckResult(Instant ranAt, boolean ok, int accounts, int transactions, List<String> problems) {}
