package app.assets.audit;

import app.assets.base.UserText;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.apache.commons.lang3.StringUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the append-only audit log. Who, from where and through which request are taken from the
 * current security context and HTTP request. Successes join the caller's transaction (so they
 * vanish with a rollback, like the change they describe); failures and refusals are written in a
 * transaction of their own so they survive the rollback of the refused work.
 */
@Service
public class AuditLog {

    private static final int DETAILS_MAX = 2000;

    private final JdbcClient jdbc;
    private final TransactionTemplate separate;

    public AuditLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void success(String action, String entity, Object entityId, String details) {
        write(currentActor(), action, entity, entityId, AuditOutcome.SUCCESS, details);
    }

    public void failure(String action, String entity, Object entityId, String details) {
        separate.executeWithoutResult(
                s -> write(currentActor(), action, entity, entityId, AuditOutcome.FAILURE, details));
    }

    public void denied(String action, String entity, Object entityId, String details) {
        separate.executeWithoutResult(
                s -> write(currentActor(), action, entity, entityId, AuditOutcome.DENIED, details));
    }

    /** For events where the actor is known but not yet (or no longer) signed in, such as sign-in attempts. */
    public void recordAs(String actor, String action, AuditOutcome outcome, String details) {
        if (outcome == AuditOutcome.SUCCESS) {
            write(actor, action, "user", null, outcome, details);
        } else {
            separate.executeWithoutResult(s -> write(actor, action, "user", null, outcome, details));
        }
    }

    private void write(
            String actor, String action, String entity, Object entityId, AuditOutcome outcome, String details) {
        var request = currentRequest();
        jdbc.sql("""
                insert into audit_log (actor, client_address, method, entity, entity_id, action, outcome, details)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        StringUtils.truncate(actor == null ? null : UserText.line(actor), 254),
                        request.map(HttpServletRequest::getRemoteAddr).orElse(null),
                        request.map(r -> StringUtils.truncate(r.getMethod() + " " + r.getRequestURI(), 200))
                                .orElse("internal"),
                        entity,
                        entityId == null ? null : StringUtils.truncate(entityId.toString(), 64),
                        action,
                        outcome.name(),
                        StringUtils.truncate(details == null ? null : UserText.lines(details), DETAILS_MAX))
                .update();
    }

    private static String currentActor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())
                ? null
                : auth.getName();
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest())
                : Optional.empty();
    }
}
