package app.assets.audit;

/** How an audited attempt ended. */
public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    DENIED
}
