package app.assets.ledger;

import java.time.Instant;

/** Money reserved on an account until it is captured into another account or released. */
public record Hold(long id, long accountId, long amount, Status status, String purpose, Instant createdAt) {

    public enum Status {
        ACTIVE,
        CAPTURED,
        RELEASED
    }
}
