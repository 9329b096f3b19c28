package app.assets.ledger;

/** An account's posted balance, the part reserved by active holds, and what is available. */
public record Balance(long accountId, long posted, long held) {

    public long available() {
        return posted - held;
    }
}
