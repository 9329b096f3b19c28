/**
 * Wallet use cases on the ledger: balance and statement, transfers, withdrawals and manual
 * adjustments, and their views.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(allowedDependencies = {"base", "audit", "identity", "ledger"})
package app.assets.wallet;

import org.springframework.modulith.ApplicationModule;
