package app.assets.ticket;

import app.assets.listing.DateRange;
import java.time.Instant;

/**
 * What the ticket module publishes when a ticket changes, inside the transaction that changed it
 * (listeners such as notifications turn them into messages). Every event names the ticket, both
 * sides and the listing's title, and carries what a message about it says, so listeners never read
 * the ticket back.
 */
public sealed interface TicketEvent {

    long ticketId();

    long borrowerUserId();

    long lenderUserId();

    String listingTitle();

    /** A borrower asked to borrow a listing; the lender should answer. */
    record Requested(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            String borrowerName,
            long listingId,
            int days,
            long price)
            implements TicketEvent {}

    /** The lender accepted; {@code awaitingPayment} when the borrower's wallet did not cover the price yet. */
    record Accepted(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            long price,
            boolean awaitingPayment)
            implements TicketEvent {}

    /** The price is in escrow and the loan runs until {@code dueAt}. */
    record Activated(
            long ticketId, long borrowerUserId, long lenderUserId, String listingTitle, long price, Instant dueAt)
            implements TicketEvent {}

    /** The lender confirmed the return; escrow paid the lender and the platform fee. */
    record Completed(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            long price,
            long lenderPayout,
            long platformFee)
            implements TicketEvent {}

    /**
     * The ticket ended before the loan began: withdrawn, declined or expired; no money stays held. {@code dates} are the
     * dates it asked for ({@code null} for a ticket without dates).
     */
    record Cancelled(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            CancelReason reason,
            DateRange dates)
            implements TicketEvent {}

    /** One side raised a problem for SUPPORT. */
    record Disputed(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            long openedByUserId,
            String reason)
            implements TicketEvent {}

    /** SUPPORT settled a dispute: escrow went to the lender (minus the fee) and/or back to the borrower. */
    record Settled(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            long lenderPayout,
            long platformFee,
            long borrowerRefund,
            String note)
            implements TicketEvent {}

    /** Someone wrote in the ticket's thread. */
    record Commented(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            long authorUserId,
            long commentId)
            implements TicketEvent {}

    /** An active loan ends soon. */
    record DueSoon(long ticketId, long borrowerUserId, long lenderUserId, String listingTitle, Instant dueAt)
            implements TicketEvent {}

    /** An active loan is past its end and the lender has not confirmed the return. */
    record Overdue(long ticketId, long borrowerUserId, long lenderUserId, String listingTitle, Instant dueAt)
            implements TicketEvent {}

    /** The deposit is held on the borrower's wallet for the loan (not paid to anyone). */
    record DepositHeld(long ticketId, long borrowerUserId, long lenderUserId, String listingTitle, long amount)
            implements TicketEvent {}

    /** The whole deposit went back to the borrower: released by the lender, or {@code automatically} after the deadline. */
    record DepositReleased(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            long amount,
            boolean automatically)
            implements TicketEvent {}

    /** The lender claims part or all of the deposit for damage; the borrower accepts or disputes. */
    record ClaimFiled(long ticketId, long borrowerUserId, long lenderUserId, String listingTitle, long amount)
            implements TicketEvent {}

    /**
     * A damage claim ended: {@code captured} went to the lender, the rest of the deposit back to the
     * borrower; accepted by the borrower, or decided by SUPPORT with a {@code reason}.
     */
    record ClaimDecided(
            long ticketId,
            long borrowerUserId,
            long lenderUserId,
            String listingTitle,
            long captured,
            long released,
            String reason)
            implements TicketEvent {}

    /** Why a ticket was cancelled. */
    enum CancelReason {
        WITHDRAWN,
        DECLINED,
        PENDING_EXPIRED,
        PAYMENT_EXPIRED,
        /** The lender accepted another request for overlapping dates. */
        DATES_TAKEN
    }
}
