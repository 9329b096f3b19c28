package app.assets.ticket.internal;

import app.assets.payment.PaymentVerified;
import app.assets.payment.TopUpPurpose;
import app.assets.ticket.TicketPayments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a top-up tied to a lending ticket is verified, pays the ticket from the wallet it just
 * credited, once the credit has committed. Only the ticket's borrower can pay it this way; paying
 * is idempotent, so a repeated event moves nothing.
 */
@Component
class ShortfallPayments {

    private static final Logger log = LoggerFactory.getLogger(ShortfallPayments.class);

    private final TicketPayments payments;

    ShortfallPayments(TicketPayments payments) {
        this.payments = payments;
    }

    /**
     * Runs after the top-up committed, in a transaction of its own: code run after a commit would otherwise join the
     * finished transaction, and what it writes before commit (the ticket's events' notifications) would never be
     * written.
     */
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void topUpVerified(PaymentVerified event) {
        if (event.purpose() != TopUpPurpose.TICKET_SHORTFALL
                || event.purposeReference() == null
                || !event.purposeReference().matches("\\d{1,18}")) {
            return;
        }
        long ticketId = Long.parseLong(event.purposeReference());
        var due = payments.due(ticketId);
        if (due.isEmpty() || due.get().borrowerUserId() != event.userId()) {
            log.info(
                    "Top-up {} names ticket {}, which does not wait for this payer's money",
                    event.paymentId(),
                    ticketId);
            return;
        }
        var outcome = payments.payFromWallet(ticketId);
        log.info("Top-up {} for ticket {}: {}", event.paymentId(), ticketId, outcome);
    }
}
