package app.assets.notification.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything Assets tells people about, with its category, the channels it may use and the named
 * variables its templates may contain ({@code {name}} in a template is the variable "name").
 */
public enum NotificationEvent {
    EMAIL_VERIFICATION(Category.SECURITY, EnumSet.of(Channel.EMAIL), "name", "link", "minutes"),
    PASSWORD_RESET(Category.SECURITY, EnumSet.of(Channel.EMAIL), "name", "link", "minutes"),
    NEW_SIGN_IN(Category.SECURITY, EnumSet.allOf(Channel.class), "name", "time"),
    TOPUP_SUCCEEDED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "amount"),
    TOPUP_FAILED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "amount", "reason"),
    TRANSFER_RECEIVED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "amount", "sender"),
    WITHDRAWAL_APPROVED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "amount"),
    WITHDRAWAL_REJECTED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "amount", "reason"),
    TICKET_CREATED(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing", "borrower", "days", "amount"),
    TICKET_ACCEPTED(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing", "amount"),
    TICKET_DECLINED(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing"),
    TICKET_DATES_TAKEN(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing", "from", "to"),
    ESCROW_CAPTURED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "listing", "amount"),
    LOAN_DUE_SOON(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing", "date"),
    LOAN_OVERDUE(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing", "date"),
    LOAN_COMPLETED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "listing", "amount"),
    DISPUTE_OPENED(Category.SUPPORT, EnumSet.allOf(Channel.class), "name", "listing"),
    DISPUTE_RESOLVED(Category.SUPPORT, EnumSet.allOf(Channel.class), "name", "listing", "reason"),
    DEPOSIT_HELD(Category.MONEY, EnumSet.allOf(Channel.class), "name", "listing", "amount"),
    DEPOSIT_RELEASED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "listing", "amount"),
    CLAIM_FILED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "listing", "amount"),
    CLAIM_DECIDED(Category.MONEY, EnumSet.allOf(Channel.class), "name", "listing", "amount", "reason"),
    LISTING_APPROVED(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing"),
    LISTING_REJECTED(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "listing", "reason"),
    REVIEW_RECEIVED(Category.ACCOUNT, EnumSet.allOf(Channel.class), "name", "reviewer", "listing", "stars"),
    RECONCILIATION_MISMATCH(Category.SUPPORT, EnumSet.of(Channel.EMAIL), "name", "payment", "reason"),
    BROADCAST(Category.ANNOUNCEMENTS, EnumSet.allOf(Channel.class), "name", "subject", "message");

    private final Category category;
    private final Set<Channel> channels;
    private final List<String> variables;

    NotificationEvent(Category category, Set<Channel> channels, String... variables) {
        this.category = category;
        this.channels = channels;
        this.variables = List.of(variables);
    }

    public Category category() {
        return category;
    }

    public Set<Channel> channels() {
        return channels;
    }

    public List<String> variables() {
        return variables;
    }
}
