package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.infra.RetryingTransactions;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketPayments;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's money: what an accepted ticket still needs, moving the price from the borrower's
 * wallet into the ticket's escrow (which activates it), and paying the escrow out when the loan
 * ends. Each ledger step has its own idempotency key ("ticket:{id}:hold", ":capture", ":payout",
 * ":settle"); the callers hold the ticket's row lock.
 */
@Service
public class TicketEscrow {

    private final JdbcClient jdbc;
    private final RetryingTransactions transactions;
    private final Ledger ledger;
    private final TicketRows rows;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TicketProperties properties;
    private final Clock clock;
    private final TicketBookings bookings;
    private final DepositService deposits;

    public TicketEscrow(
            JdbcClient jdbc,
            RetryingTransactions transactions,
            Ledger ledger,
            TicketRows rows,
            AuditLog audit,
            ApplicationEventPublisher events,
            TicketProperties properties,
            Clock clock,
            TicketBookings bookings,
            DepositService deposits) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.rows = rows;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.bookings = bookings;
        this.deposits = deposits;
    }

    public int feeBasisPoints() {
        return properties.feeBasisPoints();
    }

    /** Pays an accepted ticket from its borrower's wallet if it covers the price; see {@link TicketPayments}. */
    public TicketPayments.Outcome payFromWallet(long ticketId) {
        return transactions.execute(
                () -> rows.lock(ticketId).map(this::activate).orElse(TicketPayments.Outcome.NOT_PAYABLE));
    }

    @Transactional(readOnly = true)
    public Optional<TicketPayments.Due> due(long ticketId) {
        return rows.read(ticketId)
                .filter(t -> t.status() == TicketStatus.ACCEPTED)
                .map(t -> {
                    long available =
                            ledger.balance(ledger.walletOf(t.borrowerUserId())).available();
                    long need = t.price() + deposits.quoted(t.id());
                    return new TicketPayments.Due(t.id(), t.borrowerUserId(), t.price(), Math.max(0, need - available));
                });
    }

    /** What the signed-in borrower still has to top up to pay this ticket (0 when the wallet covers it). */
    @Transactional(readOnly = true)
    public long shortfall(Ticket t) {
        long available = ledger.balance(ledger.walletOf(t.borrowerUserId())).available();
        return Math.max(0, t.price() + deposits.quoted(t.id()) - available);
    }

    record Split(long lender, long fee, long borrower) {}

    /** Pays out the whole escrow: {@code lenderShare} to the lender less the fee on it, the rest back to the borrower. */
    Split distribute(Ticket t, long lenderShare, String step, String type, String description) {
        long fee = Ticket.feeOf(lenderShare, properties.feeBasisPoints());
        var split = new Split(lenderShare - fee, fee, t.price() - lenderShare);
        long escrow = ledger.escrowAccount(escrowReference(t.id()));
        var legs = new ArrayList<Posting.Leg>();
        legs.add(new Posting.Leg(escrow, -t.price()));
        if (split.lender() > 0) {
            legs.add(new Posting.Leg(ledger.walletOf(t.lenderUserId()), split.lender()));
        }
        if (split.fee() > 0) {
            legs.add(new Posting.Leg(ledger.systemAccount(AccountKind.PLATFORM_FEES), split.fee()));
        }
        if (split.borrower() > 0) {
            legs.add(new Posting.Leg(ledger.walletOf(t.borrowerUserId()), split.borrower()));
        }
        ledger.post(new Posting(key(t.id(), step), type, description, legs));
        return split;
    }

    /** Moves the price into escrow if the ticket waits for it and the wallet covers it; the caller holds the ticket's row lock. */
    TicketPayments.Outcome activate(Ticket t) {
        if (t.status() == TicketStatus.ACTIVE
                || t.status() == TicketStatus.COMPLETED
                || t.status() == TicketStatus.DISPUTED) {
            return t.activatedAt() == null ? TicketPayments.Outcome.NOT_PAYABLE : TicketPayments.Outcome.ALREADY_PAID;
        }
        if (t.status() != TicketStatus.ACCEPTED) {
            return TicketPayments.Outcome.NOT_PAYABLE;
        }
        long wallet = ledger.walletOf(t.borrowerUserId());
        // Checked before holding: a refused hold would mark the whole transaction for rollback.
        if (ledger.balance(wallet).available() < t.price() + deposits.quoted(t.id())) {
            return TicketPayments.Outcome.INSUFFICIENT_FUNDS;
        }
        Hold hold = ledger.placeHold(wallet, t.price(), key(t.id(), "hold"), "ticket " + t.id());
        long escrow = ledger.escrowAccount(escrowReference(t.id()));
        ledger.captureHold(
                hold.id(),
                escrow,
                key(t.id(), "capture"),
                "TICKET_ESCROW",
                "Ticket #" + t.id() + ": " + t.listingTitle());
        Instant activated = clock.instant();
        Instant dueAt = bookings.dueAt(t, activated);
        jdbc.sql("""
                        update tickets set status = 'ACTIVE', hold_id = ?, escrow_account_id = ?, activated_at = ?, due_at = ?, updated_at = ?
                        where id = ?""")
                .params(hold.id(), escrow, Timestamp.from(activated), Timestamp.from(dueAt), rows.now(), t.id())
                .update();
        rows.record(t.id(), "PAID", t.price() + " IRR into escrow");
        deposits.holdOnPayment(t, wallet);
        audit.success("ticket.pay", "ticket", t.id(), t.price() + " IRR into escrow");
        events.publishEvent(new TicketEvent.Activated(
                t.id(), t.borrowerUserId(), t.lenderUserId(), t.listingTitle(), t.price(), dueAt));
        return TicketPayments.Outcome.ACTIVATED;
    }

    private static String key(long ticketId, String step) {
        return "ticket:" + ticketId + ":" + step;
    }

    private static String escrowReference(long ticketId) {
        return "ticket:" + ticketId;
    }
}
