package app.assets.report;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily figures computed another way: every row of the source tables is read into Java and
 * the definitions of docs/reports.md are applied with plain streams, so a test can compare them
 * with what the aggregate job wrote.
 */
final class DirectComputation {

    record TicketRow(
            String category,
            Instant borrowerSince,
            Instant created,
            Instant activated,
            Instant ended,
            String status,
            long price,
            Long escrow) {}

    record PaymentRow(String status, long amount, Instant created, Instant verified, Instant closed) {}

    record NotificationRow(String channel, String status, Instant created) {}

    /** A ledger entry with its account and transaction (type, and the type of the one it reverses). */
    record EntryRow(
            String kind,
            long amount,
            Instant created,
            long transaction,
            long account,
            String type,
            String reversedType) {}

    private final ZoneId zone;
    private final List<Instant> users;
    private final List<TicketRow> tickets;
    private final List<PaymentRow> payments;
    private final List<NotificationRow> notifications;
    private final List<EntryRow> entries;
    private final long ledgerWalletSum;

    DirectComputation(JdbcClient jdbc, ZoneId zone) {
        this.zone = zone;
        users = jdbc.sql("select created_at from users")
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .list();
        tickets = jdbc.sql("""
                        select l.category, u.created_at as since, t.created_at, t.activated_at, t.ended_at, t.status, t.price,
                               t.escrow_account_id
                        from tickets t join listings l on l.id = t.listing_id join users u on u.id = t.borrower_user_id""")
                .query((rs, n) -> new TicketRow(
                        rs.getString(1),
                        at(rs.getTimestamp(2)),
                        at(rs.getTimestamp(3)),
                        at(rs.getTimestamp(4)),
                        at(rs.getTimestamp(5)),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getObject(8, Long.class)))
                .list();
        payments = jdbc.sql("select status, amount, created_at, verified_at, closed_at from payments")
                .query((rs, n) -> new PaymentRow(
                        rs.getString(1),
                        rs.getLong(2),
                        at(rs.getTimestamp(3)),
                        at(rs.getTimestamp(4)),
                        at(rs.getTimestamp(5))))
                .list();
        notifications = jdbc.sql("select channel, status, created_at from notifications")
                .query((rs, n) -> new NotificationRow(rs.getString(1), rs.getString(2), at(rs.getTimestamp(3))))
                .list();
        entries = jdbc.sql("""
                        select a.kind, e.amount, e.created_at, e.transaction_id, e.account_id, tx.type, r.type
                        from ledger_entries e join ledger_accounts a on a.id = e.account_id
                        join ledger_transactions tx on tx.id = e.transaction_id left join ledger_transactions r on r.id = tx.reverses_id""")
                .query((rs, n) -> new EntryRow(
                        rs.getString(1),
                        rs.getLong(2),
                        at(rs.getTimestamp(3)),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
        ledgerWalletSum = jdbc.sql("select coalesce(sum(posted), 0) from ledger_accounts where kind = 'USER_WALLET'")
                .query(Long.class)
                .single();
    }

    /** The columns of daily_aggregates for a day, by column name (computed_at left out). */
    Map<String, Object> day(LocalDate day, boolean today) {
        Instant s = day.atStartOfDay(zone).toInstant();
        Instant e = day.plusDays(1).atStartOfDay(zone).toInstant();
        Predicate<Instant> in = t -> t != null && !t.isBefore(s) && t.isBefore(e);
        Predicate<Instant> beforeEnd = t -> t != null && t.isBefore(e);
        var row = new LinkedHashMap<String, Object>();
        row.put("total_users", users.stream().filter(beforeEnd).count());
        row.put("new_users", users.stream().filter(in).count());
        row.put(
                "total_tickets",
                tickets.stream().filter(t -> beforeEnd.test(t.created())).count());
        row.put(
                "new_tickets",
                tickets.stream().filter(t -> in.test(t.created())).count());
        row.put("active_loans", tickets.stream().filter(t -> activeAtEnd(t, e)).count());
        row.put(
                "completed_tickets",
                tickets.stream()
                        .filter(t -> t.status().equals("COMPLETED") && in.test(t.ended()))
                        .count());
        row.put(
                "cancelled_tickets",
                tickets.stream()
                        .filter(t -> t.status().equals("CANCELLED") && in.test(t.ended()))
                        .count());
        row.put(
                "total_volume",
                tickets.stream()
                        .filter(t -> in.test(t.activated()))
                        .mapToLong(TicketRow::price)
                        .sum());
        row.put(
                "fees",
                entries.stream()
                        .filter(x -> lendingFee(x) && in.test(x.created()))
                        .mapToLong(EntryRow::amount)
                        .sum());
        row.put(
                "gateway_fees",
                -entries.stream()
                        .filter(x -> x.kind().equals("PLATFORM_FEES")
                                && in.test(x.created())
                                && ("TOP_UP".equals(x.type()) || "TOP_UP".equals(x.reversedType())))
                        .mapToLong(EntryRow::amount)
                        .sum());
        row.put(
                "top_up_volume",
                payments.stream()
                        .filter(p -> in.test(p.verified()))
                        .mapToLong(PaymentRow::amount)
                        .sum());
        row.put(
                "payments_verified",
                payments.stream().filter(p -> in.test(p.verified())).count());
        row.put(
                "payments_failed",
                payments.stream()
                        .filter(p ->
                                List.of("FAILED", "CANCELLED", "EXPIRED").contains(p.status()) && in.test(p.closed()))
                        .count());
        row.put(
                "payments_pending",
                payments.stream()
                        .filter(p -> beforeEnd.test(p.created())
                                && (settled(p) == null || !settled(p).isBefore(e)))
                        .count());
        for (String channel : List.of("EMAIL", "SMS", "WHATSAPP")) {
            for (String status : List.of("SENT", "FAILED")) {
                row.put(
                        channel.toLowerCase() + "_" + status.toLowerCase(),
                        notifications.stream()
                                .filter(n -> n.channel().equals(channel)
                                        && n.status().equals(status)
                                        && in.test(n.created()))
                                .count());
            }
        }
        row.put(
                "wallet_balance_sum",
                entries.stream()
                        .filter(x -> x.kind().equals("USER_WALLET") && beforeEnd.test(x.created()))
                        .mapToLong(EntryRow::amount)
                        .sum());
        row.put("ledger_wallet_sum", today ? ledgerWalletSum : null);
        return row;
    }

    /** The rows of daily_ticket_aggregates for a day, keyed "CATEGORY/SEGMENT". */
    Map<String, List<Long>> ticketDay(LocalDate day) {
        Instant s = day.atStartOfDay(zone).toInstant();
        Instant e = day.plusDays(1).atStartOfDay(zone).toInstant();
        Predicate<Instant> in = t -> t != null && !t.isBefore(s) && t.isBefore(e);
        var rows = new TreeMap<String, List<Long>>();
        tickets.stream()
                .filter(t -> t.created().isBefore(e))
                .map(t -> t.category() + "/"
                        + (Duration.between(t.borrowerSince(), t.created()).compareTo(Duration.ofDays(30)) < 0
                                ? "NEW"
                                : "ESTABLISHED"))
                .distinct()
                .forEach(key -> {
                    List<TicketRow> group = tickets.stream()
                            .filter(t -> t.created().isBefore(e))
                            .filter(t -> key.equals(t.category() + "/"
                                    + (Duration.between(t.borrowerSince(), t.created())
                                                            .compareTo(Duration.ofDays(30))
                                                    < 0
                                            ? "NEW"
                                            : "ESTABLISHED")))
                            .toList();
                    rows.put(
                            key,
                            List.of(
                                    (long) group.size(),
                                    group.stream()
                                            .filter(t -> in.test(t.created()))
                                            .count(),
                                    group.stream()
                                            .filter(t -> in.test(t.activated()))
                                            .count(),
                                    group.stream()
                                            .filter(t -> t.status().equals("COMPLETED") && in.test(t.ended()))
                                            .count(),
                                    group.stream()
                                            .filter(t -> t.status().equals("CANCELLED") && in.test(t.ended()))
                                            .count(),
                                    group.stream()
                                            .filter(t -> activeAtEnd(t, e))
                                            .count(),
                                    group.stream()
                                            .filter(t -> in.test(t.activated()))
                                            .mapToLong(TicketRow::price)
                                            .sum(),
                                    group.stream()
                                            .mapToLong(t -> lendingFees(t, in))
                                            .sum()));
                });
        return rows;
    }

    /** A platform fee of a ticket's payout or settlement: lending revenue. */
    private static boolean lendingFee(EntryRow x) {
        return x.kind().equals("PLATFORM_FEES")
                && List.of("TICKET_PAYOUT", "TICKET_SETTLEMENT").contains(x.type());
    }

    /** The lending fees in the day of the transactions that moved money out of the ticket's escrow. */
    private long lendingFees(TicketRow t, Predicate<Instant> in) {
        if (t.escrow() == null) {
            return 0;
        }
        var fromEscrow = entries.stream()
                .filter(x -> x.account() == t.escrow() && x.amount() < 0)
                .map(EntryRow::transaction)
                .toList();
        return entries.stream()
                .filter(x -> lendingFee(x) && in.test(x.created()) && fromEscrow.contains(x.transaction()))
                .mapToLong(EntryRow::amount)
                .sum();
    }

    /** When a payment stopped waiting: verified (a later refund closes it again), or closed otherwise. */
    private static Instant settled(PaymentRow p) {
        return p.verified() != null ? p.verified() : p.closed();
    }

    private static boolean activeAtEnd(TicketRow t, Instant e) {
        return t.activated() != null
                && t.activated().isBefore(e)
                && (t.ended() == null || !t.ended().isBefore(e));
    }

    private static Instant at(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
