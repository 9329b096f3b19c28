package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disputes: either side raises a problem with an active loan, the escrow stays put, and SUPPORT
 * settles it by splitting the escrow between the lender and the borrower; the queue of open ones.
 */
@Service
public class TicketDisputes {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final TicketRows rows;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TicketBookings bookings;
    private final TicketEscrow escrow;
    private final DepositService deposits;

    public TicketDisputes(
            JdbcClient jdbc,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            TicketRows rows,
            AuditLog audit,
            ApplicationEventPublisher events,
            TicketBookings bookings,
            TicketEscrow escrow,
            DepositService deposits) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.rows = rows;
        this.audit = audit;
        this.events = events;
        this.bookings = bookings;
        this.escrow = escrow;
        this.deposits = deposits;
    }

    /** Either side raises a problem with an active loan; the escrow stays put until SUPPORT settles it. */
    public void openDispute(long ticketId, String reason) {
        String why = UserText.reason(reason, Ticket.REASON_MAX);
        transactions.run(() -> {
            var t = rows.lockAsParty(ticketId, "ticket.dispute");
            var me = currentUser.require();
            if (t.status() == TicketStatus.DISPUTED) {
                return;
            }
            t.status().requireCanBecome(TicketStatus.DISPUTED);
            jdbc.sql(
                            "update tickets set status = 'DISPUTED', disputed_at = ?, dispute_reason = ?, updated_at = ? where id = ?")
                    .params(rows.now(), why, rows.now(), t.id())
                    .update();
            rows.record(t.id(), "DISPUTED", why);
            audit.success("ticket.dispute", "ticket", t.id(), why);
            events.publishEvent(new TicketEvent.Disputed(
                    t.id(), t.borrowerUserId(), t.lenderUserId(), t.listingTitle(), me.id(), why));
        });
    }

    /**
     * SUPPORT settles a dispute: {@code lenderShare} of the escrow goes to the lender (minus the
     * platform fee on it) and the rest back to the borrower; 0 refunds all, the price pays all.
     * Four eyes: a staff member who is the ticket's borrower or lender never settles it.
     */
    @PreAuthorize("hasAuthority('" + Permissions.DISPUTE_SETTLE + "')")
    public void settle(long ticketId, Long lenderShare, String note) {
        String why = UserText.reason(note, Ticket.REASON_MAX);
        long me = currentUser.require().id();
        transactions.run(() -> {
            var t = rows.lock(ticketId).orElseThrow(() -> new UserInputException("ticket.notFound"));
            if (t.status() != TicketStatus.DISPUTED) {
                throw new UserInputException("ticket.notDisputed");
            }
            if (t.isParty(me)) {
                audit.denied("ticket.settle", "ticket", t.id(), "a party to the ticket");
                throw new UserInputException("ticket.settleOwn");
            }
            if (lenderShare == null || lenderShare < 0 || lenderShare > t.price()) {
                throw new UserInputException("ticket.shareRange", t.price());
            }
            var split = escrow.distribute(
                    t, lenderShare, "settle", "TICKET_SETTLEMENT", "Ticket #" + t.id() + " dispute settled");
            bookings.returned(t.id());
            jdbc.sql("""
                            update tickets set status = 'COMPLETED', ended_at = ?, lender_payout = ?, platform_fee = ?, borrower_refund = ?,
                                   settlement_note = ?, updated_at = ? where id = ?""")
                    .params(rows.now(), split.lender(), split.fee(), split.borrower(), why, rows.now(), t.id())
                    .update();
            String detail = "lender " + split.lender() + " IRR, fee " + split.fee() + " IRR, borrower "
                    + split.borrower() + " IRR: " + why;
            rows.record(t.id(), "SETTLED", detail);
            audit.success("ticket.settle", "ticket", t.id(), detail);
            events.publishEvent(new TicketEvent.Settled(
                    t.id(),
                    t.borrowerUserId(),
                    t.lenderUserId(),
                    t.listingTitle(),
                    split.lender(),
                    split.fee(),
                    split.borrower(),
                    why));
            deposits.awaitDecision(t);
        });
    }

    /** The open disputes, oldest first: the queue of those who settle them. */
    @PreAuthorize("hasAuthority('" + Permissions.DISPUTE_SETTLE + "')")
    @Transactional(readOnly = true)
    public List<Ticket> disputes(int offset, int limit) {
        return rows.named(jdbc.sql(TicketRows.SELECT
                        + " where t.status = 'DISPUTED' order by t.disputed_at, t.id limit ? offset ?")
                .params(limit, offset)
                .query(TicketRows::map)
                .list());
    }

    @PreAuthorize("hasAuthority('" + Permissions.DISPUTE_SETTLE + "')")
    @Transactional(readOnly = true)
    public int disputeCount() {
        return jdbc.sql("select count(*) from tickets where status = 'DISPUTED'")
                .query(Integer.class)
                .single();
    }
}
