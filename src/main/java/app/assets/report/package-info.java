/**
 * Dashboards and reports: daily aggregates computed by a scheduled job and served through Spring
 * Cache, the user and admin dashboards, the reports view over transactions, payments, tickets,
 * notifications and the audit log, and CSV/PDF exports. It reads the other modules' tables with
 * SQL, read-only (a report is a read model over the system of record), and imports none of their
 * internal types.
 */
@ApplicationModule(allowedDependencies = {"base", "audit", "identity", "ledger", "listing", "ticket"})
package app.assets.report;

import org.springframework.modulith.ApplicationModule;
