package app.assets.report.export;

import app.assets.base.i18n.Formats;
import app.assets.base.infra.LikePattern;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL behind every report, for a scope already decided by {@link ReportQueries}. Package-private
 * on purpose: nothing outside this package can ask for rows without going through that decision.
 */
@Component
class ReportSql {

    private static final int EXPORT_PAGE = 500;

    private final JdbcClient jdbc;

    ReportSql(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ReportRow> page(Dataset dataset, Scope scope, ReportFilter filter, int offset, int limit) {
        var params = new ArrayList<>();
        String where = where(dataset, scope, filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + dataset.select(scope) + " from " + dataset.from + where + " order by "
                        + dataset.idColumn + " desc limit ? offset ?")
                .params(params)
                .query((rs, n) -> map(dataset, rs))
                .list();
    }

    int count(Dataset dataset, Scope scope, ReportFilter filter) {
        var params = new ArrayList<>();
        return jdbc.sql("select count(*) from " + dataset.from + where(dataset, scope, filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    /** Every selected row, newest first, read in pages by id so a long export never holds them all at once. */
    void forEach(Dataset dataset, Scope scope, ReportFilter filter, Consumer<ReportRow> consumer) {
        Long below = null;
        while (true) {
            var params = new ArrayList<>();
            String where = where(dataset, scope, filter, params);
            if (below != null) {
                where += (where.isEmpty() ? " where " : " and ") + dataset.idColumn + " < ?";
                params.add(below);
            }
            params.add(EXPORT_PAGE);
            var rows = jdbc.sql("select " + dataset.select(scope) + " from " + dataset.from + where + " order by "
                            + dataset.idColumn + " desc limit ?")
                    .params(params)
                    .query((rs, n) -> map(dataset, rs))
                    .list();
            rows.forEach(consumer);
            if (rows.size() < EXPORT_PAGE) {
                return;
            }
            below = rows.getLast().id();
        }
    }

    private static String where(Dataset dataset, Scope scope, ReportFilter filter, List<Object> params) {
        var clauses = new ArrayList<String>();
        if (!scope.everybody()) {
            clauses.add(dataset.ownClause);
            repeat(dataset.ownClause, scope.ownerId(), params);
        } else if (ReportFilter.given(filter.user())) {
            clauses.add(dataset.userClause);
            repeat(dataset.userClause, LikePattern.containing(filter.user()), params);
        }
        if (filter.from() != null) {
            clauses.add(dataset.timeColumn + " >= ?");
            params.add(Timestamp.from(filter.from().atStartOfDay(Formats.ZONE).toInstant()));
        }
        if (filter.to() != null) {
            clauses.add(dataset.timeColumn + " < ?");
            params.add(Timestamp.from(
                    filter.to().plusDays(1).atStartOfDay(Formats.ZONE).toInstant()));
        }
        if (ReportFilter.given(filter.status())) {
            clauses.add(dataset.statusColumn + " = ?");
            params.add(filter.status().trim());
        }
        if (ReportFilter.given(filter.text())) {
            clauses.add(dataset.textClause(scope));
            repeat(dataset.textClause(scope), LikePattern.containing(filter.text()), params);
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    /** One parameter per placeholder of a clause such as "(b.email ilike ? or l.email ilike ?)". */
    private static void repeat(String clause, Object value, List<Object> params) {
        clause.chars().filter(c -> c == '?').forEach(c -> params.add(value));
    }

    private static ReportRow map(Dataset dataset, ResultSet rs) throws SQLException {
        var values = new ArrayList<>(dataset.columns().size());
        for (int i = 0; i < dataset.columns().size(); i++) {
            var column = dataset.columns().get(i);
            Object value = switch (column.kind()) {
                case DATE_TIME ->
                    rs.getTimestamp(i + 1) == null
                            ? null
                            : rs.getTimestamp(i + 1).toInstant();
                case ID, MONEY, SIGNED_MONEY -> rs.getObject(i + 1) == null ? null : rs.getLong(i + 1);
                case NUMBER -> rs.getObject(i + 1) == null ? null : rs.getInt(i + 1);
                case TEXT, CODE, PARTIES -> rs.getString(i + 1);
            };
            values.add(value);
        }
        return new ReportRow(rs.getLong(1), java.util.Collections.unmodifiableList(values));
    }
}
