/**
 * Lending tickets: lifecycle, escrow through the ledger, timers, the thread with attachments,
 * disputes, and their views.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(allowedDependencies = {"base", "audit", "identity", "ledger", "listing", "payment"})
package app.assets.ticket;

import org.springframework.modulith.ApplicationModule;
