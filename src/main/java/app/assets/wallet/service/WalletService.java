package app.assets.wallet.service;

import app.assets.base.UserText;
import app.assets.audit.AuditLog;
import app.assets.base.Money;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Balance;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.ledger.StatementFilter;
import app.assets.ledger.StatementLine;
import app.assets.wallet.TransferMade;
import app.assets.wallet.WithdrawalDecided;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wallet use cases: balance and statement, transfers between users, withdrawal requests and
 * their approval, and manual adjustments. Money moves only through the {@link Ledger}; each use
 * case is one transaction, retried on transient database conflicts, and idempotent by the request
 * id the view generates when a form opens (so a double click posts once).
 */
@Service
public class WalletService {

    public static final int NOTE_MAX = 200;
    public static final int REASON_MAX = 500;

    /** Transaction types a wallet statement can show. */
    public static final List<String> TYPES = List.of("TOP_UP", "TRANSFER", "WITHDRAWAL", "ADJUSTMENT", "REVERSAL",
            "TICKET_ESCROW", "TICKET_PAYOUT", "TICKET_SETTLEMENT");

    /** What a transfer would do, shown for confirmation before it is made. */
    public record TransferPreview(String recipientEmail, String recipientName, long amount, long availableAfter) {
    }

    /** A withdrawal request and its fate. */
    public record Withdrawal(long id, long userId, String email, long amount, String status, String reason,
                             Instant createdAt, Instant decidedAt) {
    }

    private final Ledger ledger;
    private final CurrentUser currentUser;
    private final UserDirectory directory;
    private final RetryingTransactions transactions;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public WalletService(Ledger ledger, CurrentUser currentUser, UserDirectory directory,
                         RetryingTransactions transactions, AuditLog audit, JdbcClient jdbc,
                         ApplicationEventPublisher events) {
        this.events = events;
        this.ledger = ledger;
        this.currentUser = currentUser;
        this.directory = directory;
        this.transactions = transactions;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    // ---- own wallet ----------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Balance myBalance() {
        return ledger.balance(myWallet());
    }

    @Transactional(readOnly = true)
    public List<StatementLine> myStatement(StatementFilter filter, int offset, int limit) {
        return ledger.statement(myWallet(), filter, offset, limit);
    }

    @Transactional(readOnly = true)
    public int myStatementSize(StatementFilter filter) {
        return ledger.statementSize(myWallet(), filter);
    }

    /** Checks a transfer and tells what the sender's available balance would be after it. */
    @Transactional(readOnly = true)
    public TransferPreview previewTransfer(String recipientEmail, Long amount, String note) {
        var me = currentUser.require();
        var money = Money.positive(amount);
        var recipient = checkTransfer(me, recipientEmail, note);
        long available = ledger.balance(ledger.walletOf(me.id())).available();
        if (available < money.rials()) {
            throw new UserInputException("money.insufficient");
        }
        return new TransferPreview(recipient.email(), recipient.displayName(), money.rials(), available - money.rials());
    }

    /** Moves money to another user's wallet; the same request id never moves it twice. */
    public long transfer(UUID requestId, String recipientEmail, Long amount, String note) {
        return transactions.execute(() -> {
            var me = currentUser.require();
            var money = Money.positive(amount);
            var recipient = checkTransfer(me, recipientEmail, note);
            String description = UserText.line(note).isEmpty() ? null : UserText.line(note);
            // The ledger checks the balance itself, after recognising a repeat of this request:
            // checking it here first would refuse a double submit once the first one has posted.
            var result = ledger.post(Posting.move("transfer:" + requestId, "TRANSFER", description,
                    ledger.walletOf(me.id()), ledger.walletOf(recipient.id()), money.rials()));
            if (!result.replayed()) {
                audit.success("wallet.transfer", "ledger_transaction", result.transactionId(),
                        money.rials() + " IRR to " + recipient.email());
                events.publishEvent(new TransferMade(me.id(), recipient.id(), money.rials(), result.transactionId()));
            }
            return result.transactionId();
        });
    }

    private UserDirectory.Person checkTransfer(CurrentUser.Signed me, String recipientEmail, String note) {
        if (note != null && note.length() > NOTE_MAX) {
            throw new UserInputException("transfer.noteTooLong", NOTE_MAX);
        }
        if (recipientEmail == null || recipientEmail.isBlank()) {
            throw new UserInputException("transfer.recipientRequired");
        }
        var recipient = directory.byEmail(recipientEmail)
                .orElseThrow(() -> new UserInputException("transfer.unknownRecipient"));
        if (recipient.id() == me.id()) {
            throw new UserInputException("transfer.toSelf");
        }
        return recipient;
    }

    /** Holds the amount on the wallet until staff approve or reject the withdrawal. */
    public long requestWithdrawal(UUID requestId, Long amount) {
        return transactions.execute(() -> {
            var me = currentUser.require();
            var money = Money.positive(amount);
            String key = "withdrawal:" + requestId;
            var existing = jdbc.sql("select w.id from withdrawals w join ledger_holds h on h.id = w.hold_id where h.idempotency_key = ?")
                    .param(key).query(Long.class).optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            var hold = ledger.placeHold(ledger.walletOf(me.id()), money.rials(), key, "withdrawal");
            long id = jdbc.sql("insert into withdrawals (user_id, amount, hold_id, status) values (?, ?, ?, 'PENDING') returning id")
                    .params(me.id(), money.rials(), hold.id()).query(Long.class).single();
            audit.success("withdrawal.request", "withdrawal", id, money.rials() + " IRR");
            return id;
        });
    }

    @Transactional(readOnly = true)
    public List<Withdrawal> myWithdrawals(int offset, int limit) {
        return withdrawals("where w.user_id = ?", List.of(currentUser.require().id()), offset, limit);
    }

    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    @Transactional(readOnly = true)
    public List<Withdrawal> pendingWithdrawals(int offset, int limit) {
        return withdrawals("where w.status = 'PENDING'", List.of(), offset, limit);
    }

    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    @Transactional(readOnly = true)
    public int pendingWithdrawalCount() {
        return jdbc.sql("select count(*) from withdrawals where status = 'PENDING'").query(Integer.class).single();
    }

    /**
     * Captures the held amount into the platform's withdrawals account (paid out by the bank outside).
     * Four eyes: whoever asked for the withdrawal never approves it.
     */
    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    public void approveWithdrawal(long withdrawalId) {
        long me = currentUser.require().id();
        transactions.run(() -> {
            var w = lockWithdrawal(withdrawalId);
            if ("APPROVED".equals(w.status())) {
                return;
            }
            if (!"PENDING".equals(w.status())) {
                throw new UserInputException("withdrawal.notPending");
            }
            if (w.userId() == me) {
                audit.denied("withdrawal.approve", "withdrawal", withdrawalId, "own request: " + w.amount() + " IRR");
                throw new UserInputException("withdrawal.ownRequest");
            }
            long holdId = jdbc.sql("select hold_id from withdrawals where id = ?").param(withdrawalId).query(Long.class).single();
            ledger.captureHold(holdId, ledger.systemAccount(AccountKind.WITHDRAWALS), "withdrawal-approve:" + withdrawalId,
                    "WITHDRAWAL", null);
            jdbc.sql("update withdrawals set status = 'APPROVED', decided_by = ?, decided_at = now() where id = ?")
                    .params(currentUser.email().orElse(null), withdrawalId).update();
            audit.success("withdrawal.approve", "withdrawal", withdrawalId, w.amount() + " IRR for " + w.email());
            events.publishEvent(new WithdrawalDecided(withdrawalId, w.userId(), w.amount(), true, null));
        });
    }

    /** Releases the held amount back to the user, with a reason they can read. */
    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    public void rejectWithdrawal(long withdrawalId, String reason) {
        String why = UserText.lines(reason);
        if (why.isEmpty()) {
            throw new UserInputException("reason.required");
        }
        if (why.length() > REASON_MAX) {
            throw new UserInputException("reason.tooLong", REASON_MAX);
        }
        transactions.run(() -> {
            var w = lockWithdrawal(withdrawalId);
            if ("REJECTED".equals(w.status())) {
                return;
            }
            if (!"PENDING".equals(w.status())) {
                throw new UserInputException("withdrawal.notPending");
            }
            long holdId = jdbc.sql("select hold_id from withdrawals where id = ?").param(withdrawalId).query(Long.class).single();
            ledger.releaseHold(holdId);
            jdbc.sql("update withdrawals set status = 'REJECTED', reason = ?, decided_by = ?, decided_at = now() where id = ?")
                    .params(why, currentUser.email().orElse(null), withdrawalId).update();
            audit.success("withdrawal.reject", "withdrawal", withdrawalId, w.amount() + " IRR for " + w.email() + ": " + why);
            events.publishEvent(new WithdrawalDecided(withdrawalId, w.userId(), w.amount(), false, why));
        });
    }

    // ---- any wallet (staff) ----------------------------------------------------------------------

    @PreAuthorize("hasAuthority('" + Permissions.WALLET_READ_ANY + "')")
    @Transactional(readOnly = true)
    public List<UserDirectory.Person> findOwners(String text, int offset, int limit) {
        return directory.search(text, offset, limit);
    }

    @PreAuthorize("hasAuthority('" + Permissions.WALLET_READ_ANY + "')")
    @Transactional(readOnly = true)
    public int countOwners(String text) {
        return directory.count(text);
    }

    @PreAuthorize("hasAuthority('" + Permissions.WALLET_READ_ANY + "')")
    @Transactional(readOnly = true)
    public Balance balanceOf(long userId) {
        return ledger.balance(ledger.walletOf(userId));
    }

    @PreAuthorize("hasAuthority('" + Permissions.WALLET_READ_ANY + "')")
    @Transactional(readOnly = true)
    public List<StatementLine> statementOf(long userId, StatementFilter filter, int offset, int limit) {
        return ledger.statement(ledger.walletOf(userId), filter, offset, limit);
    }

    @PreAuthorize("hasAuthority('" + Permissions.WALLET_READ_ANY + "')")
    @Transactional(readOnly = true)
    public int statementSizeOf(long userId, StatementFilter filter) {
        return ledger.statementSize(ledger.walletOf(userId), filter);
    }

    /**
     * Credits (positive) or debits (negative) a wallet against the adjustments account, with a
     * mandatory reason. Four eyes: nobody adjusts their own wallet.
     */
    @PreAuthorize("hasAuthority('" + Permissions.WALLET_ADJUST + "')")
    public long adjust(UUID requestId, long userId, Long signedAmount, String reason) {
        if (userId == currentUser.require().id()) {
            audit.denied("wallet.adjust", "user", userId, "own wallet: " + signedAmount + " IRR");
            throw new UserInputException("wallets.ownWallet");
        }
        if (signedAmount == null || signedAmount == 0) {
            throw new UserInputException("money.positive");
        }
        String why = UserText.lines(reason);
        if (why.isEmpty()) {
            throw new UserInputException("reason.required");
        }
        if (why.length() > REASON_MAX) {
            throw new UserInputException("reason.tooLong", REASON_MAX);
        }
        return transactions.execute(() -> {
            var owner = directory.byId(userId).orElseThrow(() -> new UserInputException("user.notFound"));
            long wallet = ledger.walletOf(userId);
            long adjustments = ledger.systemAccount(AccountKind.ADJUSTMENTS);
            var result = ledger.post(Posting.move("adjust:" + requestId, "ADJUSTMENT", why,
                    signedAmount > 0 ? adjustments : wallet, signedAmount > 0 ? wallet : adjustments, Math.abs(signedAmount)));
            if (!result.replayed()) {
                audit.success("wallet.adjust", "ledger_transaction", result.transactionId(),
                        signedAmount + " IRR on " + owner.email() + ": " + why);
            }
            return result.transactionId();
        });
    }

    // ---- internals -------------------------------------------------------------------------------

    private long myWallet() {
        return ledger.walletOf(currentUser.require().id());
    }

    private Withdrawal lockWithdrawal(long id) {
        return jdbc.sql("select w.*, u.email from withdrawals w join users u on u.id = w.user_id where w.id = ? for update of w")
                .param(id).query((rs, n) -> mapWithdrawal(rs)).optional()
                .orElseThrow(() -> new UserInputException("withdrawal.notFound"));
    }

    private List<Withdrawal> withdrawals(String where, List<Object> params, int offset, int limit) {
        var all = new java.util.ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        return jdbc.sql("select w.*, u.email from withdrawals w join users u on u.id = w.user_id " + where
                        + " order by w.created_at desc, w.id desc limit ? offset ?")
                .params(all).query((rs, n) -> mapWithdrawal(rs)).list();
    }

    private static Withdrawal mapWithdrawal(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Withdrawal(rs.getLong("id"), rs.getLong("user_id"), rs.getString("email"), rs.getLong("amount"),
                rs.getString("status"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant());
    }
}
