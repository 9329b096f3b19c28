package app.assets.support;

import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import java.util.UUID;

/** Money for a test's user: a staff-style adjustment into the user's wallet, posted through the ledger. */
public final class TestFunds {

    private TestFunds() {}

    /** Credits {@code amount} Rials to the user's wallet from the adjustments account. */
    public static void fund(Ledger ledger, long userId, long amount) {
        ledger.post(Posting.move(
                "test-fund:" + UUID.randomUUID(),
                "ADJUSTMENT",
                "test",
                ledger.systemAccount(AccountKind.ADJUSTMENTS),
                ledger.walletOf(userId),
                amount));
    }
}
