package app.assets.ledger.internal;

import app.assets.identity.UserCreated;
import app.assets.ledger.Ledger;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Opens a wallet for every new user, inside the transaction that creates the user. */
@Component
class WalletOpening {

    private final Ledger ledger;

    WalletOpening(Ledger ledger) {
        this.ledger = ledger;
    }

    @EventListener
    void userCreated(UserCreated event) {
        ledger.openWallet(event.userId());
    }
}
