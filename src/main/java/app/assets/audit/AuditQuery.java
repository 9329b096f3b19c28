package app.assets.audit;

import app.assets.base.infra.LikePattern;
import app.assets.base.security.Permissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log with filters and paging, for ADMIN and AUDITOR. */
@Service
@Transactional(readOnly = true)
public class AuditQuery {

    /** Filters; null or blank means "any". */
    public record Filter(String actor, String action, AuditOutcome outcome, Instant from, Instant to) {
        public static Filter none() {
            return new Filter(null, null, null, null, null);
        }
    }

    private final JdbcClient jdbc;

    public AuditQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PreAuthorize("hasAuthority('" + Permissions.AUDIT_READ + "')")
    public List<AuditEntry> find(Filter filter, int offset, int limit) {
        var params = new ArrayList<>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select * from audit_log" + where + " order by occurred_at desc, id desc limit ? offset ?")
                .params(params)
                .query(AuditQuery::map)
                .list();
    }

    @PreAuthorize("hasAuthority('" + Permissions.AUDIT_READ + "')")
    public int count(Filter filter) {
        var params = new ArrayList<>();
        return jdbc.sql("select count(*) from audit_log" + where(filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    private static String where(Filter f, List<Object> params) {
        var clauses = new ArrayList<String>();
        if (f.actor() != null && !f.actor().isBlank()) {
            clauses.add("lower(actor) like ?");
            params.add(LikePattern.containing(f.actor()));
        }
        if (f.action() != null && !f.action().isBlank()) {
            clauses.add("action = ?");
            params.add(f.action());
        }
        if (f.outcome() != null) {
            clauses.add("outcome = ?");
            params.add(f.outcome().name());
        }
        if (f.from() != null) {
            clauses.add("occurred_at >= ?");
            params.add(java.sql.Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            clauses.add("occurred_at < ?");
            params.add(java.sql.Timestamp.from(f.to()));
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor"),
                rs.getString("client_address"),
                rs.getString("method"),
                rs.getString("entity"),
                rs.getString("entity_id"),
                rs.getString("action"),
                AuditOutcome.valueOf(rs.getString("outcome")),
                rs.getString("details"));
    }
}
