package app.assets.base.security;

import java.util.List;

/**
 * Fine-grained permission codes. Roles map to these in the database (table role_permissions);
 * routes and service methods check these codes, never role names.
 */
public final class Permissions {

    public static final String USER_MANAGE = "user.manage";
    public static final String USER_READ = "user.read";
    public static final String ROLE_MANAGE = "role.manage";
    public static final String AUDIT_READ = "audit.read";
    public static final String MAILBOX_READ = "mailbox.read";
    public static final String LISTING_MODERATE = "listing.moderate";
    public static final String TICKET_READ_ANY = "ticket.read.any";
    public static final String DISPUTE_SETTLE = "dispute.settle";
    public static final String CLAIM_DECIDE = "claim.decide";
    public static final String WALLET_READ_ANY = "wallet.read.any";
    public static final String WALLET_ADJUST = "wallet.adjust";
    public static final String WITHDRAWAL_APPROVE = "withdrawal.approve";
    public static final String LEDGER_CHECK = "ledger.check";
    public static final String PAYMENT_MANAGE = "payment.manage";
    public static final String REPORT_READ_ALL = "report.read.all";
    public static final String REPORT_EXPORT = "report.export";
    public static final String REPORT_RECOMPUTE = "report.recompute";
    public static final String NOTIFICATION_BROADCAST = "notification.broadcast";
    public static final String NOTIFICATION_MANAGE = "notification.manage";
    public static final String REVIEW_MODERATE = "review.moderate";
    public static final String CRYPTO_ROTATE = "crypto.rotate";

    public static final List<String> ALL = List.of(
            USER_MANAGE,
            USER_READ,
            ROLE_MANAGE,
            AUDIT_READ,
            MAILBOX_READ,
            LISTING_MODERATE,
            TICKET_READ_ANY,
            DISPUTE_SETTLE,
            CLAIM_DECIDE,
            WALLET_READ_ANY,
            WALLET_ADJUST,
            WITHDRAWAL_APPROVE,
            LEDGER_CHECK,
            PAYMENT_MANAGE,
            REPORT_READ_ALL,
            REPORT_EXPORT,
            REPORT_RECOMPUTE,
            NOTIFICATION_BROADCAST,
            NOTIFICATION_MANAGE,
            REVIEW_MODERATE,
            CRYPTO_ROTATE);

    private Permissions() {}
}
