package app.assets.report.export;

import app.assets.audit.AuditLog;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists the rows of a {@link Dataset} with filters and paging, for the reports view and exports.
 * The scope is decided here from the reader's permissions: a holder of report.read.all sees
 * everybody's rows, anyone else only their own (their wallet's entries, their payments, tickets where
 * they borrow or lend, notifications sent to them); the audit log needs audit.read.
 */
@Service
@Transactional(readOnly = true)
public class ReportQueries {

    private final ReportSql sql;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    ReportQueries(ReportSql sql, CurrentUser currentUser, AuditLog audit) {
        this.sql = sql;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    /** Whose rows of this dataset the signed-in user may read; refuses the audit log without audit.read. */
    @PreAuthorize("isAuthenticated()")
    public Scope scope(Dataset dataset) {
        if (dataset.permission() != null && !currentUser.has(dataset.permission())) {
            audit.denied("report.read", "report", dataset.name(), "needs " + dataset.permission());
            throw new AccessDeniedException("Reading " + dataset + " needs " + dataset.permission());
        }
        if (dataset.ownClause == null || currentUser.has(Permissions.REPORT_READ_ALL)) {
            return Scope.all();
        }
        var me = currentUser.require();
        return new Scope(me.id(), me.email());
    }

    /** Which datasets the signed-in user may open. */
    @PreAuthorize("isAuthenticated()")
    public List<Dataset> readable() {
        return List.of(Dataset.values()).stream()
                .filter(d -> d.permission() == null || currentUser.has(d.permission()))
                .toList();
    }

    @PreAuthorize("isAuthenticated()")
    public List<ReportRow> find(Dataset dataset, ReportFilter filter, int offset, int limit) {
        return sql.page(dataset, scope(dataset), filter, offset, limit);
    }

    @PreAuthorize("isAuthenticated()")
    public int count(Dataset dataset, ReportFilter filter) {
        return sql.count(dataset, scope(dataset), filter);
    }
}
