package app.assets.ticket;

import app.assets.base.error.UserInputException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a lending ticket stands, and the only moves it may make (PRODUCT.md, "Words we use"):
 * pending -> accepted -> active -> completed; pending or accepted -> cancelled (withdrawn,
 * declined or expired); active -> disputed -> completed when SUPPORT settles the escrow.
 */
public enum TicketStatus {
    PENDING,
    ACCEPTED,
    ACTIVE,
    COMPLETED,
    CANCELLED,
    DISPUTED;

    public Set<TicketStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(ACCEPTED, CANCELLED);
            case ACCEPTED -> EnumSet.of(ACTIVE, CANCELLED);
            case ACTIVE -> EnumSet.of(COMPLETED, DISPUTED);
            case DISPUTED -> EnumSet.of(COMPLETED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canBecome(TicketStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Refuses a move the lifecycle does not allow, with a message that names both states. */
    public void requireCanBecome(TicketStatus target) {
        if (!canBecome(target)) {
            throw new UserInputException("ticket.transition." + target, this);
        }
    }
}
