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

    /** What went back to the borrower, once the deposit has ended. */
    public long releasedAmount() {
        return amount - (capturedAmount == null ? 0 : capturedAmount);
    }
}
