package app.assets.ledger;

import app.assets.base.crypto.Digests;
import app.assets.base.error.UserInputException;
import app.assets.identity.UserDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The double-entry ledger: the only way money moves. Posts balanced journal transactions
 * idempotently, places, captures and releases holds, reverses transactions, and reads balances and
 * statements. Every method joins the caller's transaction (use cases wrap it in
 * {@code RetryingTransactions}); accounts are locked in ascending id order so concurrent postings
 * never deadlock, and PostgreSQL enforces the invariants a second time (see V4__ledger.sql).
 * Permission checks belong to the use cases that call this API.
 */
@Service
@Transactional
public class Ledger {

    public static final int DESCRIPTION_MAX = 500;
    public static final int KEY_MAX = 120;

    private final JdbcClient jdbc;

    private final UserDirectory directory;

    public Ledger(JdbcClient jdbc, UserDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    // ---- accounts ----------------------------------------------------------------------------

    /** The wallet account of a user (every user has exactly one, created with the user). */
    @Transactional(readOnly = true)
    public long walletOf(long userId) {
        return findWalletOf(userId).orElseThrow(() -> new IllegalStateException("User " + userId + " has no wallet"));
    }

    /** Ids of the users whose wallet's posted balance is above {@code minimum} (rials), in one query. */
    @Transactional(readOnly = true)
    public List<Long> walletOwnersAbove(long minimum) {
        return jdbc.sql("""
                        select owner_user_id from ledger_accounts
                        where kind = 'USER_WALLET' and posted > ? order by owner_user_id""").param(minimum).query(Long.class).list();
    }

    /** The user's wallet account, or empty when there is no such user (every user has one). */
    @Transactional(readOnly = true)
    public Optional<Long> findWalletOf(long userId) {
        return jdbc.sql("select id from ledger_accounts where kind = 'USER_WALLET' and owner_user_id = ?")
                .param(userId)
                .query(Long.class)
                .optional();
    }

    /** The wallets of several users in one query, by user id; throws when one of them has none. */
    @Transactional(readOnly = true)
    public Map<Long, Long> walletsOf(Collection<Long> userIds) {
        var wallets = new HashMap<Long, Long>();
        jdbc.sql("select owner_user_id, id from ledger_accounts where kind = 'USER_WALLET' and owner_user_id = any(?)")
                .param(userIds.toArray(Long[]::new))
                .query(rs -> {
                    wallets.put(rs.getLong(1), rs.getLong(2));
                });
        for (long userId : userIds) {
            if (!wallets.containsKey(userId)) {
                throw new IllegalStateException("User " + userId + " has no wallet");
            }
        }
        return wallets;
    }

    /** Opens the user's wallet if it does not exist yet; returns its id. */
    public long openWallet(long userId) {
        jdbc.sql("insert into ledger_accounts (kind, owner_user_id) values ('USER_WALLET', ?) on conflict do nothing")
                .param(userId)
                .update();
        return walletOf(userId);
    }

    /** One of the platform's own accounts (gateway clearing, fees, withdrawals, adjustments). */
    @Transactional(readOnly = true)
    public long systemAccount(AccountKind kind) {
        if (!kind.isSystem()) {
            throw new IllegalArgumentException(kind + " is not a system account");
        }
        return jdbc.sql("select id from ledger_accounts where kind = ? and reference = 'system'")
                .param(kind.name())
                .query(Long.class)
                .single();
    }

    /** The escrow account named by a reference (a ticket), opened on first use. */
    public long escrowAccount(String reference) {
        jdbc.sql("insert into ledger_accounts (kind, reference) values ('ESCROW', ?) on conflict do nothing")
                .param(reference)
                .update();
        return jdbc.sql("select id from ledger_accounts where kind = 'ESCROW' and reference = ?")
                .param(reference)
                .query(Long.class)
                .single();
    }

    @Transactional(readOnly = true)
    public Balance balance(long accountId) {
        return jdbc.sql("select id, posted, held from ledger_accounts where id = ?")
                .param(accountId)
                .query((rs, n) -> new Balance(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .optional()
                .orElseThrow(() -> new IllegalArgumentException("No ledger account " + accountId));
    }

    // ---- postings ----------------------------------------------------------------------------

    /**
     * Posts a balanced transaction once. A repeat with the same key and content returns the first
     * result; the same key with other content is refused ({@code ledger.keyConflict}). A debit
     * that would take a wallet or escrow account below zero (holds included) is refused
     * ({@code money.insufficient}) and nothing is written.
     */
    public PostingResult post(Posting posting) {
        validate(posting);
        String hash = contentHash(posting.type(), posting.description(), posting.legs(), null);
        // Look for an earlier posting of this key only once the accounts are locked: a racing
        // duplicate has committed (or rolled back) by the time we hold its locks.
        var accounts = lock(posting.legs().stream().map(Posting.Leg::accountId).toList());
        var earlier = replayOf(posting.idempotencyKey(), hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        for (var leg : posting.legs()) {
            var account = accounts.get(leg.accountId());
            if (leg.amount() < 0 && account.kind().mustStayPositive() && account.available() + leg.amount() < 0) {
                throw new UserInputException("money.insufficient");
            }
        }
        return new PostingResult(write(posting, hash, null), false);
    }

    /** Reverses a transaction with a new one that negates every entry; a transaction is reversed at most once. */
    public PostingResult reverse(long transactionId, String idempotencyKey, String reason) {
        var legs = jdbc.sql("select account_id, amount from ledger_entries where transaction_id = ? order by id")
                .param(transactionId)
                .query((rs, n) -> new Posting.Leg(rs.getLong(1), -rs.getLong(2)))
                .list();
        if (legs.isEmpty()) {
            throw new UserInputException("ledger.noSuchTransaction");
        }
        var posting = new Posting(idempotencyKey, "REVERSAL", reason, legs);
        validate(posting);
        String hash = contentHash(posting.type(), reason, legs, transactionId);
        var accounts = lock(legs.stream().map(Posting.Leg::accountId).toList());
        var earlier = replayOf(idempotencyKey, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (jdbc.sql("select count(*) from ledger_transactions where reverses_id = ?")
                        .param(transactionId)
                        .query(Integer.class)
                        .single()
                > 0) {
            throw new UserInputException("ledger.alreadyReversed");
        }
        for (var leg : legs) {
            var account = accounts.get(leg.accountId());
            if (leg.amount() < 0 && account.kind().mustStayPositive() && account.available() + leg.amount() < 0) {
                throw new UserInputException("money.insufficient");
            }
        }
        return new PostingResult(write(posting, hash, transactionId), false);
    }

    // ---- holds -------------------------------------------------------------------------------

    /** Reserves an amount of an account's available balance; idempotent by key. */
    public Hold placeHold(long accountId, long amount, String idempotencyKey, String purpose) {
        if (amount <= 0) {
            throw new UserInputException("money.positive");
        }
        var existing = holdByKey(idempotencyKey);
        if (existing.isPresent()) {
            var hold = existing.get();
            if (hold.accountId() != accountId || hold.amount() != amount) {
                throw new UserInputException("ledger.keyConflict");
            }
            return hold;
        }
        var account = lock(List.of(accountId)).get(accountId);
        existing = holdByKey(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (account.available() < amount) {
            throw new UserInputException("money.insufficient");
        }
        // The hold's insert trigger adds it to the account's held sum (V36).
        long id = jdbc.sql("""
                        insert into ledger_holds (account_id, amount, status, idempotency_key, purpose)
                        values (?, ?, 'ACTIVE', ?, ?) returning id""")
                .params(accountId, amount, idempotencyKey, StringUtils.truncate(purpose, 200))
                .query(Long.class)
                .single();
        return hold(id);
    }

    /** Moves a held amount into another account as one posted transaction; repeat calls return the first result. */
    public PostingResult captureHold(
            long holdId, long toAccountId, String idempotencyKey, String type, String description) {
        var hold = lockHold(holdId);
        if (hold.status() == Hold.Status.CAPTURED) {
            long captured = jdbc.sql("select capture_transaction_id from ledger_holds where id = ?")
                    .param(holdId)
                    .query(Long.class)
                    .single();
            return new PostingResult(captured, true);
        }
        if (hold.status() != Hold.Status.ACTIVE) {
            throw new UserInputException("ledger.holdNotActive");
        }
        var posting = Posting.move(idempotencyKey, type, description, hold.accountId(), toAccountId, hold.amount());
        validate(posting);
        lock(List.of(hold.accountId(), toAccountId));
        String hash = contentHash(type, description, posting.legs(), null);
        if (replayOf(idempotencyKey, hash).isPresent()) {
            throw new UserInputException("ledger.keyConflict");
        }
        // The hold leaves the account's held sum (its update trigger, V36) before the posting debits that money.
        jdbc.sql(
                        "update ledger_holds set status = 'CAPTURED', captured_amount = amount, resolved_at = now() where id = ?")
                .param(holdId)
                .update();
        long transactionId = write(posting, hash, null);
        jdbc.sql("update ledger_holds set capture_transaction_id = ? where id = ?")
                .params(transactionId, holdId)
                .update();
        return new PostingResult(transactionId, false);
    }

    /**
     * Captures {@code amount} (1 to the hold's amount) of a hold into another account as one posted
     * transaction and gives the rest back to the account's available balance, atomically. A repeat
     * with the same key and amount returns the first result; another key or amount on a captured
     * hold is refused ({@code ledger.keyConflict}), as is a released hold ({@code ledger.holdNotActive}).
     */
    public PostingResult captureHoldInPart(
            long holdId, long amount, long toAccountId, String idempotencyKey, String type, String description) {
        var hold = lockHold(holdId);
        if (hold.status() == Hold.Status.CAPTURED) {
            return jdbc.sql("""
                            select h.capture_transaction_id, h.captured_amount, t.idempotency_key
                            from ledger_holds h join ledger_transactions t on t.id = h.capture_transaction_id where h.id = ?""")
                    .param(holdId)
                    .query((rs, n) -> {
                        if (rs.getLong(2) != amount || !idempotencyKey.equals(rs.getString(3))) {
                            throw new UserInputException("ledger.keyConflict");
                        }
                        return new PostingResult(rs.getLong(1), true);
                    })
                    .single();
        }
        if (hold.status() != Hold.Status.ACTIVE) {
            throw new UserInputException("ledger.holdNotActive");
        }
        if (amount <= 0 || amount > hold.amount()) {
            throw new UserInputException("ledger.captureRange", hold.amount());
        }
        var posting = Posting.move(idempotencyKey, type, description, hold.accountId(), toAccountId, amount);
        validate(posting);
        lock(List.of(hold.accountId(), toAccountId));
        String hash = contentHash(type, description, posting.legs(), null);
        if (replayOf(idempotencyKey, hash).isPresent()) {
            throw new UserInputException("ledger.keyConflict");
        }
        // The whole hold leaves "held" first (its update trigger, V36), so the capture debits money that is
        // available again.
        jdbc.sql("update ledger_holds set status = 'CAPTURED', captured_amount = ?, resolved_at = now() where id = ?")
                .params(amount, holdId)
                .update();
        long transactionId = write(posting, hash, null);
        jdbc.sql("update ledger_holds set capture_transaction_id = ? where id = ?")
                .params(transactionId, holdId)
                .update();
        return new PostingResult(transactionId, false);
    }

    /** Gives a held amount back to the account's available balance; releasing twice is harmless. */
    public Hold releaseHold(long holdId) {
        var hold = lockHold(holdId);
        if (hold.status() == Hold.Status.RELEASED) {
            return hold;
        }
        if (hold.status() != Hold.Status.ACTIVE) {
            throw new UserInputException("ledger.holdNotActive");
        }
        lock(List.of(hold.accountId()));
        // The hold's update trigger gives the amount back to the account's available balance (V36).
        jdbc.sql("update ledger_holds set status = 'RELEASED', resolved_at = now() where id = ?")
                .param(holdId)
                .update();
        return hold(holdId);
    }

    @Transactional(readOnly = true)
    public Hold hold(long holdId) {
        return jdbc.sql("select * from ledger_holds where id = ?")
                .param(holdId)
                .query(Ledger::mapHold)
                .optional()
                .orElseThrow(() -> new UserInputException("ledger.noSuchHold"));
    }

    // ---- statements --------------------------------------------------------------------------

    /** An account's entries, newest first, with the balance after each and the other side's name. */
    @Transactional(readOnly = true)
    public List<StatementLine> statement(long accountId, StatementFilter filter, int offset, int limit) {
        var params = new ArrayList<Object>();
        params.add(accountId);
        String where = statementWhere(filter, params);
        params.add(limit);
        params.add(offset);
        // The other side of each entry: a user's wallet (named through identity below) or a platform account's kind.
        record Row(
                long id,
                long transactionId,
                Timestamp at,
                String type,
                String description,
                long amount,
                long after,
                List<String> others) {}
        var rows = jdbc.sql("""
                        select e.id, e.transaction_id, e.created_at, t.type, t.description, e.amount, e.balance_after,
                               (select array_agg(coalesce(oa.owner_user_id::text, '#' || lower(oa.kind)) order by o.id)
                                  from ledger_entries o
                                  join ledger_accounts oa on oa.id = o.account_id
                                 where o.transaction_id = e.transaction_id and o.account_id <> e.account_id) as others
                        from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
                        where e.account_id = ?""" + where + " order by e.id desc limit ? offset ?")
                .params(params)
                .query((rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getArray(8) == null
                                ? List.of()
                                : List.of((String[]) rs.getArray(8).getArray())))
                .list();
        var emails = directory.emails(rows.stream()
                .flatMap(r -> r.others().stream())
                .filter(other -> !other.startsWith("#"))
                .map(Long::valueOf)
                .collect(Collectors.toSet()));
        return rows.stream()
                .map(r -> new StatementLine(
                        r.id(),
                        r.transactionId(),
                        r.at().toInstant(),
                        r.type(),
                        r.description(),
                        r.others().isEmpty()
                                ? null
                                : r.others().stream()
                                        .map(other -> other.startsWith("#")
                                                ? other.substring(1)
                                                : emails.getOrDefault(Long.valueOf(other), "#" + other))
                                        .collect(Collectors.joining(", ")),
                        r.amount(),
                        r.after()))
                .toList();
    }

    @Transactional(readOnly = true)
    public int statementSize(long accountId, StatementFilter filter) {
        var params = new ArrayList<Object>();
        params.add(accountId);
        String where = statementWhere(filter, params);
        return jdbc.sql("select count(*) from ledger_entries e join ledger_transactions t on t.id = e.transaction_id"
                        + " where e.account_id = ?" + where)
                .params(params)
                .query(Integer.class)
                .single();
    }

    private static String statementWhere(StatementFilter filter, List<Object> params) {
        var sql = new StringBuilder();
        if (filter.from() != null) {
            sql.append(" and e.created_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and e.created_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        if (filter.type() != null && !filter.type().isBlank()) {
            sql.append(" and t.type = ?");
            params.add(filter.type());
        }
        return sql.toString();
    }

    // ---- internals ---------------------------------------------------------------------------

    private record LockedAccount(long id, AccountKind kind, long posted, long held) {
        long available() {
            return posted - held;
        }
    }

    /** Locks the accounts in ascending id order (the one order every posting uses, so none deadlock). */
    private Map<Long, LockedAccount> lock(List<Long> accountIds) {
        var ids = new TreeSet<>(accountIds);
        var locked = new HashMap<Long, LockedAccount>();
        // One statement; PostgreSQL locks the rows as they leave the sort, so in ascending id order.
        jdbc.sql("select id, kind, posted, held from ledger_accounts where id in (:ids) order by id for update")
                .param("ids", ids)
                .query((rs, n) -> locked.put(
                        rs.getLong(1),
                        new LockedAccount(
                                rs.getLong(1), AccountKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4))))
                .list();
        for (long id : ids) {
            if (!locked.containsKey(id)) {
                throw new IllegalArgumentException("No ledger account " + id);
            }
        }
        return locked;
    }

    private Hold lockHold(long holdId) {
        return jdbc.sql("select * from ledger_holds where id = ? for update")
                .param(holdId)
                .query(Ledger::mapHold)
                .optional()
                .orElseThrow(() -> new UserInputException("ledger.noSuchHold"));
    }

    /** The hold placed under this idempotency key, if any. */
    @Transactional(readOnly = true)
    public Optional<Hold> holdByKey(String key) {
        return jdbc.sql("select * from ledger_holds where idempotency_key = ?")
                .param(key)
                .query(Ledger::mapHold)
                .optional();
    }

    private Optional<PostingResult> replayOf(String key, String hash) {
        return jdbc.sql("select id, content_hash from ledger_transactions where idempotency_key = ?")
                .param(key)
                .query((rs, n) -> {
                    if (!hash.equals(rs.getString(2))) {
                        throw new UserInputException("ledger.keyConflict");
                    }
                    return new PostingResult(rs.getLong(1), true);
                })
                .optional();
    }

    private long write(Posting posting, String hash, Long reverses) {
        long transactionId = jdbc.sql("""
                        insert into ledger_transactions (idempotency_key, content_hash, type, description, reverses_id, actor)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        posting.idempotencyKey(),
                        hash,
                        posting.type(),
                        posting.description(),
                        reverses,
                        Actor.current())
                .query(Long.class)
                .single();
        // Entries go in ascending account order too: the entry trigger updates the account row.
        var legs = new ArrayList<>(posting.legs());
        legs.sort(Comparator.comparingLong(Posting.Leg::accountId));
        var values = new StringBuilder();
        var params = new ArrayList<Object>();
        for (var leg : legs) {
            values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, 0)");
            params.add(transactionId);
            params.add(leg.accountId());
            params.add(leg.amount());
        }
        jdbc.sql("insert into ledger_entries (transaction_id, account_id, amount, balance_after) values " + values)
                .params(params)
                .update();
        return transactionId;
    }

    private static void validate(Posting posting) {
        if (posting.idempotencyKey() == null
                || posting.idempotencyKey().isBlank()
                || posting.idempotencyKey().length() > KEY_MAX) {
            throw new IllegalArgumentException("An idempotency key of 1 to " + KEY_MAX + " characters is required");
        }
        if (posting.description() != null && posting.description().length() > DESCRIPTION_MAX) {
            throw new UserInputException("ledger.descriptionTooLong", DESCRIPTION_MAX);
        }
        if (posting.legs().size() < 2) {
            throw new IllegalArgumentException("A posting needs at least two legs");
        }
        long sum = 0;
        var seen = new TreeSet<Long>();
        for (var leg : posting.legs()) {
            if (leg.amount() == 0) {
                throw new UserInputException("money.positive");
            }
            if (!seen.add(leg.accountId())) {
                throw new UserInputException("ledger.sameAccount");
            }
            sum = Math.addExact(sum, leg.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("Legs must sum to zero, not " + sum);
        }
    }

    private static String contentHash(String type, String description, List<Posting.Leg> legs, Long reverses) {
        var sorted = new ArrayList<>(legs);
        sorted.sort(Comparator.comparingLong(Posting.Leg::accountId));
        var text = new StringBuilder(type)
                .append('|')
                .append(description)
                .append('|')
                .append(reverses);
        sorted.forEach(l -> text.append('|').append(l.accountId()).append(':').append(l.amount()));
        return Digests.sha256Hex(text.toString());
    }

    private static Hold mapHold(ResultSet rs, int row) throws SQLException {
        return new Hold(
                rs.getLong("id"),
                rs.getLong("account_id"),
                rs.getLong("amount"),
                Hold.Status.valueOf(rs.getString("status")),
                rs.getString("purpose"),
                rs.getTimestamp("created_at").toInstant());
    }
}
