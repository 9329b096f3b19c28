package app.assets.ledger;

import java.time.Instant;

/** Narrows a statement: entries from (inclusive) and to (exclusive) an instant, of one type; null means any. */
public record StatementFilter(Instant from, Instant to, String type) {

    public static StatementFilter all() {
        return new StatementFilter(null, null, null);
    }
}
