/**
 * The append-only audit log (write through {@link app.assets.audit.AuditLog}, read through
 * {@link app.assets.audit.AuditQuery}) and its viewer.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(allowedDependencies = {"base"})
package app.assets.audit;

import org.springframework.modulith.ApplicationModule;
