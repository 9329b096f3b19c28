package app.assets.ticket;

import app.assets.ticket.service.TicketEscrow;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The hook the payment module calls after a successful top-up tied to a ticket: pays an accepted
 * ticket from the borrower's wallet (hold, then capture into the ticket's escrow) once the wallet
 * covers the price. Idempotent and safe to call any number of times, from any node; it acts as the
 * system, so the caller checks who asked (see docs/lending.md).
 */
@Component
public class TicketPayments {

    /** What a payment attempt did. */
    public enum Outcome {
        /** The price moved into escrow now; the ticket is active. */
        ACTIVATED,
        /** An earlier call (or the borrower) already paid; nothing moved. */
        ALREADY_PAID,
        /** The wallet still does not cover the price; the ticket stays accepted. */
        INSUFFICIENT_FUNDS,
        /** The ticket is not waiting for payment (pending, cancelled, ...) or does not exist; nothing moved. */
        NOT_PAYABLE
    }

    /** What an accepted ticket still needs: its borrower, its price, and how much the wallet is short (0 when it covers it). */
    public record Due(long ticketId, long borrowerUserId, long price, long shortfall) {}

    private final TicketEscrow escrow;

    public TicketPayments(TicketEscrow escrow) {
        this.escrow = escrow;
    }

    public Outcome payFromWallet(long ticketId) {
        return escrow.payFromWallet(ticketId);
    }

    /** The payment due on a ticket that waits for it, or empty when it waits for none. */
    public Optional<Due> due(long ticketId) {
        return escrow.due(ticketId);
    }
}
