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
import app.assets.wallet.TransferMade;
import app.assets.wallet.WithdrawalDecided;
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

    DomainEventNotifications(NotificationOutbox outbox, UserDirectory directory) {
        this.outbox = outbox;
        this.directory = directory;
    }

    @EventListener
    void on(AccountLinkIssued event) {
        var kind = event.purpose() == AccountLinkIssued.Purpose.VERIFY_EMAIL
                ? NotificationEvent.EMAIL_VERIFICATION : NotificationEvent.PASSWORD_RESET;
        outbox.enqueue(kind, event.userId(), Map.of("link", event.link(), "minutes", Long.toString(event.validMinutes())));
    }

    /** Sign-in happens outside any transaction: this listener brings its own. */
    @EventListener
    @Transactional
    void on(SignedIn event) {
        var language = directory.contact(event.userId()).map(UserDirectory.Contact::language).orElse("en");
        outbox.enqueue(NotificationEvent.NEW_SIGN_IN, event.userId(),
                Map.of("time", Formats.dateTime(event.at(), Languages.of(language))));
    }

    @EventListener
    void on(TransferMade event) {
        var sender = directory.byId(event.senderId()).map(UserDirectory.Person::displayName).orElse("");
        outbox.enqueue(NotificationEvent.TRANSFER_RECEIVED, event.recipientId(),
                vars(event.recipientId(), event.amount(), Map.of("sender", sender)));
    }

    @EventListener
    void on(WithdrawalDecided event) {
        outbox.enqueue(event.approved() ? NotificationEvent.WITHDRAWAL_APPROVED : NotificationEvent.WITHDRAWAL_REJECTED,
                event.userId(), vars(event.userId(), event.amount(),
                        event.reason() == null ? Map.of() : Map.of("reason", event.reason())));
    }

    @EventListener
    void on(PaymentVerified event) {
        outbox.enqueue(NotificationEvent.TOPUP_SUCCEEDED, event.userId(), vars(event.userId(), event.amount(), Map.of()));
    }

    @EventListener
    void on(PaymentFailed event) {
        outbox.enqueue(NotificationEvent.TOPUP_FAILED, event.userId(),
                vars(event.userId(), event.amount(), Map.of("reason", event.reason() == null ? "" : event.reason())));
    }

    /** The reconciliation job publishes outside any transaction: this one brings its own. */
    @EventListener
    @Transactional
    void on(ReconciliationMismatch event) {
        directory.byEmail(event.alertEmail()).ifPresent(admin -> outbox.enqueue(NotificationEvent.RECONCILIATION_MISMATCH,
                admin.id(), Map.of("payment", event.paymentId() == null ? String.valueOf(event.authority())
                        : event.paymentId() + " (" + event.authority() + ")", "reason", event.problem())));
    }

    @EventListener
    void on(ListingModerated event) {
        switch (event.outcome()) {
            case "APPROVED" -> outbox.enqueue(NotificationEvent.LISTING_APPROVED, event.ownerUserId(),
                    Map.of("listing", event.title()));
            case "REJECTED", "UNPUBLISHED" -> outbox.enqueue(NotificationEvent.LISTING_REJECTED, event.ownerUserId(),
                    Map.of("listing", event.title(), "reason", event.note() == null ? "" : event.note()));
            default -> {
                // nothing to tell
            }
        }
    }

    /** Amounts are written in the recipient's language (Persian digits for Persian). */
    private Map<String, String> vars(long userId, long amount, Map<String, String> more) {
        var language = directory.contact(userId).map(UserDirectory.Contact::language).orElse("en");
        var values = new HashMap<>(more);
        values.put("amount", Formats.money(amount, Languages.of(language)));
        return values;
    }
}
