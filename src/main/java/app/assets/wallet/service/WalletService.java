package app.assets.wallet.service;

import app.assets.audit.AuditLog;
import app.assets.base.Money;
import app.assets.base.UserText;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
    public static final List<String> TYPES = List.of(
            "TOP_UP",
            "TRANSFER",
            "WITHDRAWAL",
            "ADJUSTMENT",
            "REVERSAL",
            "TICKET_ESCROW",
            "TICKET_PAYOUT",
            "TICKET_SETTLEMENT",
            "DEPOSIT_CLAIM");

    /**
     * What a transfer would do, shown for confirmation before it is made. It names the address as
     * typed and never the account behind it: whether the address has an account is not told here
     * (see docs/security.md, "Account enumeration").
     */
    public record TransferPreview(String recipientEmail, long amount, long availableAfter) {}

    /** A withdrawal request and its fate. */
    public record Withdrawal(
            long id,
            long userId,
            String email,
            long amount,
            String status,
            String reason,
            Instant createdAt,
            Instant decidedAt) {}

    /**
     * What an adjustment did: posted at once (its ledger transaction), or, above the approval
     * limit, waiting for a second ADMIN (its request).
     */
    public record Adjustment(Long transactionId, Long requestId) {
        public boolean pending() {
            return requestId != null && transactionId == null;
        }
    }

    /** An adjustment above the approval limit waiting for (or decided by) a second ADMIN. */
    public record AdjustmentRequest(
            long id,
            long userId,
            String email,
            long amount,
            String reason,
            String status,
            long requestedById,
            String requestedBy,
            Instant createdAt) {}

    private final Ledger ledger;
    private final CurrentUser currentUser;
    private final UserDirectory directory;
    private final RetryingTransactions transactions;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final long approvalAbove;
    private final TransferMisses misses;

    public WalletService(
            Ledger ledger,
            CurrentUser currentUser,
            UserDirectory directory,
            RetryingTransactions transactions,
            AuditLog audit,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            TransferMisses misses,
            WalletProperties properties) {
        this.events = events;
        this.misses = misses;
        this.approvalAbove = properties.adjustmentApprovalAbove();
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

    /**
     * Checks a transfer and tells what the sender's available balance would be after it. The
     * recipient's address is checked for form only: a registered address and an unregistered one
     * get the same preview.
     */
    @Transactional(readOnly = true)
    public TransferPreview previewTransfer(String recipientEmail, Long amount, String note) {
        long me = currentUser.requireId();
        var money = Money.positive(amount);
        String email = checkTransfer(me, recipientEmail, note);
        long available = ledger.balance(ledger.walletOf(me)).available();
        if (available < money.rials()) {
            throw new UserInputException("money.insufficient");
        }
        return new TransferPreview(email, money.rials(), available - money.rials());
    }

    /**
     * Moves money to another user's wallet; the same request id never moves it twice. An address
     * without an account is refused only after the balance check a registered one would get, and
     * is counted: after {@code assets.wallet.transfer-pause.unknown-recipients} distinct ones within {@code
     * assets.wallet.transfer-pause.window} the sender's
     * transfers pause.
     */
    public long transfer(UUID requestId, String recipientEmail, Long amount, String note) {
        return transfer(() -> requestId, recipientEmail, amount, note);
    }

    /**
     * Like {@link #transfer(UUID, String, Long, String)}, with the request id obtained first thing in the transfer's
     * transaction: an API's {@code Idempotency-Key} claim, which then commits or rolls back with the transfer instead
     * of needing a transaction and a commit of its own.
     */
    public long transfer(Supplier<UUID> requestIdInTransaction, String recipientEmail, Long amount, String note) {
        return transactions.execute(() -> {
            UUID requestId = requestIdInTransaction.get();
            long me = currentUser.requireId();
            var money = Money.positive(amount);
            String email = checkTransfer(me, recipientEmail, note);
            var found = directory.byEmail(email);
            if (found.isEmpty()) {
                if (ledger.balance(ledger.walletOf(me)).available() < money.rials()) {
                    // What the ledger answers a registered address: "too little money" says nothing about it.
                    throw new UserInputException("money.insufficient");
                }
                misses.record(me, email);
                audit.failure("wallet.transfer.refused", "user", me, "no account at the recipient's address");
                throw new UserInputException("transfer.unknownRecipient");
            }
            var recipient = found.get();
            String description = UserText.line(note).isEmpty() ? null : UserText.line(note);
            var wallets = ledger.walletsOf(List.of(me, recipient.id()));
            // The ledger checks the balance itself, after recognising a repeat of this request:
            // checking it here first would refuse a double submit once the first one has posted.
            var result = ledger.post(Posting.move(
                    "transfer:" + requestId,
                    "TRANSFER",
                    description,
                    wallets.get(me),
                    wallets.get(recipient.id()),
                    money.rials()));
            if (!result.replayed()) {
                audit.success(
                        "wallet.transfer",
                        "ledger_transaction",
                        result.transactionId(),
                        money.rials() + " IRR to " + recipient.email());
                events.publishEvent(new TransferMade(me, recipient.id(), money.rials(), result.transactionId()));
            }
            return result.transactionId();
        });
    }

    /** The checks that need no account looked up; returns the recipient's address as stored. */
    private String checkTransfer(long me, String recipientEmail, String note) {
        if (note != null && note.length() > NOTE_MAX) {
            throw new UserInputException("transfer.noteTooLong", NOTE_MAX);
        }
        if (recipientEmail == null || recipientEmail.isBlank()) {
            throw new UserInputException("transfer.recipientRequired");
        }
        String email = UserDirectory.normalizedEmail(recipientEmail);
        if (currentUser.email().map(email::equalsIgnoreCase).orElse(false)) {
            throw new UserInputException("transfer.toSelf");
        }
        if (misses.paused(me)) {
            throw new UserInputException("transfer.paused", misses.pauseHours());
        }
        return email;
    }

    /** Holds the amount on the wallet until staff approve or reject the withdrawal. */
    public long requestWithdrawal(UUID requestId, Long amount) {
        return transactions.execute(() -> {
            var me = currentUser.require();
            var money = Money.positive(amount);
            String key = "withdrawal:" + requestId;
            var existing = ledger.holdByKey(key)
                    .flatMap(h -> jdbc.sql("select id from withdrawals where hold_id = ?")
                            .param(h.id())
                            .query(Long.class)
                            .optional());
            if (existing.isPresent()) {
                return existing.get();
            }
            var hold = ledger.placeHold(ledger.walletOf(me.id()), money.rials(), key, "withdrawal");
            long id = jdbc.sql(
                            "insert into withdrawals (user_id, amount, hold_id, status) values (?, ?, ?, 'PENDING') returning id")
                    .params(me.id(), money.rials(), hold.id())
                    .query(Long.class)
                    .single();
            audit.success("withdrawal.request", "withdrawal", id, money.rials() + " IRR");
            return id;
        });
    }

    @Transactional(readOnly = true)
    public List<Withdrawal> myWithdrawals(int offset, int limit) {
        return withdrawals("where w.user_id = ?", List.of(currentUser.requireId()), offset, limit);
    }

    /** One of the signed-in user's withdrawals; empty for anyone else's. */
    @Transactional(readOnly = true)
    public java.util.Optional<Withdrawal> myWithdrawal(long id) {
        return withdrawals("where w.user_id = ? and w.id = ?", List.of(currentUser.requireId(), id), 0, 1).stream()
                .findFirst();
    }

    @Transactional(readOnly = true)
    public int myWithdrawalCount() {
        return jdbc.sql("select count(*) from withdrawals where user_id = ?")
                .param(currentUser.requireId())
                .query(Integer.class)
                .single();
    }

    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    @Transactional(readOnly = true)
    public List<Withdrawal> pendingWithdrawals(int offset, int limit) {
        return withdrawals("where w.status = 'PENDING'", List.of(), offset, limit);
    }

    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    @Transactional(readOnly = true)
    public int pendingWithdrawalCount() {
        return jdbc.sql("select count(*) from withdrawals where status = 'PENDING'")
                .query(Integer.class)
                .single();
    }

    /**
     * Captures the held amount into the platform's withdrawals account (paid out by the bank outside).
     * Four eyes: whoever asked for the withdrawal never approves it.
     */
    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    public void approveWithdrawal(long withdrawalId) {
        long me = currentUser.requireId();
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
            long holdId = jdbc.sql("select hold_id from withdrawals where id = ?")
                    .param(withdrawalId)
                    .query(Long.class)
                    .single();
            ledger.captureHold(
                    holdId,
                    ledger.systemAccount(AccountKind.WITHDRAWALS),
                    "withdrawal-approve:" + withdrawalId,
                    "WITHDRAWAL",
                    null);
            jdbc.sql("update withdrawals set status = 'APPROVED', decided_by = ?, decided_at = now() where id = ?")
                    .params(currentUser.email().orElse(null), withdrawalId)
                    .update();
            audit.success("withdrawal.approve", "withdrawal", withdrawalId, w.amount() + " IRR for " + w.email());
            events.publishEvent(new WithdrawalDecided(withdrawalId, w.userId(), w.amount(), true, null));
        });
    }

    /** Releases the held amount back to the user, with a reason they can read. */
    @PreAuthorize("hasAuthority('" + Permissions.WITHDRAWAL_APPROVE + "')")
    public void rejectWithdrawal(long withdrawalId, String reason) {
        String why = UserText.reason(reason, REASON_MAX);
        transactions.run(() -> {
            var w = lockWithdrawal(withdrawalId);
            if ("REJECTED".equals(w.status())) {
                return;
            }
            if (!"PENDING".equals(w.status())) {
                throw new UserInputException("withdrawal.notPending");
            }
            long holdId = jdbc.sql("select hold_id from withdrawals where id = ?")
                    .param(withdrawalId)
                    .query(Long.class)
                    .single();
            ledger.releaseHold(holdId);
            jdbc.sql(
                            "update withdrawals set status = 'REJECTED', reason = ?, decided_by = ?, decided_at = now() where id = ?")
                    .params(why, currentUser.email().orElse(null), withdrawalId)
                    .update();
            audit.success(
                    "withdrawal.reject", "withdrawal", withdrawalId, w.amount() + " IRR for " + w.email() + ": " + why);
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

    /** Any user's balance, or empty when there is no such user (the API's staff read). */
    @PreAuthorize("hasAuthority('" + Permissions.WALLET_READ_ANY + "')")
    @Transactional(readOnly = true)
    public Optional<Balance> findBalanceOf(long userId) {
        return ledger.findWalletOf(userId).map(ledger::balance);
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
     * mandatory reason. Four eyes: nobody adjusts their own wallet, and an amount above
     * {@code assets.wallet.adjustment-approval-above} only becomes a request that a second ADMIN
     * decides ({@link #approveAdjustment}); nothing moves until then.
     */
    @PreAuthorize("hasAuthority('" + Permissions.WALLET_ADJUST + "')")
    public Adjustment adjust(UUID requestId, long userId, Long signedAmount, String reason) {
        long me = currentUser.requireId();
        if (userId == me) {
            audit.denied("wallet.adjust", "user", userId, "own wallet: " + signedAmount + " IRR");
            throw new UserInputException("wallets.ownWallet");
        }
        if (signedAmount == null || signedAmount == 0) {
            throw new UserInputException("money.positive");
        }
        String why = UserText.reason(reason, REASON_MAX);
        if (Math.abs(signedAmount) > approvalAbove) {
            return new Adjustment(null, transactions.execute(() -> {
                var owner = directory.byId(userId).orElseThrow(() -> new UserInputException("user.notFound"));
                var created = jdbc.sql("""
                                insert into adjustment_requests (request_key, user_id, amount, reason, requested_by)
                                values (?, ?, ?, ?, ?) on conflict (request_key) do nothing returning id""")
                        .params(requestId.toString(), userId, signedAmount, why, me)
                        .query(Long.class)
                        .optional();
                if (created.isEmpty()) {
                    return jdbc.sql("select id from adjustment_requests where request_key = ?")
                            .param(requestId.toString())
                            .query(Long.class)
                            .single();
                }
                audit.success(
                        "wallet.adjust.request",
                        "adjustment_request",
                        created.get(),
                        signedAmount + " IRR on " + owner.email() + ", waiting for a second ADMIN: " + why);
                return created.get();
            }));
        }
        return new Adjustment(
                transactions.execute(() -> post(userId, signedAmount, why, "adjust:" + requestId, null)), null);
    }

    /** The limit above which an adjustment needs a second ADMIN, in Rials. */
    public long adjustmentApprovalAbove() {
        return approvalAbove;
    }

    @PreAuthorize("hasAuthority('" + Permissions.WALLET_ADJUST + "')")
    @Transactional(readOnly = true)
    public List<AdjustmentRequest> pendingAdjustments(int offset, int limit) {
        return withEmails(jdbc.sql("""
                        select * from adjustment_requests
                        where status = 'PENDING' order by created_at desc, id desc limit ? offset ?""")
                .params(limit, offset)
                .query((rs, n) -> mapAdjustment(rs))
                .list());
    }

    @PreAuthorize("hasAuthority('" + Permissions.WALLET_ADJUST + "')")
    @Transactional(readOnly = true)
    public int pendingAdjustmentCount() {
        return jdbc.sql("select count(*) from adjustment_requests where status = 'PENDING'")
                .query(Integer.class)
                .single();
    }

    /** A second ADMIN posts a waiting adjustment: never its requester, never the wallet's owner. Approving twice posts once. */
    @PreAuthorize("hasAuthority('" + Permissions.WALLET_ADJUST + "')")
    public long approveAdjustment(long requestId) {
        var me = currentUser.require();
        return transactions.execute(() -> {
            var r = lockAdjustment(requestId);
            if ("APPROVED".equals(r.status())) {
                return jdbc.sql("select transaction_id from adjustment_requests where id = ?")
                        .param(requestId)
                        .query(Long.class)
                        .single();
            }
            if (!"PENDING".equals(r.status())) {
                throw new UserInputException("adjustment.notPending");
            }
            if (r.requestedById() == me.id()) {
                audit.denied("wallet.adjust.approve", "adjustment_request", requestId, "own request");
                throw new UserInputException("adjustment.ownRequest");
            }
            if (r.userId() == me.id()) {
                audit.denied("wallet.adjust.approve", "adjustment_request", requestId, "own wallet");
                throw new UserInputException("wallets.ownWallet");
            }
            long transaction = post(r.userId(), r.amount(), r.reason(), "adjust-request:" + requestId, r.requestedBy());
            jdbc.sql("""
                            update adjustment_requests set status = 'APPROVED', transaction_id = ?, decided_by = ?, decided_at = now()
                            where id = ?""").params(transaction, me.email(), requestId).update();
            return transaction;
        });
    }

    /** A second ADMIN turns a waiting adjustment down, with a reason; nothing was posted, nothing is. */
    @PreAuthorize("hasAuthority('" + Permissions.WALLET_ADJUST + "')")
    public void rejectAdjustment(long requestId, String reason) {
        String why = UserText.reason(reason, REASON_MAX);
        var me = currentUser.require();
        transactions.run(() -> {
            var r = lockAdjustment(requestId);
            if ("REJECTED".equals(r.status())) {
                return;
            }
            if (!"PENDING".equals(r.status())) {
                throw new UserInputException("adjustment.notPending");
            }
            jdbc.sql("""
                            update adjustment_requests set status = 'REJECTED', decision_reason = ?, decided_by = ?, decided_at = now()
                            where id = ?""").params(why, me.email(), requestId).update();
            audit.success(
                    "wallet.adjust.reject",
                    "adjustment_request",
                    requestId,
                    r.amount() + " IRR on " + r.email() + " requested by " + r.requestedBy() + ": " + why);
        });
    }

    // ---- internals -------------------------------------------------------------------------------

    private long post(long userId, long signedAmount, String why, String key, String requestedBy) {
        var owner = directory.byId(userId).orElseThrow(() -> new UserInputException("user.notFound"));
        long wallet = ledger.walletOf(userId);
        long adjustments = ledger.systemAccount(AccountKind.ADJUSTMENTS);
        var result = ledger.post(Posting.move(
                key,
                "ADJUSTMENT",
                why,
                signedAmount > 0 ? adjustments : wallet,
                signedAmount > 0 ? wallet : adjustments,
                Math.abs(signedAmount)));
        if (!result.replayed()) {
            audit.success(
                    "wallet.adjust",
                    "ledger_transaction",
                    result.transactionId(),
                    signedAmount + " IRR on " + owner.email()
                            + (requestedBy == null ? "" : ", requested by " + requestedBy) + ": " + why);
        }
        return result.transactionId();
    }

    private AdjustmentRequest lockAdjustment(long id) {
        return jdbc.sql("select * from adjustment_requests where id = ? for update")
                .param(id)
                .query((rs, n) -> mapAdjustment(rs))
                .optional()
                .map(r -> withEmails(List.of(r)).getFirst())
                .orElseThrow(() -> new UserInputException("adjustment.notFound"));
    }

    private static AdjustmentRequest mapAdjustment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AdjustmentRequest(
                rs.getLong("id"),
                rs.getLong("user_id"),
                null,
                rs.getLong("amount"),
                rs.getString("reason"),
                rs.getString("status"),
                rs.getLong("requested_by"),
                null,
                rs.getTimestamp("created_at").toInstant());
    }

    private long myWallet() {
        return ledger.walletOf(currentUser.requireId());
    }

    private Withdrawal lockWithdrawal(long id) {
        return jdbc.sql("select * from withdrawals w where w.id = ? for update")
                .param(id)
                .query((rs, n) -> mapWithdrawal(rs))
                .optional()
                .map(w -> withEmail(List.of(w)).getFirst())
                .orElseThrow(() -> new UserInputException("withdrawal.notFound"));
    }

    private List<Withdrawal> withdrawals(String where, List<Object> params, int offset, int limit) {
        var all = new java.util.ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        return withEmail(jdbc.sql("select * from withdrawals w " + where
                        + " order by w.created_at desc, w.id desc limit ? offset ?")
                .params(all)
                .query((rs, n) -> mapWithdrawal(rs))
                .list());
    }

    /** The withdrawals with their owners' emails, from identity in one lookup. */
    private List<Withdrawal> withEmail(List<Withdrawal> rows) {
        var emails = directory.emails(rows.stream().map(Withdrawal::userId).collect(Collectors.toSet()));
        return rows.stream()
                .map(w -> new Withdrawal(
                        w.id(),
                        w.userId(),
                        emails.get(w.userId()),
                        w.amount(),
                        w.status(),
                        w.reason(),
                        w.createdAt(),
                        w.decidedAt()))
                .toList();
    }

    /** The requests with the owners' and requesters' emails, from identity in one lookup. */
    private List<AdjustmentRequest> withEmails(List<AdjustmentRequest> rows) {
        var ids = new HashSet<Long>();
        rows.forEach(r -> {
            ids.add(r.userId());
            ids.add(r.requestedById());
        });
        var emails = directory.emails(ids);
        return rows.stream()
                .map(r -> new AdjustmentRequest(
                        r.id(),
                        r.userId(),
                        emails.get(r.userId()),
                        r.amount(),
                        r.reason(),
                        r.status(),
                        r.requestedById(),
                        emails.get(r.requestedById()),
                        r.createdAt()))
                .toList();
    }

    private static Withdrawal mapWithdrawal(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Withdrawal(
                rs.getLong("id"),
                rs.getLong("user_id"),
                null,
                rs.getLong("amount"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant());
    }
}
