package app.assets.report.export;

import app.assets.base.security.Permissions;
import app.assets.report.export.Column.Kind;
import java.util.List;

/**
 * The datasets the reports view lists and exports, each a read-only SQL view over another
 * module's tables. The select list matches {@link #columns()} one to one; the first selected
 * column is the row's id, which also orders the rows (newest first) and pages background exports.
 *
 * <p>Other people appear as {@value #PARTY}: their email for a reader of everybody's rows, their
 * display name for someone reading their own rows (the counterparty of a transfer, the other side of
 * a ticket), as everywhere else in the app; the text filter then searches those names, not emails.
 */
public enum Dataset {
    TRANSACTIONS(
            "e.id, e.created_at, u.email, t.type, t.description, "
                    + "(select string_agg(coalesce(ou.{party}, '#' || oa.kind), ', ' order by o.id) from ledger_entries o "
                    + "join ledger_accounts oa on oa.id = o.account_id left join users ou on ou.id = oa.owner_user_id "
                    + "where o.transaction_id = e.transaction_id and o.account_id <> e.account_id), e.amount, e.balance_after",
            "ledger_entries e join ledger_transactions t on t.id = e.transaction_id "
                    + "join ledger_accounts a on a.id = e.account_id and a.kind = 'USER_WALLET' join users u on u.id = a.owner_user_id",
            "e.id",
            "e.created_at",
            "t.type",
            List.of(
                    "TOP_UP",
                    "TRANSFER",
                    "WITHDRAWAL",
                    "ADJUSTMENT",
                    "REVERSAL",
                    "TICKET_ESCROW",
                    "TICKET_PAYOUT",
                    "TICKET_SETTLEMENT",
                    "DEPOSIT_CLAIM"),
            "(t.description ilike ? or exists (select 1 from ledger_entries o join ledger_accounts oa on oa.id = o.account_id "
                    + "left join users ou on ou.id = oa.owner_user_id where o.transaction_id = e.transaction_id "
                    + "and o.account_id <> e.account_id and (ou.{party} ilike ? or oa.kind::text ilike ?)))",
            "a.owner_user_id = ?",
            "u.email ilike ?",
            null,
            List.of(
                    Column.of("id", Kind.ID, 0.7f), Column.of("at", Kind.DATE_TIME, 1.6f),
                    Column.of("user", Kind.TEXT, 1.8f).forEverybodyOnly(), Column.code("type", "txType.", 1.1f),
                    Column.of("description", Kind.TEXT, 2.2f), Column.of("counterparty", Kind.PARTIES, 1.8f),
                    Column.of("amount", Kind.SIGNED_MONEY, 1.5f), Column.of("balanceAfter", Kind.MONEY, 1.5f))),

    PAYMENTS(
            "p.id, p.created_at, u.email, p.purpose, p.amount, p.fee, p.status, p.ref_id, p.verified_at",
            "payments p join users u on u.id = p.user_id",
            "p.id",
            "p.created_at",
            "p.status",
            List.of(
                    "CREATED",
                    "REDIRECTED",
                    "VERIFIED",
                    "FAILED",
                    "CANCELLED",
                    "EXPIRED",
                    "REFUND_PENDING",
                    "REFUNDED"),
            "(p.ref_id ilike ? or p.authority ilike ?)",
            "p.user_id = ?",
            "u.email ilike ?",
            null,
            List.of(
                    Column.of("id", Kind.ID, 0.7f),
                    Column.of("at", Kind.DATE_TIME, 1.6f),
                    Column.of("user", Kind.TEXT, 1.8f).forEverybodyOnly(),
                    Column.code("purpose", "payment.purpose.", 1.4f),
                    Column.of("amount", Kind.MONEY, 1.4f),
                    Column.of("fee", Kind.MONEY, 1.1f),
                    Column.code("status", "payment.status.", 1.3f),
                    Column.of("ref", Kind.TEXT, 1.1f),
                    Column.of("verifiedAt", Kind.DATE_TIME, 1.6f))),

    TICKETS(
            "t.id, t.created_at, t.listing_title, b.{party}, l.{party}, t.days, t.price, t.status, t.due_at",
            "tickets t join users b on b.id = t.borrower_user_id join users l on l.id = t.lender_user_id",
            "t.id",
            "t.created_at",
            "t.status",
            List.of("PENDING", "ACCEPTED", "ACTIVE", "COMPLETED", "CANCELLED", "DISPUTED"),
            "t.listing_title ilike ?",
            "(t.borrower_user_id = ? or t.lender_user_id = ?)",
            "(b.email ilike ? or l.email ilike ?)",
            null,
            List.of(
                    Column.of("id", Kind.ID, 0.7f),
                    Column.of("at", Kind.DATE_TIME, 1.6f),
                    Column.of("listing", Kind.TEXT, 2.0f),
                    Column.of("borrower", Kind.TEXT, 1.7f),
                    Column.of("lender", Kind.TEXT, 1.7f),
                    Column.of("days", Kind.NUMBER, 0.6f),
                    Column.of("price", Kind.MONEY, 1.4f),
                    Column.code("status", "ticket.status.", 1.5f),
                    Column.of("dueAt", Kind.DATE_TIME, 1.6f))),

    /** Security deposits and their damage claims, one row per ticket with a deposit (docs/deposits.md). */
    DEPOSITS(
            "d.ticket_id, d.created_at, t.listing_title, b.{party}, l.{party}, d.amount, d.status, d.claim_amount, "
                    + "d.captured_amount",
            "ticket_deposits d join tickets t on t.id = d.ticket_id join users b on b.id = t.borrower_user_id "
                    + "join users l on l.id = t.lender_user_id",
            "d.ticket_id",
            "d.created_at",
            "d.status",
            List.of("HELD", "AWAITING", "CLAIMED", "DISPUTED", "RELEASED", "SETTLED"),
            "t.listing_title ilike ?",
            "(t.borrower_user_id = ? or t.lender_user_id = ?)",
            "(b.email ilike ? or l.email ilike ?)",
            null,
            List.of(
                    Column.of("id", Kind.ID, 0.7f),
                    Column.of("at", Kind.DATE_TIME, 1.6f),
                    Column.of("listing", Kind.TEXT, 2.0f),
                    Column.of("borrower", Kind.TEXT, 1.7f),
                    Column.of("lender", Kind.TEXT, 1.7f),
                    Column.of("deposit", Kind.MONEY, 1.3f),
                    Column.code("status", "deposit.status.", 1.4f),
                    Column.of("claimed", Kind.MONEY, 1.3f),
                    Column.of("captured", Kind.MONEY, 1.3f))),

    NOTIFICATIONS(
            "n.id, n.created_at, n.channel, n.event, n.recipient, n.subject, n.status, n.attempts, n.sent_at",
            "notifications n left join users u on u.id = n.user_id",
            "n.id",
            "n.created_at",
            "n.status",
            List.of("QUEUED", "SENT", "FAILED"),
            "(n.recipient ilike ? or n.subject ilike ?)",
            "n.user_id = ?",
            "u.email ilike ?",
            null,
            List.of(
                    Column.of("id", Kind.ID, 0.7f),
                    Column.of("at", Kind.DATE_TIME, 1.6f),
                    Column.code("channel", "channel.", 0.9f),
                    Column.code("event", "event.", 1.6f),
                    Column.of("recipient", Kind.TEXT, 1.8f),
                    Column.of("subject", Kind.TEXT, 2.2f),
                    Column.code("status", "status.", 0.9f),
                    Column.of("attempts", Kind.NUMBER, 0.7f),
                    Column.of("sentAt", Kind.DATE_TIME, 1.6f))),

    AUDIT_LOG(
            "a.id, a.occurred_at, a.actor, a.action, a.outcome, "
                    + "a.entity || coalesce(' #' || a.entity_id, ''), a.client_address, a.details",
            "audit_log a",
            "a.id",
            "a.occurred_at",
            "a.outcome",
            List.of("SUCCESS", "FAILURE", "DENIED"),
            "(a.action ilike ? or a.details ilike ?)",
            null,
            "a.actor ilike ?",
            Permissions.AUDIT_READ,
            List.of(
                    Column.of("id", Kind.ID, 0.7f), Column.of("at", Kind.DATE_TIME, 1.6f),
                    Column.of("actor", Kind.TEXT, 1.8f), Column.of("action", Kind.TEXT, 1.6f),
                    Column.code("outcome", "report.outcome.", 0.9f), Column.of("entity", Kind.TEXT, 1.2f),
                    Column.of("address", Kind.TEXT, 1.0f), Column.of("details", Kind.TEXT, 2.6f)));

    /** Where the select list and text clause name another user: their email or their display name, by scope. */
    static final String PARTY = "{party}";

    private final String select;
    final String from;
    final String idColumn;
    final String timeColumn;
    final String statusColumn;
    private final List<String> statuses;
    private final String textClause;
    /** Rows of one user; null when the dataset has no owner (the audit log: all or nothing). */
    final String ownClause;

    final String userClause;
    private final String permission;
    private final List<Column> columns;

    Dataset(
            String select,
            String from,
            String idColumn,
            String timeColumn,
            String statusColumn,
            List<String> statuses,
            String textClause,
            String ownClause,
            String userClause,
            String permission,
            List<Column> columns) {
        this.select = select;
        this.from = from;
        this.idColumn = idColumn;
        this.timeColumn = timeColumn;
        this.statusColumn = statusColumn;
        this.statuses = statuses;
        this.textClause = textClause;
        this.ownClause = ownClause;
        this.userClause = userClause;
        this.permission = permission;
        this.columns = columns;
    }

    /** The select list for a reader in this scope: other users by email for everybody's rows, by display name for one's own. */
    String select(Scope scope) {
        return select.replace(PARTY, party(scope));
    }

    /** The text filter's clause, searching other users the way {@link #select(Scope)} shows them. */
    String textClause(Scope scope) {
        return textClause.replace(PARTY, party(scope));
    }

    private static String party(Scope scope) {
        return scope.everybody() ? "email" : "display_name";
    }

    /** The values the status (or type, or outcome) filter offers. */
    public List<String> statuses() {
        return statuses;
    }

    /** The column whose codes the status filter picks from. */
    public Column statusColumn() {
        return columns.stream()
                .filter(c -> c.kind() == Kind.CODE
                        && switch (this) {
                            case TRANSACTIONS -> c.key().equals("type");
                            case AUDIT_LOG -> c.key().equals("outcome");
                            default -> c.key().equals("status");
                        })
                .findFirst()
                .orElseThrow();
    }

    /** Every column; see {@link #columns(boolean)} for those one reader sees. */
    public List<Column> columns() {
        return columns;
    }

    /** The columns shown to a reader who sees everybody's data, or only their own. */
    public List<Column> columns(boolean everybody) {
        return columns.stream().filter(c -> everybody || !c.everybodyOnly()).toList();
    }

    /** The permission needed to read this dataset at all, or null when every signed-in user may (their own rows). */
    public String permission() {
        return permission;
    }

    /** Whether rows belong to users, so a user may read (and export) their own; not the audit log. */
    public boolean hasOwnRows() {
        return ownClause != null;
    }

    /** Message key of the dataset's name. */
    public String titleKey() {
        return "report.dataset." + name();
    }

    /** Message key of the status filter's label. */
    public String statusLabelKey() {
        return "report.col." + statusColumn().key();
    }
}
