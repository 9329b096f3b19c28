package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.Money;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.identity.CurrentUser;
import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.listing.ListingLookup;
import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketEvent.CancelReason;
import app.assets.ticket.TicketPayments;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A ticket's way from request to end: a borrower requests, the lender accepts or declines, the
 * price moves into the ticket's escrow ({@link TicketEscrow}), and the lender confirms the return,
 * which pays the escrow out. Every change is one transaction (retried on transient conflicts)
 * that first locks the ticket's row, so double clicks and racing accept/cancel resolve to one
 * outcome. Disputes are {@link TicketDisputes}; the timers that expire and remind, {@link TicketTimers}.
 */
@Service
public class TicketLifecycle {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ListingLookup listings;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final TicketRows rows;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TicketBookings bookings;
    private final TicketEscrow escrow;
    private final DepositService deposits;
    private final TicketThread thread;

    public TicketLifecycle(
            JdbcClient jdbc,
            Ledger ledger,
            ListingLookup listings,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            TicketRows rows,
            AuditLog audit,
            ApplicationEventPublisher events,
            TicketBookings bookings,
            TicketEscrow escrow,
            DepositService deposits,
            TicketThread thread) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.listings = listings;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.rows = rows;
        this.audit = audit;
        this.events = events;
        this.bookings = bookings;
        this.escrow = escrow;
        this.deposits = deposits;
        this.thread = thread;
    }

    // ---- borrower ------------------------------------------------------------------------------

    /**
     * Asks to borrow a listing for a number of days at a price (by default days x daily price).
     * The request id comes from the form, so a double submit creates one ticket.
     */
    public long request(UUID requestId, long listingId, Integer days, Long price) {
        return transactions.execute(() -> {
            var me = currentUser.require();
            var existing = jdbc.sql("select id from tickets where request_key = ?")
                    .param(requestId.toString())
                    .query(Long.class)
                    .optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            var listing = listings.find(listingId).orElseThrow(() -> new UserInputException("listing.notFound"));
            if (listing.ownerUserId() == me.id()) {
                throw new UserInputException("ticket.ownListing");
            }
            if (!listing.borrowable()) {
                throw new UserInputException("ticket.notBorrowable");
            }
            if (days == null || days < 1 || days > Ticket.DAYS_MAX) {
                throw new UserInputException("ticket.daysRange", Ticket.DAYS_MAX);
            }
            long agreed = price == null
                    ? Math.multiplyExact(listing.dailyPrice(), (long) days)
                    : Money.positive(price).rials();
            if (agreed > Ticket.PRICE_MAX) {
                throw new UserInputException("listing.priceTooHigh");
            }
            long id = jdbc.sql("""
                            insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            requestId.toString(),
                            listing.id(),
                            listing.title(),
                            me.id(),
                            listing.ownerUserId(),
                            days,
                            agreed,
                            rows.now(),
                            rows.now())
                    .query(Long.class)
                    .single();
            rows.record(id, "REQUESTED", days + " days, " + agreed + " IRR");
            audit.success(
                    "ticket.request",
                    "ticket",
                    id,
                    "listing " + listing.id() + ", " + days + " days, " + agreed + " IRR");
            events.publishEvent(new TicketEvent.Requested(
                    id, me.id(), listing.ownerUserId(), listing.title(), me.displayName(), listing.id(), days, agreed));
            return id;
        });
    }

    /** The borrower withdraws a pending or accepted (unpaid) ticket; withdrawing twice is harmless. */
    public void withdraw(long ticketId) {
        transactions.run(() -> {
            var t = rows.lockAsParty(ticketId, "ticket.withdraw");
            rows.requireSide(t, Ticket.Side.BORROWER, "ticket.borrowerOnly", "ticket.withdraw");
            if (t.status() == TicketStatus.CANCELLED) {
                return;
            }
            t.status().requireCanBecome(TicketStatus.CANCELLED);
            cancel(t, CancelReason.WITHDRAWN);
        });
    }

    /**
     * The borrower pays an accepted ticket from the wallet: the price is held and captured into
     * escrow, and the ticket becomes active. Paying an active ticket again does nothing.
     */
    public TicketPayments.Outcome pay(long ticketId) {
        return transactions.execute(() -> {
            var t = rows.lockAsParty(ticketId, "ticket.pay");
            rows.requireSide(t, Ticket.Side.BORROWER, "ticket.borrowerOnly", "ticket.pay");
            var outcome = escrow.activate(t);
            if (outcome == TicketPayments.Outcome.NOT_PAYABLE) {
                t.status().requireCanBecome(TicketStatus.ACTIVE);
            }
            return outcome;
        });
    }

    // ---- lender --------------------------------------------------------------------------------

    /**
     * The lender accepts a pending ticket. When the borrower's wallet covers the price it moves
     * into escrow at once and the ticket is active; otherwise the ticket waits for payment.
     * A dated ticket books its dates in the listing's calendar (refused when they are taken) and
     * declines the pending requests for overlapping dates (DATES_TAKEN). Accepting twice is harmless.
     */
    public void accept(long ticketId) {
        transactions.run(() -> {
            bookings.lockListingOf(ticketId);
            var t = rows.lockAsParty(ticketId, "ticket.accept");
            rows.requireSide(t, Ticket.Side.LENDER, "ticket.lenderOnly", "ticket.accept");
            if (t.status() == TicketStatus.ACCEPTED || t.status() == TicketStatus.ACTIVE) {
                return;
            }
            t.status().requireCanBecome(TicketStatus.ACCEPTED);
            var overlapping = bookings.book(t);
            jdbc.sql("update tickets set status = 'ACCEPTED', accepted_at = ?, updated_at = ? where id = ?")
                    .params(rows.now(), rows.now(), t.id())
                    .update();
            rows.record(t.id(), "ACCEPTED", null);
            audit.success("ticket.accept", "ticket", t.id(), null);
            var accepted = rows.lock(t.id()).orElseThrow();
            boolean paid = escrow.activate(accepted) == TicketPayments.Outcome.ACTIVATED;
            events.publishEvent(new TicketEvent.Accepted(
                    t.id(), t.borrowerUserId(), t.lenderUserId(), t.listingTitle(), t.price(), !paid));
            for (long other : overlapping) {
                rows.lock(other)
                        .filter(o -> o.status() == TicketStatus.PENDING)
                        .ifPresent(o -> cancel(o, CancelReason.DATES_TAKEN));
            }
        });
    }

    /** The lender declines a pending ticket. */
    public void decline(long ticketId) {
        decline(ticketId, null);
    }

    /**
     * The lender declines a pending ticket, optionally saying why: the reason is written in the
     * ticket's thread, in the same transaction, so the borrower reads it.
     */
    public void decline(long ticketId, String reason) {
        String why =
                reason == null || UserText.lines(reason).isEmpty() ? null : UserText.reason(reason, Ticket.REASON_MAX);
        transactions.run(() -> {
            var t = rows.lockAsParty(ticketId, "ticket.decline");
            rows.requireSide(t, Ticket.Side.LENDER, "ticket.lenderOnly", "ticket.decline");
            if (t.status() == TicketStatus.CANCELLED && t.cancelReason() == CancelReason.DECLINED) {
                return;
            }
            if (t.status() != TicketStatus.PENDING) {
                throw new UserInputException("ticket.transition.DECLINED", t.status());
            }
            cancel(t, CancelReason.DECLINED);
            if (why != null) {
                thread.comment(t.id(), why, null);
            }
        });
    }

    /**
     * The lender confirms the asset came back: escrow pays the lender the price minus the platform
     * fee, the fee goes to the platform's fee account, and the ticket completes.
     */
    public void confirmReturn(long ticketId) {
        transactions.run(() -> {
            var t = rows.lockAsParty(ticketId, "ticket.complete");
            rows.requireSide(t, Ticket.Side.LENDER, "ticket.lenderOnly", "ticket.complete");
            if (t.status() == TicketStatus.COMPLETED) {
                return;
            }
            if (t.status() != TicketStatus.ACTIVE) {
                throw new UserInputException("ticket.transition.COMPLETED", t.status());
            }
            var split = escrow.distribute(t, t.price(), "payout", "TICKET_PAYOUT", "Ticket #" + t.id() + " completed");
            bookings.returned(t.id());
            jdbc.sql("""
                            update tickets set status = 'COMPLETED', ended_at = ?, lender_payout = ?, platform_fee = ?, borrower_refund = 0,
                                   updated_at = ? where id = ?""")
                    .params(rows.now(), split.lender(), split.fee(), rows.now(), t.id())
                    .update();
            rows.record(t.id(), "COMPLETED", "lender " + split.lender() + " IRR, fee " + split.fee() + " IRR");
            audit.success(
                    "ticket.complete",
                    "ticket",
                    t.id(),
                    "lender " + split.lender() + " IRR, fee " + split.fee() + " IRR");
            events.publishEvent(new TicketEvent.Completed(
                    t.id(),
                    t.borrowerUserId(),
                    t.lenderUserId(),
                    t.listingTitle(),
                    t.price(),
                    split.lender(),
                    split.fee()));
            deposits.awaitDecision(t);
        });
    }

    /** Cancels a ticket whose row the caller holds: releases its hold and its dates, and says why. */
    void cancel(Ticket t, CancelReason reason) {
        if (t.holdId() != null && ledger.hold(t.holdId()).status() == Hold.Status.ACTIVE) {
            ledger.releaseHold(t.holdId());
        }
        bookings.release(t.id());
        jdbc.sql(
                        "update tickets set status = 'CANCELLED', cancel_reason = ?, ended_at = ?, updated_at = ? where id = ?")
                .params(reason.name(), rows.now(), rows.now(), t.id())
                .update();
        rows.record(t.id(), "CANCELLED", reason.name());
        audit.success("ticket.cancel", "ticket", t.id(), reason.name());
        events.publishEvent(new TicketEvent.Cancelled(
                t.id(),
                t.borrowerUserId(),
                t.lenderUserId(),
                t.listingTitle(),
                reason,
                bookings.dates(t.id()).orElse(null)));
    }
}
