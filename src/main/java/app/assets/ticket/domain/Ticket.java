package app.assets.ticket.domain;

import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketStatus;
import java.time.Instant;
import java.util.List;

/** A borrower's request to borrow a listing, as stored: the two sides, the terms, where it stands and how it was settled. */
public record Ticket(
        long id,
        long listingId,
        String listingTitle,
        long borrowerUserId,
        String borrowerName,
        long lenderUserId,
        String lenderName,
        int days,
        long price,
        TicketStatus status,
        TicketEvent.CancelReason cancelReason,
        Long holdId,
        Instant createdAt,
        Instant acceptedAt,
        Instant activatedAt,
        Instant dueAt,
        Instant endedAt,
        Instant disputedAt,
        String disputeReason,
        Long lenderPayout,
        Long platformFee,
        Long borrowerRefund,
        String settlementNote) {

    /** The same ticket with its two sides' display names (looked up from identity). */
    public Ticket withNames(String borrower, String lender) {
        return new Ticket(
                id,
                listingId,
                listingTitle,
                borrowerUserId,
                borrower,
                lenderUserId,
                lender,
                days,
                price,
                status,
                cancelReason,
                holdId,
                createdAt,
                acceptedAt,
                activatedAt,
                dueAt,
                endedAt,
                disputedAt,
                disputeReason,
                lenderPayout,
                platformFee,
                borrowerRefund,
                settlementNote);
    }

    public static final int DAYS_MAX = 365;
    public static final long PRICE_MAX = 1_000_000_000_000L;
    public static final int REASON_MAX = 1000;
    public static final int COMMENT_MAX = 2000;
    public static final int ATTACHMENT_BYTES_MAX = 5 * 1024 * 1024;

    /** Which side of the ticket a user is on, if any. */
    public enum Side {
        BORROWER,
        LENDER,
        NONE
    }

    public Side sideOf(long userId) {
        if (userId == borrowerUserId) {
            return Side.BORROWER;
        }
        return userId == lenderUserId ? Side.LENDER : Side.NONE;
    }

    public boolean isParty(long userId) {
        return sideOf(userId) != Side.NONE;
    }

    /**
     * What a user on {@code side} may do to the ticket in its present state, in the order the
     * detail view shows them; {@code settlesDisputes} says whether they hold dispute.settle (the
     * service still refuses a dispute handler who is a party). Deposit steps: {@link Deposit#actionsFor}.
     */
    public List<TicketAction> actionsFor(Side side, boolean settlesDisputes) {
        return switch (status) {
            case PENDING ->
                switch (side) {
                    case LENDER -> List.of(TicketAction.ACCEPT, TicketAction.DECLINE);
                    case BORROWER -> List.of(TicketAction.WITHDRAW);
                    case NONE -> List.of();
                };
            case ACCEPTED -> side == Side.BORROWER ? List.of(TicketAction.PAY, TicketAction.WITHDRAW) : List.of();
            case ACTIVE ->
                switch (side) {
                    case LENDER -> List.of(TicketAction.COMPLETE, TicketAction.DISPUTE);
                    case BORROWER -> List.of(TicketAction.DISPUTE);
                    case NONE -> List.of();
                };
            case DISPUTED -> settlesDisputes ? List.of(TicketAction.SETTLE) : List.of();
            case COMPLETED, CANCELLED -> List.of();
        };
    }

    /** SUPPORT may read the thread only once a dispute has been opened (and afterwards). */
    public boolean hasBeenDisputed() {
        return disputedAt != null;
    }

    /**
     * The platform's share of what a lender receives, rounded down to whole Rials; the lender gets
     * the rest, so the two always add up to {@code amount}.
     */
    public static long feeOf(long amount, int feeBasisPoints) {
        return Math.multiplyExact(amount, (long) feeBasisPoints) / 10_000L;
    }
}
