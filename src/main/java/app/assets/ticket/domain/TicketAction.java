package app.assets.ticket.domain;

/**
 * What a user may do to a ticket now, as {@link Ticket#actionsFor} and {@link Deposit#actionsFor}
 * decide from its state and the user's side: the detail view shows a button per action and the
 * API lists them on the ticket resource, so the two never disagree.
 */
public enum TicketAction {
    /** The lender accepts a pending request. */
    ACCEPT,
    /** The lender declines a pending request. */
    DECLINE,
    /** The borrower withdraws a pending or accepted (unpaid) request. */
    WITHDRAW,
    /** The borrower pays an accepted ticket from the wallet. */
    PAY,
    /** The lender confirms the return (the loan completes). */
    COMPLETE,
    /** Either side raises a problem with an active loan. */
    DISPUTE,
    /** A dispute handler (dispute.settle) settles a disputed loan's escrow. */
    SETTLE,
    /** The lender gives the whole deposit back. */
    RELEASE_DEPOSIT,
    /** The lender claims part of the deposit for damage. */
    CLAIM,
    /** The borrower accepts the lender's claim. */
    ACCEPT_CLAIM,
    /** The borrower disputes the lender's claim. */
    DISPUTE_CLAIM,
    /** A claim decider (claim.decide) decides a disputed claim. */
    DECIDE_CLAIM
}
