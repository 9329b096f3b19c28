package app.assets.ticket.domain;

import java.time.Instant;
import java.util.List;

/**
 * A ticket's security deposit, from the hold on payment to its end (docs/deposits.md): held during
 * the loan, then released to the borrower or (part of it) captured for the lender by a damage
 * claim the borrower accepted or SUPPORT decided.
 */
public record Deposit(
        long ticketId,
        long amount,
        Status status,
        Instant decideBy,
        Long claimAmount,
        String claimText,
        Instant claimedAt,
        Instant answerBy,
        String disputeReason,
        Long capturedAmount,
        Resolution resolution,
        String decisionReason,
        Instant resolvedAt,
        List<Long> evidence) {

    public static final int CLAIM_TEXT_MAX = 2000;
    public static final int REASON_MAX = 1000;

    /** Where a deposit stands; RELEASED and SETTLED are final. */
    public enum Status {
        /** On the borrower's wallet while the loan runs (or its dispute is open). */
        HELD,
        /** Returned: the lender releases it or files a claim before {@code decideBy}. */
        AWAITING,
        /** The lender claims {@code claimAmount}; the borrower accepts or disputes before {@code answerBy}. */
        CLAIMED,
        /** The borrower disputed the claim: SUPPORT decides. */
        DISPUTED,
        RELEASED,
        SETTLED;

        public boolean isFinal() {
            return this == RELEASED || this == SETTLED;
        }
    }

    /** How a deposit ended. */
    public enum Resolution {
        RELEASED,
        AUTO_RELEASED,
        ACCEPTED,
        DECIDED
    }

    public Deposit {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /**
     * What a user on {@code side} may do to the deposit now: the lender releases it or claims part
     * of it while it awaits a decision, the borrower accepts an open claim or disputes a fresh one,
     * and a claim decider who is no party decides a disputed claim.
     */
    public List<TicketAction> actionsFor(Ticket.Side side, boolean decidesClaims) {
        return switch (status) {
            case AWAITING ->
                side == Ticket.Side.LENDER ? List.of(TicketAction.RELEASE_DEPOSIT, TicketAction.CLAIM) : List.of();
            case CLAIMED ->
                side == Ticket.Side.BORROWER
                        ? List.of(TicketAction.ACCEPT_CLAIM, TicketAction.DISPUTE_CLAIM)
                        : List.of();
            case DISPUTED -> {
                if (side == Ticket.Side.BORROWER) {
                    yield List.of(TicketAction.ACCEPT_CLAIM);
                }
                yield side == Ticket.Side.NONE && decidesClaims ? List.of(TicketAction.DECIDE_CLAIM) : List.of();
            }
            case HELD, RELEASED, SETTLED -> List.of();
        };
    }

    /** What went back to the borrower, once the deposit has ended. */
    public long releasedAmount() {
        return amount - (capturedAmount == null ? 0 : capturedAmount);
    }
}
