package app.assets.notification.service;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
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
import app.assets.ticket.TicketPayments;
import app.assets.wallet.TransferMade;
import app.assets.wallet.WithdrawalDecided;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    private final TicketPayments tickets;

    private final Clock clock;

    DomainEventNotifications(NotificationOutbox outbox, UserDirectory directory, TicketPayments tickets, Clock clock) {
        this.clock = clock;
        this.tickets = tickets;
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
        var language = directory
                .contact(event.userId())
                .map(UserDirectory.Contact::language)
                .orElse("en");
        outbox.enqueue(
                NotificationEvent.NEW_SIGN_IN,
                event.userId(),
                Map.of("time", Formats.dateTime(event.at(), Languages.of(language))));
    }

    @EventListener
    void on(TransferMade event) {
        var sender = directory
                .byId(event.senderId())
                .map(UserDirectory.Person::displayName)
                .orElse("");
        outbox.enqueue(
                NotificationEvent.TRANSFER_RECEIVED,
                event.recipientId(),
                vars(event.recipientId(), event.amount(), Map.of("sender", sender)));
    }

    @EventListener
    void on(WithdrawalDecided event) {
        outbox.enqueue(
                event.approved() ? NotificationEvent.WITHDRAWAL_APPROVED : NotificationEvent.WITHDRAWAL_REJECTED,
                event.userId(),
                vars(
                        event.userId(),
                        event.amount(),
                        event.reason() == null ? Map.of() : Map.of("reason", event.reason())));
    }

    @EventListener
    void on(PaymentVerified event) {
        outbox.enqueue(
                NotificationEvent.TOPUP_SUCCEEDED, event.userId(), vars(event.userId(), event.amount(), Map.of()));
    }

    @EventListener
    void on(PaymentFailed event) {
        outbox.enqueue(
                NotificationEvent.TOPUP_FAILED,
                event.userId(),
                vars(event.userId(), event.amount(), Map.of("reason", event.reason() == null ? "" : event.reason())));
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
            case "APPROVED" ->
                outbox.enqueue(
                        NotificationEvent.LISTING_APPROVED, event.ownerUserId(), Map.of("listing", event.title()));
            case "REJECTED", "UNPUBLISHED" ->
                outbox.enqueue(
                        NotificationEvent.LISTING_REJECTED,
                        event.ownerUserId(),
                        Map.of("listing", event.title(), "reason", event.note() == null ? "" : event.note()));
            default -> {
                // nothing to tell
            }
        }
    }

    /** A review became visible: its subject hears who wrote it and how many stars. */
    @EventListener
    void on(ReviewPublished event) {
        var reviewer = directory
                .byId(event.authorUserId())
                .map(UserDirectory.Person::displayName)
                .orElse("");
        outbox.enqueue(
                NotificationEvent.REVIEW_RECEIVED,
                event.subjectUserId(),
                Map.of(
                        "reviewer",
                        reviewer,
                        "listing",
                        event.listingTitle(),
                        "stars",
                        Formats.number(event.stars(), language(event.subjectUserId()))));
    }

    /** Lending tickets: each change tells the side that needs to know, in their own language. */
    @EventListener
    void on(TicketEvent event) {
        var ticket = tickets.summary(event.ticketId()).orElse(null);
        if (ticket == null) {
            return;
        }
        switch (event) {
            case TicketEvent.Requested e ->
                outbox.enqueue(
                        NotificationEvent.TICKET_CREATED,
                        e.lenderUserId(),
                        vars(
                                e.lenderUserId(),
                                e.price(),
                                Map.of(
                                        "listing",
                                        ticket.listingTitle(),
                                        "borrower",
                                        ticket.borrowerName(),
                                        "days",
                                        Formats.number(e.days(), language(e.lenderUserId())))));
            case TicketEvent.Accepted e ->
                outbox.enqueue(
                        NotificationEvent.TICKET_ACCEPTED,
                        e.borrowerUserId(),
                        vars(e.borrowerUserId(), ticket.price(), Map.of("listing", ticket.listingTitle())));
            case TicketEvent.Cancelled e
            when e.reason() == TicketEvent.CancelReason.DECLINED ->
                outbox.enqueue(
                        NotificationEvent.TICKET_DECLINED,
                        e.borrowerUserId(),
                        Map.of("listing", ticket.listingTitle()));
            // The lender accepted another request for these dates: the borrower hears which dates, to pick others.
            case TicketEvent.Cancelled e
            when e.reason() == TicketEvent.CancelReason.DATES_TAKEN && ticket.dates() != null -> {
                var language = language(e.borrowerUserId());
                outbox.enqueue(
                        NotificationEvent.TICKET_DATES_TAKEN,
                        e.borrowerUserId(),
                        Map.of(
                                "listing",
                                ticket.listingTitle(),
                                "from",
                                Formats.date(ticket.dates().start(), language),
                                "to",
                                Formats.date(ticket.dates().lastDay(), language)));
            }
            case TicketEvent.Activated e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.ESCROW_CAPTURED,
                            user,
                            vars(user, e.price(), Map.of("listing", ticket.listingTitle())));
                }
            }
            case TicketEvent.DueSoon e ->
                outbox.enqueue(
                        NotificationEvent.LOAN_DUE_SOON,
                        e.borrowerUserId(),
                        Map.of(
                                "listing",
                                ticket.listingTitle(),
                                "date",
                                Formats.dateTime(e.dueAt(), language(e.borrowerUserId()))));
            case TicketEvent.Overdue e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.LOAN_OVERDUE,
                            user,
                            Map.of(
                                    "listing",
                                    ticket.listingTitle(),
                                    "date",
                                    Formats.dateTime(e.dueAt(), language(user))));
                }
            }
            case TicketEvent.Completed e -> {
                outbox.enqueue(
                        NotificationEvent.LOAN_COMPLETED,
                        e.lenderUserId(),
                        vars(e.lenderUserId(), e.lenderPayout(), Map.of("listing", ticket.listingTitle())));
                outbox.enqueue(
                        NotificationEvent.LOAN_COMPLETED,
                        e.borrowerUserId(),
                        vars(e.borrowerUserId(), ticket.price(), Map.of("listing", ticket.listingTitle())));
            }
            case TicketEvent.Disputed e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(NotificationEvent.DISPUTE_OPENED, user, Map.of("listing", ticket.listingTitle()));
                }
            }
            case TicketEvent.Settled e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.DISPUTE_RESOLVED,
                            user,
                            Map.of("listing", ticket.listingTitle(), "reason", e.note() == null ? "" : e.note()));
                }
            }
            case TicketEvent.DepositHeld e ->
                outbox.enqueue(
                        NotificationEvent.DEPOSIT_HELD,
                        e.borrowerUserId(),
                        vars(e.borrowerUserId(), e.amount(), Map.of("listing", ticket.listingTitle())));
            case TicketEvent.DepositReleased e ->
                outbox.enqueue(
                        NotificationEvent.DEPOSIT_RELEASED,
                        e.borrowerUserId(),
                        vars(e.borrowerUserId(), e.amount(), Map.of("listing", ticket.listingTitle())));
            case TicketEvent.ClaimFiled e ->
                outbox.enqueue(
                        NotificationEvent.CLAIM_FILED,
                        e.borrowerUserId(),
                        vars(e.borrowerUserId(), e.amount(), Map.of("listing", ticket.listingTitle())));
            case TicketEvent.ClaimDecided e -> {
                for (long user : new long[] {e.borrowerUserId(), e.lenderUserId()}) {
                    outbox.enqueue(
                            NotificationEvent.CLAIM_DECIDED,
                            user,
                            vars(
                                    user,
                                    e.captured(),
                                    Map.of(
                                            "listing",
                                            ticket.listingTitle(),
                                            "reason",
                                            e.reason() == null ? "" : e.reason())));
                }
            }
            default -> {
                // withdrawals, expiries and comments are seen in the ticket itself
            }
        }
    }

    private java.util.Locale language(long userId) {
        return Languages.of(
                directory.contact(userId).map(UserDirectory.Contact::language).orElse("en"));
    }

    /** Amounts are written in the recipient's language (Persian digits for Persian). */
    private Map<String, String> vars(long userId, long amount, Map<String, String> more) {
        var language =
                directory.contact(userId).map(UserDirectory.Contact::language).orElse("en");
        var values = new HashMap<>(more);
        values.put("amount", Formats.money(amount, Languages.of(language)));
        return values;
    }
}
