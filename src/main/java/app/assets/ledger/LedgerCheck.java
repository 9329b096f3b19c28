package app.assets.ledger;

import app.assets.audit.AuditLog;
import app.assets.base.security.Permissions;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes every account's balance and holds from the entries and hold records, re-adds every
 * transaction, and checks that the whole ledger sums to zero. Runs on a schedule
 * ({@code assets.ledger.check-cron}, hourly by default), from the UI (ledger.check) and in tests;
 * each run is kept in ledger_check_runs.
 */
@Service
public class LedgerCheck {

    private static final Logger log = LoggerFactory.getLogger(LedgerCheck.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public LedgerCheck(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs the check (a consistent snapshot of the ledger) without recording it. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public LedgerCheckResult check() {
        var problems = new ArrayList<String>();
        jdbc.sql("""
                select a.id, a.posted, coalesce(sum(e.amount), 0) as computed
                from ledger_accounts a left join ledger_entries e on e.account_id = a.id
                group by a.id having a.posted <> coalesce(sum(e.amount), 0) order by a.id""")
                .query((rs, n) -> problems.add("account " + rs.getLong(1) + ": posted " + rs.getLong(2)
                        + " but entries sum to " + rs.getLong(3)))
                .list();
        jdbc.sql("""
                select a.id, a.held, coalesce(h.total, 0)
                from ledger_accounts a
                left join (select account_id, sum(amount) as total from ledger_holds where status = 'ACTIVE' group by account_id) h
                       on h.account_id = a.id
                where a.held <> coalesce(h.total, 0) order by a.id""")
                .query((rs, n) -> problems.add("account " + rs.getLong(1) + ": held " + rs.getLong(2)
                        + " but active holds sum to " + rs.getLong(3)))
                .list();
        jdbc.sql("""
                select a.id, a.posted, a.held from ledger_accounts a
                where a.kind in ('USER_WALLET', 'ESCROW') and a.posted - a.held < 0 order by a.id""")
                .query((rs, n) -> problems.add("account " + rs.getLong(1) + " is below zero"))
                .list();
        jdbc.sql("""
                select t.id, coalesce(sum(e.amount), 0), count(e.id) from ledger_transactions t
                left join ledger_entries e on e.transaction_id = t.id
                group by t.id having coalesce(sum(e.amount), 0) <> 0 or count(e.id) < 2 order by t.id""")
                .query((rs, n) -> problems.add("transaction " + rs.getLong(1) + " sums to " + rs.getLong(2) + " over "
                        + rs.getInt(3) + " entries"))
                .list();
        long total = jdbc.sql("select coalesce(sum(posted), 0) from ledger_accounts")
                .query(Long.class)
                .single();
        if (total != 0) {
            problems.add("the ledger as a whole sums to " + total + " instead of 0");
        }
        int accounts = jdbc.sql("select count(*) from ledger_accounts")
                .query(Integer.class)
                .single();
        int transactions = jdbc.sql("select count(*) from ledger_transactions")
                .query(Integer.class)
                .single();
        return new LedgerCheckResult(
                clock.instant(), problems.isEmpty(), accounts, transactions, List.copyOf(problems));
    }

    /** Runs the check for a person with ledger.check, records and audits it. */
    @PreAuthorize("hasAuthority('" + Permissions.LEDGER_CHECK + "')")
    public LedgerCheckResult runNow() {
        var result = check();
        record(result, Actor.current());
        if (result.ok()) {
            audit.success(
                    "ledger.check",
                    "ledger",
                    null,
                    result.accounts() + " accounts, " + result.transactions() + " transactions");
        } else {
            audit.failure("ledger.check", "ledger", null, String.join("; ", result.problems()));
        }
        return result;
    }

    // One node per tick. A check over a million entries takes seconds; 30 minutes frees the lock of a node that
    // died mid-check well before the next hourly tick.
    @Scheduled(cron = "${assets.ledger.check-cron:0 7 * * * *}")
    @SchedulerLock(
            name = "ledger-check",
            lockAtMostFor = "PT30M",
            lockAtLeastFor = "${assets.scheduling.lock-at-least-for:PT30S}")
    public void scheduled() {
        var result = check();
        record(result, "schedule");
        if (!result.ok()) {
            log.error("Ledger check found problems: {}", result.problems());
        }
    }

    @PreAuthorize("hasAuthority('" + Permissions.LEDGER_CHECK + "')")
    @Transactional(readOnly = true)
    public List<LedgerCheckResult> recentRuns(int limit) {
        return jdbc.sql(
                        "select ran_at, ok, accounts, transactions, problems from ledger_check_runs order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new LedgerCheckResult(
                        rs.getTimestamp(1).toInstant(),
                        rs.getBoolean(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getString(5) == null
                                ? List.of()
                                : List.of(rs.getString(5).split("\n"))))
                .list();
    }

    private void record(LedgerCheckResult result, String by) {
        jdbc.sql(
                        "insert into ledger_check_runs (ran_at, triggered_by, ok, accounts, transactions, problems) values (?, ?, ?, ?, ?, ?)")
                .params(
                        Timestamp.from(result.ranAt()),
                        by,
                        result.ok(),
                        result.accounts(),
                        result.transactions(),
                        result.problems().isEmpty() ? null : String.join("\n", result.problems()))
                .update();
    }
}
