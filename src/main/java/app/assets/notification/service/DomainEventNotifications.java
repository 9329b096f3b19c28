package app.assets.notification.service;

import app.assets.base.i18n.Formats;
import app.assets.identity.AccountLinkIssued;
import app.assets.identity.SignedIn;
import app.assets.identity.UserDirectory;
import app.assets.listing.ListingModerated;
import app.assets.notification.domain.NotificationEvent;
import app.assets.payment.PaymentFailed;
import app.assets.payment.PaymentVerified;
import app.assets.payment.ReconciliationMismatch;
import app.assets.review.ReviewPublished;
import app.assets.ticket.TicketEvent;
import app.assets.wallet.TransferMade;
import app.assets.wallet.WithdrawalDecided;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Listens to other modules' events and queues the notifications they call for. The listeners run
 * synchronously inside the publisher's transaction: the outbox rows exist exactly when the change
 * that caused them commits.
 */
@Component
class DomainEventNotifications {

    private final NotificationOutbox outbox;
    private final UserDirectory directory;

    private final Clock clock;

    DomainEventNotifications(NotificationOutbox outbox, UserDirectory directory, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.directory = directory;
    }

    @EventListener
    void on(AccountLinkIssued event) {
        var kind = event.purpose() == AccountLinkIssued.Purpose.VERIFY_EMAIL
                ? NotificationEvent.EMAIL_VERIFICATION
                : NotificationEvent.PASSWORD_RESET;
        outbox.enqueue(
                kind,
                event.userId(),
                Map.of("minutes", Long.toString(event.validMinutes())),
                new NotificationOutbox.SecretLink(
                        "link", event.link(), clock.instant().plus(Duration.ofMinutes(event.validMinutes()))));
    }

    /** Sign-in happens outside any transaction: this listener brings its own. */
    @EventListener
    @Transactional
    void on(SignedIn event) {
        outbox.enqueue(
                NotificationEvent.NEW_SIGN_IN,
                event.userId(),
                language -> Map.of("time", Formats.dateTime(event.at(), language)));
    }

    /**
     * Runs in every transfer's transaction: the recipient's contact (for the language and the rows) and the sender's
     * name are read in one query, with the rest of the transaction's notifications.
     */
    @EventListener
    void on(TransferMade event) {
        outbox.enqueue(
                NotificationEvent.TRANSFER_RECEIVED,
                event.recipientId(),
                money(event.amount(), Map.of()),
                Map.of("sender", event.senderId()));
    }

    @EventListener
    void on(WithdrawalDecided event) {
        outbox.enqueue(
                event.approved() ? NotificationEvent.WITHDRAWAL_APPROVED : NotificationEvent.WITHDRAWAL_REJECTED,
                event.userId(),
                money(event.amount(), event.reason() == null ? Map.of() : Map.of("reason", event.reason())));
    }

    @EventListener
    void on(PaymentVerified event) {
        outbox.enqueue(NotificationEvent.TOPUP_SUCCEEDED, event.userId(), money(event.amount(), Map.of()));
    }

    @EventListener
    void on(PaymentFailed event) {
        outbox.enqueue(
                NotificationEvent.TOPUP_FAILED,
                event.userId(),
                money(event.amount(), Map.of("reason", event.reason() == null ? "" : event.reason())));
    }

    /** The reconciliation job publishes outside any transaction: this one brings its own. */
    @EventListener
    @Transactional
    void on(ReconciliationMismatch event) {
        directory
                .byEmail(event.alertEmail())
                .ifPresent(admin -> outbox.enqueue(
                        NotificationEvent.RECONCILIATION_MISMATCH,
                        admin.id(),
                        Map.of(
                                "payment",
                                event.paymentId() == null
                                        ? String.valueOf(event.authority())
                                        : event.paymentId() + " (" + event.authority() + ")",
                                "reason",
                                event.problem())));
    }

    @EventListener
    void on(ListingModerated event) {
        switch (event.outcome()) {
            case APPROVED ->
                outbox.enqueue(
                        NotificationEvent.LISTING_APPROVED, event.ownerUserId(), Map.of("listing", event.title()));
            case REJECTED, UNPUBLISHED ->
                outbox.enqueue(
                        NotificationEvent.LISTING_REJECTED,
                        event.ownerUserId(),
                        Map.of("listing", event.title(), "reason", event.note() == null ? "" : event.note()));
        }
    }

    /** A review became visible: its subject hears who wrote it and how many stars. */
    @EventListener
    void on(ReviewPublished event) {
        outbox.enqueue(
                NotificationEvent.REVIEW_RECEIVED,
                event.subjectUserId(),
                language -> Map.of(
                        "reviewer",
                        event.authorName(),
                        "listing",
                        event.listingTitle(),
                        "stars",
                        Formats.number(event.stars(), language)));
    }

    /** Lending tickets: each change tells the side that needs to know, in their own language. */
    @EventListener
    void on(TicketEvent event) {
        String listing = event.listingTitle();
        switch (event) {
            case TicketEvent.Requested e ->
                outbox.enqueue(
                        NotificationEvent.TICKET_CREATED,
                        e.lenderUserId(),
                        language -> withAmount(
                                e.price(),
                                language,
                                Map.of(
                                        "listing",
                                        listing,
                                        "borrower",
                                        e.borrowerName(),
                                        "days",
                                        Formats.number(e.days(), language))));
            case TicketEvent.Accepted e ->
                outbox.enqueue(
                        NotificationEvent.TICKET_ACCEPTED,
                        e.borrowerUserId(),
                        money(e.price(), Map.of("listing", listing)));
            case TicketEvent.Cancelled e
            when e.reason() == TicketEvent.CancelReason.DECLINED ->
                outbox.enqueue(NotificationEvent.TICKET_DECLINED, e.borrowerUserId(), Map.of("listing", listing));
            // The lender accepted another request for these dates: the borrower hears which dates, to pick others.
            case TicketEvent.Cancelled e
            when e.reason() == TicketEvent.CancelReason.DATES_TAKEN && e.dates() != null ->
                outbox.enqueue(
                        NotificationEvent.TICKET_DATES_TAKEN,
                        e.borrowerUserId(),
                        language -> Map.of(
                                "listing",
                                listing,
                                "from",
                                Formats.date(e.dates().start(), language),
                                "to",
                                Formats.date(e.dates().lastDay(), language)));
            case TicketEvent.Activated e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.ESCROW_CAPTURED, user, money(e.price(), Map.of("listing", listing)));
                }
            }
            case TicketEvent.DueSoon e ->
                outbox.enqueue(
                        NotificationEvent.LOAN_DUE_SOON,
                        e.borrowerUserId(),
                        language -> Map.of("listing", listing, "date", Formats.dateTime(e.dueAt(), language)));
            case TicketEvent.Overdue e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.LOAN_OVERDUE,
                            user,
                            language -> Map.of("listing", listing, "date", Formats.dateTime(e.dueAt(), language)));
                }
            }
            case TicketEvent.Completed e -> {
                outbox.enqueue(
                        NotificationEvent.LOAN_COMPLETED,
                        e.lenderUserId(),
                        money(e.lenderPayout(), Map.of("listing", listing)));
                outbox.enqueue(
                        NotificationEvent.LOAN_COMPLETED,
                        e.borrowerUserId(),
                        money(e.price(), Map.of("listing", listing)));
            }
            case TicketEvent.Disputed e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(NotificationEvent.DISPUTE_OPENED, user, Map.of("listing", listing));
                }
            }
            case TicketEvent.Settled e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.DISPUTE_RESOLVED,
                            user,
                            Map.of("listing", listing, "reason", e.note() == null ? "" : e.note()));
                }
            }
            case TicketEvent.DepositHeld e ->
                outbox.enqueue(
                        NotificationEvent.DEPOSIT_HELD,
                        e.borrowerUserId(),
                        money(e.amount(), Map.of("listing", listing)));
            case TicketEvent.DepositReleased e ->
                outbox.enqueue(
                        NotificationEvent.DEPOSIT_RELEASED,
                        e.borrowerUserId(),
                        money(e.amount(), Map.of("listing", listing)));
            case TicketEvent.ClaimFiled e ->
                outbox.enqueue(
                        NotificationEvent.CLAIM_FILED,
                        e.borrowerUserId(),
                        money(e.amount(), Map.of("listing", listing)));
            case TicketEvent.ClaimDecided e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.CLAIM_DECIDED,
                            user,
                            money(
                                    e.captured(),
                                    Map.of("listing", listing, "reason", e.reason() == null ? "" : e.reason())));
                }
            }
            default -> {
                // withdrawals, expiries and comments are seen in the ticket itself
            }
        }
    }

    /** Amounts are written in the recipient's language (Persian digits for Persian). */
    private static Function<Locale, Map<String, String>> money(long amount, Map<String, String> more) {
        return language -> withAmount(amount, language, more);
    }

    private static Map<String, String> withAmount(long amount, Locale language, Map<String, String> more) {
        var values = new HashMap<>(more);
        values.put("amount", Formats.money(amount, language));
        return values;
    }
}
