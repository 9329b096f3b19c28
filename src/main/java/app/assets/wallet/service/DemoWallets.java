package app.assets.wallet.service;

import app.assets.base.infra.RetryingTransactions;
import app.assets.identity.UserDirectory;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives the demo lender and borrower some money to try the wallet with, once (idempotent by key),
 * as a credit from the adjustments account. Only when the demo accounts are on and
 * {@code assets.wallet.demo-funds} is above zero.
 */
@Component
@Order(10)
class DemoWallets implements ApplicationRunner {

    static final List<String> FUNDED = List.of("lender@assets.local", "borrower@assets.local");

    private final boolean demoAccounts;
    private final long demoFunds;
    private final UserDirectory directory;
    private final Ledger ledger;
    private final RetryingTransactions transactions;

    DemoWallets(
            @Value("${assets.identity.demo-accounts:false}") boolean demoAccounts,
            @Value("${assets.wallet.demo-funds:0}") long demoFunds,
            UserDirectory directory,
            Ledger ledger,
            RetryingTransactions transactions) {
        this.demoAccounts = demoAccounts;
        this.demoFunds = demoFunds;
        this.directory = directory;
        this.ledger = ledger;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demoAccounts || demoFunds <= 0) {
            return;
        }
        for (String email : FUNDED) {
            directory
                    .byEmail(email)
                    .ifPresent(person -> transactions.run(() -> ledger.post(Posting.move(
                            "demo-funds:" + email,
                            "ADJUSTMENT",
                            "Demo funds",
                            ledger.systemAccount(AccountKind.ADJUSTMENTS),
                            ledger.walletOf(person.id()),
                            demoFunds))));
        }
    }
}
