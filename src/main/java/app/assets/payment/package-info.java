/**
 * Zarinpal top-ups: the gateway client, the payment lifecycle (request, redirect, signed
 * callback, verify, credit through the ledger exactly once), reconciliation and refunds, the
 * built-in simulator, and the views. Other modules use {@link app.assets.payment.TopUpPurpose}
 * and listen for {@link app.assets.payment.PaymentVerified}.
 */
@ApplicationModule(allowedDependencies = {"base", "audit", "identity", "ledger"})
package app.assets.payment;

import org.springframework.modulith.ApplicationModule;
