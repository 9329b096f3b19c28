package app.assets.ledger;

import java.util.List;

/**
 * A journal transaction to post: movements on two or more accounts that sum to zero. The
 * idempotency key makes it safe to post again: the same key with the same content returns the
 * first result; the same key with other content is refused.
 *
 * @param idempotencyKey unique name of this business event (e.g. "transfer:" + request id)
 * @param type           what happened (TRANSFER, WITHDRAWAL, ADJUSTMENT, ...)
 * @param description    shown in statements
 * @param legs           the movements: positive credits an account, negative debits it
 */
public record Posting(String idempotencyKey, String type, String description, List<Leg> legs) {

    /** One movement on one account. */
    public record Leg(long accountId, long amount) {}

    public Posting {
        legs = List.copyOf(legs);
    }

    /** A two-legged posting moving {@code amount} from one account to another. */
    public static Posting move(
            String idempotencyKey, String type, String description, long from, long to, long amount) {
        return new Posting(idempotencyKey, type, description, List.of(new Leg(from, -amount), new Leg(to, amount)));
    }
}
