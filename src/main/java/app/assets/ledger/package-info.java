/**
 * The double-entry ledger: accounts, journal transactions, entries, holds, reversals and the
 * ledger check. Other modules post through {@link app.assets.ledger.Ledger}.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(allowedDependencies = {"base", "audit", "identity"})
package app.assets.ledger;

import org.springframework.modulith.ApplicationModule;
