package app.assets.audit;

import java.time.Instant;

/** One row of the audit log, as the viewer and exports read it. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        String clientAddress,
        String method,
        String entity,
        String entityId,
        String action,
        AuditOutcome outcome,
        String details) {}
