package app.assets.payment;

/** Published for each disagreement the daily reconciliation finds, so the notification module can tell ADMIN. */
public record ReconciliationMismatch(long runId, Long paymentId, String authority, String problem, String alertEmail) {}
