package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.domain.Ticket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security deposits and damage claims (docs/deposits.md). The deposit is held on the borrower's
 * wallet when the ticket is paid; after the return the lender releases it or claims part or all of
 * it with evidence from the condition reports; the borrower accepts (the claim is captured for the
 * lender, the rest released) or disputes, and SUPPORT decides. Unanswered steps move on by timer.
 * Every change locks the ticket's row first (as {@link TicketLifecycle} does), then the deposit's, so
 * racing clicks, the timers and SUPPORT end in one outcome; the ledger steps have their own keys
 * ("ticket:{id}:deposit" for the hold, ":deposit:claim" for the capture).
 */
@Service
public class DepositService {

    /** A disputed claim as SUPPORT's queue shows it. */
    public record DisputedClaim(
            long ticketId,
            String listingTitle,
            long borrowerUserId,
            long lenderUserId,
            long deposit,
            long claimAmount,
            String claimText,
            String disputeReason,
            Instant disputedAt) {}

    /** The few facts of a ticket the deposit needs, read from its locked row. */
    private record Parties(
            long id, long borrowerUserId, long lenderUserId, String listingTitle, TicketStatus status, Long holdId) {
        boolean isParty(long userId) {
            return userId == borrowerUserId || userId == lenderUserId;
        }
    }

    private static final String SELECT_DEPOSIT = """
            select d.*, array(select e.report_id from ticket_claim_evidence e where e.ticket_id = d.ticket_id order by e.report_id) as evidence
            from ticket_deposits d""";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final DepositProperties properties;
    private final Clock clock;

    public DepositService(
            JdbcClient jdbc,
            Ledger ledger,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            AuditLog audit,
            ApplicationEventPublisher events,
            DepositProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- hooks of TicketLifecycle, TicketEscrow and TicketDisputes (the ticket's row is locked by the caller)

    /** The deposit quoted on the ticket, 0 when its listing asks none. */
    long quoted(long ticketId) {
        return jdbc.sql("select deposit from tickets where id = ?")
                .param(ticketId)
                .query(Long.class)
                .single();
    }

    /** On payment: holds the quoted deposit on the borrower's wallet (the caller checked it is available). */
    void holdOnPayment(Ticket t, long wallet) {
        long amount = quoted(t.id());
        if (amount <= 0) {
            return;
        }
        Hold hold = ledger.placeHold(wallet, amount, key(t.id(), "deposit"), "ticket " + t.id() + " deposit");
        jdbc.sql("update tickets set deposit_hold_id = ? where id = ?")
                .params(hold.id(), t.id())
                .update();
        jdbc.sql(
                        "insert into ticket_deposits (ticket_id, amount, status, created_at, updated_at) values (?, ?, 'HELD', ?, ?)")
                .params(t.id(), amount, now(), now())
                .update();
        record(t.id(), "DEPOSIT_HELD", amount + " IRR");
        audit.success("deposit.hold", "ticket", t.id(), amount + " IRR held");
        events.publishEvent(
                new TicketEvent.DepositHeld(t.id(), t.borrowerUserId(), t.lenderUserId(), t.listingTitle(), amount));
    }

    /** On the return (or a settled dispute): the lender's decision is due by the deadline. */
    void awaitDecision(Ticket t) {
        int changed = jdbc.sql(
                        "update ticket_deposits set status = 'AWAITING', decide_by = ?, updated_at = ? where ticket_id = ? and status = 'HELD'")
                .params(Timestamp.from(clock.instant().plus(properties.decideWithin())), now(), t.id())
                .update();
        if (changed > 0) {
            record(t.id(), "DEPOSIT_AWAITING", null);
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    /** A ticket's deposit, for its two sides and for staff who read any ticket or decide claims. */
    @Transactional(readOnly = true)
    public Optional<Deposit> find(long ticketId) {
        return parties(ticketId, false).filter(this::mayRead).flatMap(p -> deposit(p.id(), false));
    }

    /** The deposit a ticket's quote names (held on payment), for those who may read the ticket; 0 otherwise. */
    @Transactional(readOnly = true)
    public long quotedDeposit(long ticketId) {
        return parties(ticketId, false)
                .filter(this::mayRead)
                .map(p -> quoted(p.id()))
                .orElse(0L);
    }

    /** The disputed claims SUPPORT decides, oldest first. */
    @PreAuthorize("hasAuthority('" + Permissions.CLAIM_DECIDE + "')")
    @Transactional(readOnly = true)
    public List<DisputedClaim> disputed(int offset, int limit) {
        return jdbc.sql("""
                        select d.ticket_id, t.listing_title, t.borrower_user_id, t.lender_user_id, d.amount, d.claim_amount,
                               d.claim_text, d.dispute_reason, d.disputed_at
                        from ticket_deposits d join tickets t on t.id = d.ticket_id
                        where d.status = 'DISPUTED' order by d.disputed_at, d.ticket_id limit ? offset ?""")
                .params(limit, offset)
                .query((rs, n) -> new DisputedClaim(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    @PreAuthorize("hasAuthority('" + Permissions.CLAIM_DECIDE + "')")
    @Transactional(readOnly = true)
    public int disputedCount() {
        return jdbc.sql("select count(*) from ticket_deposits where status = 'DISPUTED'")
                .query(Integer.class)
                .single();
    }

    // ---- the lender ----------------------------------------------------------------------------

    /** The lender gives the whole deposit back; releasing twice is harmless. */
    public void release(long ticketId) {
        transactions.run(() -> {
            var p = lockAsParty(ticketId, "deposit.release");
            requireLender(p, "deposit.release");
            var d = lockDeposit(p.id());
            if (d.status() == Deposit.Status.RELEASED && d.resolution() == Deposit.Resolution.RELEASED) {
                return;
            }
            if (d.status() != Deposit.Status.AWAITING) {
                throw new UserInputException("deposit.notAwaiting");
            }
            releaseLocked(p, d, Deposit.Resolution.RELEASED);
        });
    }

    /**
     * The lender claims {@code amount} (1 to the deposit) for damage, with a text and evidence: at
     * least one of the ticket's condition reports. Only before the deadline, and only once.
     */
    public void claim(long ticketId, Long amount, String text, Collection<Long> evidence) {
        String why = UserText.lines(text);
        if (why.isEmpty()) {
            throw new UserInputException("deposit.claimTextRequired");
        }
        if (why.length() > Deposit.CLAIM_TEXT_MAX) {
            throw new UserInputException("deposit.claimTextTooLong", Deposit.CLAIM_TEXT_MAX);
        }
        var reports = new TreeSet<>(evidence == null ? List.<Long>of() : evidence);
        if (reports.isEmpty()) {
            throw new UserInputException("deposit.evidenceRequired");
        }
        transactions.run(() -> {
            var p = lockAsParty(ticketId, "deposit.claim");
            requireLender(p, "deposit.claim");
            var d = lockDeposit(p.id());
            if (d.status() != Deposit.Status.AWAITING) {
                throw new UserInputException("deposit.notAwaiting");
            }
            if (!clock.instant().isBefore(d.decideBy())) {
                throw new UserInputException("deposit.deadlinePassed");
            }
            if (amount == null || amount < 1 || amount > d.amount()) {
                throw new UserInputException("deposit.claimRange", d.amount());
            }
            int own = jdbc.sql(
                            "select count(*) from ticket_condition_reports where ticket_id = :ticket and id in (:ids)")
                    .param("ticket", p.id())
                    .param("ids", reports)
                    .query(Integer.class)
                    .single();
            if (own != reports.size()) {
                throw new UserInputException("deposit.evidenceNotOfTicket");
            }
            jdbc.sql("""
                            update ticket_deposits set status = 'CLAIMED', claim_amount = ?, claim_text = ?, claimed_at = ?, answer_by = ?,
                                   updated_at = ? where ticket_id = ?""")
                    .params(
                            amount,
                            why,
                            now(),
                            Timestamp.from(clock.instant().plus(properties.answerWithin())),
                            now(),
                            p.id())
                    .update();
            for (long report : reports) {
                jdbc.sql("insert into ticket_claim_evidence (ticket_id, report_id) values (?, ?)")
                        .params(p.id(), report)
                        .update();
            }
            record(p.id(), "CLAIM_FILED", amount + " IRR");
            audit.success("deposit.claim", "ticket", p.id(), amount + " IRR of " + d.amount() + " IRR: " + why);
            events.publishEvent(
                    new TicketEvent.ClaimFiled(p.id(), p.borrowerUserId(), p.lenderUserId(), p.listingTitle(), amount));
        });
    }

    // ---- the borrower --------------------------------------------------------------------------

    /**
     * The borrower accepts the claim (also after disputing it, until SUPPORT decides): the claimed
     * amount goes to the lender, the rest of the deposit back to the borrower.
     */
    public void accept(long ticketId) {
        transactions.run(() -> {
            var p = lockAsParty(ticketId, "deposit.accept");
            requireBorrower(p, "deposit.accept");
            var d = lockDeposit(p.id());
            if (d.status() == Deposit.Status.SETTLED && d.resolution() == Deposit.Resolution.ACCEPTED) {
                return;
            }
            if (d.status() != Deposit.Status.CLAIMED && d.status() != Deposit.Status.DISPUTED) {
                throw new UserInputException("deposit.noOpenClaim");
            }
            settleLocked(p, d, d.claimAmount(), Deposit.Resolution.ACCEPTED, null);
        });
    }

    /** The borrower disputes the claim with a reason; SUPPORT decides. Disputing twice is harmless. */
    public void dispute(long ticketId, String reason) {
        String why = UserText.reason(reason, Deposit.REASON_MAX);
        transactions.run(() -> {
            var p = lockAsParty(ticketId, "deposit.dispute");
            requireBorrower(p, "deposit.dispute");
            var d = lockDeposit(p.id());
            if (d.status() == Deposit.Status.DISPUTED) {
                return;
            }
            if (d.status() != Deposit.Status.CLAIMED) {
                throw new UserInputException("deposit.noOpenClaim");
            }
            disputeLocked(p, why, "CLAIM_DISPUTED");
        });
    }

    // ---- SUPPORT -------------------------------------------------------------------------------

    /**
     * SUPPORT decides a disputed claim: {@code captured} (0 to the claimed amount) goes to the
     * lender, the rest back to the borrower, with a written reason. Four eyes: a staff member who
     * is the ticket's borrower or lender never decides it.
     */
    @PreAuthorize("hasAuthority('" + Permissions.CLAIM_DECIDE + "')")
    public void decide(long ticketId, Long captured, String reason) {
        String why = UserText.reason(reason, Deposit.REASON_MAX);
        long me = currentUser.require().id();
        transactions.run(() -> {
            var p = parties(ticketId, true).orElseThrow(() -> new UserInputException("ticket.notFound"));
            if (p.isParty(me)) {
                audit.denied("deposit.decide", "ticket", p.id(), "a party to the ticket");
                throw new UserInputException("deposit.decideOwn");
            }
            var d = lockDeposit(p.id());
            if (d.status() != Deposit.Status.DISPUTED) {
                throw new UserInputException("deposit.notDisputed");
            }
            if (captured == null || captured < 0 || captured > d.claimAmount()) {
                throw new UserInputException("deposit.decideRange", d.claimAmount());
            }
            settleLocked(p, d, captured, Deposit.Resolution.DECIDED, why);
        });
    }

    // ---- the timers (one ticket per transaction, rows picked with skip locked) ------------------

    /**
     * Releases one deposit whose lender let the deadline pass without a decision; false when none is
     * left. {@code asOf} is now for the timer.
     */
    public boolean releaseOneUndecided(Instant asOf) {
        return transactions.execute(() -> pick("d.status = 'AWAITING' and d.decide_by <= ?", asOf)
                .map(p -> {
                    var d = lockDeposit(p.id());
                    if (d.status() != Deposit.Status.AWAITING || d.decideBy().isAfter(asOf)) {
                        return true;
                    }
                    releaseLocked(p, d, Deposit.Resolution.AUTO_RELEASED);
                    return true;
                })
                .orElse(false));
    }

    /** Sends one claim its borrower did not answer in time to SUPPORT; false when none is left. */
    public boolean escalateOneUnanswered(Instant asOf) {
        return transactions.execute(() -> pick("d.status = 'CLAIMED' and d.answer_by <= ?", asOf)
                .map(p -> {
                    var d = lockDeposit(p.id());
                    if (d.status() == Deposit.Status.CLAIMED && !d.answerBy().isAfter(asOf)) {
                        disputeLocked(p, null, "CLAIM_ESCALATED");
                    }
                    return true;
                })
                .orElse(false));
    }

    // ---- internals -----------------------------------------------------------------------------

    private void releaseLocked(Parties p, Deposit d, Deposit.Resolution how) {
        ledger.releaseHold(p.holdId());
        jdbc.sql("""
                        update ticket_deposits set status = 'RELEASED', resolution = ?, resolved_at = ?, updated_at = ?
                        where ticket_id = ?""").params(how.name(), now(), now(), p.id()).update();
        boolean automatically = how == Deposit.Resolution.AUTO_RELEASED;
        record(p.id(), "DEPOSIT_RELEASED", automatically ? "automatically" : null);
        audit.success(
                "deposit.release",
                "ticket",
                p.id(),
                d.amount() + " IRR released" + (automatically ? " (deadline)" : ""));
        events.publishEvent(new TicketEvent.DepositReleased(
                p.id(), p.borrowerUserId(), p.lenderUserId(), p.listingTitle(), d.amount(), automatically));
    }

    /** The claim goes to SUPPORT; {@code why} is null when the borrower did not answer in time. */
    private void disputeLocked(Parties p, String why, String kind) {
        jdbc.sql("""
                        update ticket_deposits set status = 'DISPUTED', dispute_reason = ?, disputed_at = ?, updated_at = ?
                        where ticket_id = ?""").params(why, now(), now(), p.id()).update();
        record(p.id(), kind, why);
        audit.success("deposit.dispute", "ticket", p.id(), why == null ? "unanswered in time" : why);
    }

    /** Captures {@code captured} for the lender and releases the rest (all of it when 0). */
    private void settleLocked(Parties p, Deposit d, long captured, Deposit.Resolution how, String why) {
        if (captured > 0) {
            ledger.captureHoldInPart(
                    p.holdId(),
                    captured,
                    ledger.walletOf(p.lenderUserId()),
                    key(p.id(), "deposit:claim"),
                    "DEPOSIT_CLAIM",
                    "Ticket #" + p.id() + ": damage claim on " + p.listingTitle());
        } else {
            ledger.releaseHold(p.holdId());
        }
        jdbc.sql("""
                        update ticket_deposits set status = 'SETTLED', captured_amount = ?, resolution = ?, decided_by_user_id = ?,
                               decision_reason = ?, resolved_at = ?, updated_at = ? where ticket_id = ?""")
                .params(
                        captured,
                        how.name(),
                        how == Deposit.Resolution.DECIDED
                                ? currentUser.require().id()
                                : null,
                        why,
                        now(),
                        now(),
                        p.id())
                .update();
        long released = d.amount() - captured;
        String detail = "lender " + captured + " IRR, borrower " + released + " IRR" + (why == null ? "" : ": " + why);
        record(p.id(), how == Deposit.Resolution.ACCEPTED ? "CLAIM_ACCEPTED" : "CLAIM_DECIDED", detail);
        audit.success(
                how == Deposit.Resolution.ACCEPTED ? "deposit.accept" : "deposit.decide", "ticket", p.id(), detail);
        events.publishEvent(new TicketEvent.ClaimDecided(
                p.id(), p.borrowerUserId(), p.lenderUserId(), p.listingTitle(), captured, released, why));
    }

    private boolean mayRead(Parties p) {
        long me = currentUser.require().id();
        return p.isParty(me)
                || currentUser.has(Permissions.TICKET_READ_ANY)
                || currentUser.has(Permissions.CLAIM_DECIDE);
    }

    private Optional<Parties> parties(long ticketId, boolean lock) {
        return jdbc.sql(
                        "select id, borrower_user_id, lender_user_id, listing_title, status, deposit_hold_id from tickets where id = ?"
                                + (lock ? " for update" : ""))
                .param(ticketId)
                .query((rs, n) -> new Parties(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        TicketStatus.valueOf(rs.getString(5)),
                        rs.getObject(6, Long.class)))
                .optional();
    }

    private Parties lockAsParty(long ticketId, String action) {
        long me = currentUser.require().id();
        var p = parties(ticketId, true);
        if (p.isEmpty() || !p.get().isParty(me)) {
            audit.denied(action, "ticket", ticketId, "not a party");
            throw new UserInputException("ticket.notFound");
        }
        return p.get();
    }

    private void requireLender(Parties p, String action) {
        if (currentUser.require().id() != p.lenderUserId()) {
            audit.denied(action, "ticket", p.id(), "not the lender");
            throw new UserInputException("ticket.lenderOnly");
        }
    }

    private void requireBorrower(Parties p, String action) {
        if (currentUser.require().id() != p.borrowerUserId()) {
            audit.denied(action, "ticket", p.id(), "not the borrower");
            throw new UserInputException("ticket.borrowerOnly");
        }
    }

    private Deposit lockDeposit(long ticketId) {
        return deposit(ticketId, true).orElseThrow(() -> new UserInputException("deposit.none"));
    }

    private Optional<Deposit> deposit(long ticketId, boolean lock) {
        if (lock) {
            jdbc.sql("select ticket_id from ticket_deposits where ticket_id = ? for update")
                    .param(ticketId)
                    .query(Long.class)
                    .optional();
        }
        return jdbc.sql(SELECT_DEPOSIT + " where d.ticket_id = ?")
                .param(ticketId)
                .query(DepositService::map)
                .optional();
    }

    /** Locks the ticket of one due deposit, skipping tickets another node or a user holds now. */
    private Optional<Parties> pick(String condition, Instant asOf) {
        return jdbc.sql("select t.id from tickets t join ticket_deposits d on d.ticket_id = t.id where " + condition
                        + " order by t.id limit 1 for update of t skip locked")
                .param(Timestamp.from(asOf))
                .query(Long.class)
                .optional()
                .flatMap(id -> parties(id, true));
    }

    private void record(long ticketId, String kind, String detail) {
        jdbc.sql("insert into ticket_events (ticket_id, at, actor, kind, detail) values (?, ?, ?, ?, ?)")
                .params(ticketId, now(), currentUser.email().orElse("system"), kind, detail)
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static String key(long ticketId, String step) {
        return "ticket:" + ticketId + ":" + step;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Deposit map(ResultSet rs, int row) throws SQLException {
        String resolution = rs.getString("resolution");
        var evidence = (Long[]) rs.getArray("evidence").getArray();
        return new Deposit(
                rs.getLong("ticket_id"),
                rs.getLong("amount"),
                Deposit.Status.valueOf(rs.getString("status")),
                instant(rs, "decide_by"),
                rs.getObject("claim_amount", Long.class),
                rs.getString("claim_text"),
                instant(rs, "claimed_at"),
                instant(rs, "answer_by"),
                rs.getString("dispute_reason"),
                rs.getObject("captured_amount", Long.class),
                resolution == null ? null : Deposit.Resolution.valueOf(resolution),
                rs.getString("decision_reason"),
                instant(rs, "resolved_at"),
                List.of(evidence));
    }
}
