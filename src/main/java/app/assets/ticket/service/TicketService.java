package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.Money;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.files.FileKind;
import app.assets.base.infra.RetryingTransactions;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.listing.ListingLookup;
import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketEvent.CancelReason;
import app.assets.ticket.TicketPayments;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.domain.TicketAction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lending tickets: a borrower requests, the lender accepts or declines, the price moves from the
 * borrower's wallet into the ticket's escrow, the lender confirms the return and escrow pays the
 * lender minus the platform fee; either side may dispute an active loan and SUPPORT settles it.
 * Every change is one transaction (retried on transient conflicts) that first locks the ticket's
 * row, so double clicks and racing accept/cancel resolve to one outcome; every ledger step has
 * its own idempotency key ("ticket:{id}:hold", ":capture", ":payout", ":settle").
 */
@Service
public class TicketService {

    /** Whose tickets a list shows. ALL needs ticket.read.any. */
    public enum Scope {
        MINE,
        AS_BORROWER,
        AS_LENDER,
        ALL
    }

    /** List filters; a null status means any. */
    public record Filter(Scope scope, TicketStatus status) {}

    /** One line of a ticket's timeline. */
    public record TimelineEntry(Instant at, String actor, String kind, String detail) {}

    /** A message in a ticket's thread, with its attachment if it has one. */
    public record Comment(
            long id,
            long authorUserId,
            String authorName,
            String body,
            Instant createdAt,
            Long attachmentId,
            String attachmentType) {}

    /** A stored attachment, as served. */
    public record Attachment(long id, long ticketId, FileKind kind, byte[] bytes) {}

    private static final String SELECT = """
            select t.*, b.display_name as borrower_name, l.display_name as lender_name
            from tickets t join users b on b.id = t.borrower_user_id join users l on l.id = t.lender_user_id""";

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ListingLookup listings;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TicketProperties properties;
    private final Clock clock;
    private final TicketBookings bookings;
    private final DepositService deposits;

    public TicketService(
            JdbcClient jdbc,
            Ledger ledger,
            ListingLookup listings,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            AuditLog audit,
            ApplicationEventPublisher events,
            TicketProperties properties,
            Clock clock,
            TicketBookings bookings,
            DepositService deposits) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.listings = listings;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.bookings = bookings;
        this.deposits = deposits;
    }

    public int feeBasisPoints() {
        return properties.feeBasisPoints();
    }

    // ---- borrower ------------------------------------------------------------------------------

    /**
     * Asks to borrow a listing for a number of days at a price (by default days x daily price).
     * The request id comes from the form, so a double submit creates one ticket.
     */
    public long request(UUID requestId, long listingId, Integer days, Long price) {
        return transactions.execute(() -> {
            var me = currentUser.require();
            var existing = jdbc.sql("select id from tickets where request_key = ?")
                    .param(requestId.toString())
                    .query(Long.class)
                    .optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            var listing = listings.find(listingId).orElseThrow(() -> new UserInputException("listing.notFound"));
            if (listing.ownerUserId() == me.id()) {
                throw new UserInputException("ticket.ownListing");
            }
            if (!listing.borrowable()) {
                throw new UserInputException("ticket.notBorrowable");
            }
            if (days == null || days < 1 || days > Ticket.DAYS_MAX) {
                throw new UserInputException("ticket.daysRange", Ticket.DAYS_MAX);
            }
            long agreed = price == null
                    ? Math.multiplyExact(listing.dailyPrice(), (long) days)
                    : Money.positive(price).rials();
            if (agreed > Ticket.PRICE_MAX) {
                throw new UserInputException("listing.priceTooHigh");
            }
            long id = jdbc.sql("""
                            insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            requestId.toString(),
                            listing.id(),
                            listing.title(),
                            me.id(),
                            listing.ownerUserId(),
                            days,
                            agreed,
                            now(),
                            now())
                    .query(Long.class)
                    .single();
            record(id, "REQUESTED", days + " days, " + agreed + " IRR");
            audit.success(
                    "ticket.request",
                    "ticket",
                    id,
                    "listing " + listing.id() + ", " + days + " days, " + agreed + " IRR");
            events.publishEvent(
                    new TicketEvent.Requested(id, me.id(), listing.ownerUserId(), listing.id(), days, agreed));
            return id;
        });
    }

    /** The borrower withdraws a pending or accepted (unpaid) ticket; withdrawing twice is harmless. */
    public void withdraw(long ticketId) {
        transactions.run(() -> {
            var t = lockAsParty(ticketId, "ticket.withdraw");
            requireSide(t, Ticket.Side.BORROWER, "ticket.borrowerOnly", "ticket.withdraw");
            if (t.status() == TicketStatus.CANCELLED) {
                return;
            }
            t.status().requireCanBecome(TicketStatus.CANCELLED);
            cancel(t, CancelReason.WITHDRAWN);
        });
    }

    /**
     * The borrower pays an accepted ticket from the wallet: the price is held and captured into
     * escrow, and the ticket becomes active. Paying an active ticket again does nothing.
     */
    public TicketPayments.Outcome pay(long ticketId) {
        return transactions.execute(() -> {
            var t = lockAsParty(ticketId, "ticket.pay");
            requireSide(t, Ticket.Side.BORROWER, "ticket.borrowerOnly", "ticket.pay");
            var outcome = payLocked(t);
            if (outcome == TicketPayments.Outcome.NOT_PAYABLE) {
                t.status().requireCanBecome(TicketStatus.ACTIVE);
            }
            return outcome;
        });
    }

    // ---- lender --------------------------------------------------------------------------------

    /**
     * The lender accepts a pending ticket. When the borrower's wallet covers the price it moves
     * into escrow at once and the ticket is active; otherwise the ticket waits for payment.
     * A dated ticket books its dates in the listing's calendar (refused when they are taken) and
     * declines the pending requests for overlapping dates (DATES_TAKEN). Accepting twice is harmless.
     */
    public void accept(long ticketId) {
        transactions.run(() -> {
            bookings.lockListingOf(ticketId);
            var t = lockAsParty(ticketId, "ticket.accept");
            requireSide(t, Ticket.Side.LENDER, "ticket.lenderOnly", "ticket.accept");
            if (t.status() == TicketStatus.ACCEPTED || t.status() == TicketStatus.ACTIVE) {
                return;
            }
            t.status().requireCanBecome(TicketStatus.ACCEPTED);
            var overlapping = bookings.book(t);
            jdbc.sql("update tickets set status = 'ACCEPTED', accepted_at = ?, updated_at = ? where id = ?")
                    .params(now(), now(), t.id())
                    .update();
            record(t.id(), "ACCEPTED", null);
            audit.success("ticket.accept", "ticket", t.id(), null);
            var accepted = lock(t.id()).orElseThrow();
            boolean paid = payLocked(accepted) == TicketPayments.Outcome.ACTIVATED;
            events.publishEvent(new TicketEvent.Accepted(t.id(), t.borrowerUserId(), t.lenderUserId(), !paid));
            for (long other : overlapping) {
                lock(other)
                        .filter(o -> o.status() == TicketStatus.PENDING)
                        .ifPresent(o -> cancel(o, CancelReason.DATES_TAKEN));
            }
        });
    }

    /** The lender declines a pending ticket. */
    public void decline(long ticketId) {
        decline(ticketId, null);
    }

    /**
     * The lender declines a pending ticket, optionally saying why: the reason is written in the
     * ticket's thread, in the same transaction, so the borrower reads it.
     */
    public void decline(long ticketId, String reason) {
        String why =
                reason == null || UserText.lines(reason).isEmpty() ? null : UserText.reason(reason, Ticket.REASON_MAX);
        transactions.run(() -> {
            var t = lockAsParty(ticketId, "ticket.decline");
            requireSide(t, Ticket.Side.LENDER, "ticket.lenderOnly", "ticket.decline");
            if (t.status() == TicketStatus.CANCELLED && t.cancelReason() == CancelReason.DECLINED) {
                return;
            }
            if (t.status() != TicketStatus.PENDING) {
                throw new UserInputException("ticket.transition.DECLINED", t.status());
            }
            cancel(t, CancelReason.DECLINED);
            if (why != null) {
                comment(t.id(), why, null);
            }
        });
    }

    /**
     * The lender confirms the asset came back: escrow pays the lender the price minus the platform
     * fee, the fee goes to the platform's fee account, and the ticket completes.
     */
    public void confirmReturn(long ticketId) {
        transactions.run(() -> {
            var t = lockAsParty(ticketId, "ticket.complete");
            requireSide(t, Ticket.Side.LENDER, "ticket.lenderOnly", "ticket.complete");
            if (t.status() == TicketStatus.COMPLETED) {
                return;
            }
            if (t.status() != TicketStatus.ACTIVE) {
                throw new UserInputException("ticket.transition.COMPLETED", t.status());
            }
            var split = distribute(t, t.price(), "payout", "TICKET_PAYOUT", "Ticket #" + t.id() + " completed");
            bookings.returned(t.id());
            jdbc.sql("""
                            update tickets set status = 'COMPLETED', ended_at = ?, lender_payout = ?, platform_fee = ?, borrower_refund = 0,
                                   updated_at = ? where id = ?""")
                    .params(now(), split.lender(), split.fee(), now(), t.id())
                    .update();
            record(t.id(), "COMPLETED", "lender " + split.lender() + " IRR, fee " + split.fee() + " IRR");
            audit.success(
                    "ticket.complete",
                    "ticket",
                    t.id(),
                    "lender " + split.lender() + " IRR, fee " + split.fee() + " IRR");
            events.publishEvent(new TicketEvent.Completed(
                    t.id(), t.borrowerUserId(), t.lenderUserId(), split.lender(), split.fee()));
            deposits.awaitDecision(t);
        });
    }

    // ---- either side and SUPPORT ---------------------------------------------------------------

    /** Either side raises a problem with an active loan; the escrow stays put until SUPPORT settles it. */
    public void openDispute(long ticketId, String reason) {
        String why = UserText.reason(reason, Ticket.REASON_MAX);
        transactions.run(() -> {
            var t = lockAsParty(ticketId, "ticket.dispute");
            var me = currentUser.require();
            if (t.status() == TicketStatus.DISPUTED) {
                return;
            }
            t.status().requireCanBecome(TicketStatus.DISPUTED);
            jdbc.sql(
                            "update tickets set status = 'DISPUTED', disputed_at = ?, dispute_reason = ?, updated_at = ? where id = ?")
                    .params(now(), why, now(), t.id())
                    .update();
            record(t.id(), "DISPUTED", why);
            audit.success("ticket.dispute", "ticket", t.id(), why);
            events.publishEvent(new TicketEvent.Disputed(t.id(), t.borrowerUserId(), t.lenderUserId(), me.id(), why));
        });
    }

    /**
     * SUPPORT settles a dispute: {@code lenderShare} of the escrow goes to the lender (minus the
     * platform fee on it) and the rest back to the borrower; 0 refunds all, the price pays all.
     * Four eyes: a staff member who is the ticket's borrower or lender never settles it.
     */
    @PreAuthorize("hasAuthority('" + Permissions.DISPUTE_SETTLE + "')")
    public void settle(long ticketId, Long lenderShare, String note) {
        String why = UserText.reason(note, Ticket.REASON_MAX);
        long me = currentUser.require().id();
        transactions.run(() -> {
            var t = lock(ticketId).orElseThrow(() -> new UserInputException("ticket.notFound"));
            if (t.status() != TicketStatus.DISPUTED) {
                throw new UserInputException("ticket.notDisputed");
            }
            if (t.isParty(me)) {
                audit.denied("ticket.settle", "ticket", t.id(), "a party to the ticket");
                throw new UserInputException("ticket.settleOwn");
            }
            if (lenderShare == null || lenderShare < 0 || lenderShare > t.price()) {
                throw new UserInputException("ticket.shareRange", t.price());
            }
            var split =
                    distribute(t, lenderShare, "settle", "TICKET_SETTLEMENT", "Ticket #" + t.id() + " dispute settled");
            bookings.returned(t.id());
            jdbc.sql("""
                            update tickets set status = 'COMPLETED', ended_at = ?, lender_payout = ?, platform_fee = ?, borrower_refund = ?,
                                   settlement_note = ?, updated_at = ? where id = ?""")
                    .params(now(), split.lender(), split.fee(), split.borrower(), why, now(), t.id())
                    .update();
            String detail = "lender " + split.lender() + " IRR, fee " + split.fee() + " IRR, borrower "
                    + split.borrower() + " IRR: " + why;
            record(t.id(), "SETTLED", detail);
            audit.success("ticket.settle", "ticket", t.id(), detail);
            events.publishEvent(new TicketEvent.Settled(
                    t.id(), t.borrowerUserId(), t.lenderUserId(), split.lender(), split.fee(), split.borrower(), why));
            deposits.awaitDecision(t);
        });
    }

    // ---- reading -------------------------------------------------------------------------------

    /** What other modules may say about a ticket (for messages), without a permission check: callers decide who hears it. */
    @Transactional(readOnly = true)
    public Optional<app.assets.ticket.TicketSummary> summary(long ticketId) {
        return jdbc.sql(SELECT + " where t.id = ?")
                .param(ticketId)
                .query(TicketService::map)
                .optional()
                .map(t -> new app.assets.ticket.TicketSummary(
                        t.id(),
                        t.listingTitle(),
                        t.borrowerName(),
                        t.days(),
                        t.price(),
                        t.dueAt(),
                        bookings.dates(t.id()).orElse(null)));
    }

    /** A ticket if the signed-in user is one of its sides or reads any ticket (ticket.read.any). */
    @Transactional(readOnly = true)
    public Optional<Ticket> find(long ticketId) {
        long me = currentUser.require().id();
        boolean any = currentUser.has(Permissions.TICKET_READ_ANY);
        return jdbc.sql(SELECT + " where t.id = ?")
                .param(ticketId)
                .query(TicketService::map)
                .optional()
                .filter(t -> t.isParty(me) || any);
    }

    /**
     * What the signed-in user may do to this ticket now: its own steps ({@link Ticket#actionsFor}),
     * then its deposit's ({@link app.assets.ticket.domain.Deposit#actionsFor}). The API lists these.
     */
    @Transactional(readOnly = true)
    public List<TicketAction> actions(Ticket t) {
        var side = t.sideOf(currentUser.require().id());
        var all = new ArrayList<>(t.actionsFor(side, currentUser.has(Permissions.DISPUTE_SETTLE)));
        deposits.find(t.id()).ifPresent(d -> all.addAll(d.actionsFor(side, currentUser.has(Permissions.CLAIM_DECIDE))));
        return List.copyOf(all);
    }

    /** The open disputes, oldest first: the queue of those who settle them. */
    @PreAuthorize("hasAuthority('" + Permissions.DISPUTE_SETTLE + "')")
    @Transactional(readOnly = true)
    public List<Ticket> disputes(int offset, int limit) {
        return jdbc.sql(SELECT + " where t.status = 'DISPUTED' order by t.disputed_at, t.id limit ? offset ?")
                .params(limit, offset)
                .query(TicketService::map)
                .list();
    }

    @PreAuthorize("hasAuthority('" + Permissions.DISPUTE_SETTLE + "')")
    @Transactional(readOnly = true)
    public int disputeCount() {
        return jdbc.sql("select count(*) from tickets where status = 'DISPUTED'")
                .query(Integer.class)
                .single();
    }

    @Transactional(readOnly = true)
    public List<Ticket> list(Filter filter, int offset, int limit) {
        var params = new ArrayList<Object>();
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql(SELECT + where + " order by t.created_at desc, t.id desc limit ? offset ?")
                .params(params)
                .query(TicketService::map)
                .list();
    }

    @Transactional(readOnly = true)
    public int count(Filter filter) {
        var params = new ArrayList<Object>();
        return jdbc.sql("select count(*) from tickets t" + where(filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(long ticketId) {
        return find(ticketId)
                .map(t -> jdbc.sql("select at, actor, kind, detail from ticket_events where ticket_id = ? order by id")
                        .param(t.id())
                        .query((rs, n) -> new TimelineEntry(
                                rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                        .list())
                .orElse(List.of());
    }

    /** Whether the signed-in user may read this ticket's thread: its two sides, and SUPPORT once it has been disputed. */
    public boolean canReadThread(Ticket t) {
        long me = currentUser.require().id();
        return t.isParty(me)
                || t.hasBeenDisputed()
                        && (currentUser.has(Permissions.TICKET_READ_ANY)
                                || currentUser.has(Permissions.DISPUTE_SETTLE));
    }

    /** Whether the signed-in user may write in the thread: its two sides, and dispute handlers while it is disputed. */
    public boolean canWriteThread(Ticket t) {
        long me = currentUser.require().id();
        return t.isParty(me) || t.status() == TicketStatus.DISPUTED && currentUser.has(Permissions.DISPUTE_SETTLE);
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(long ticketId) {
        var ticket = find(ticketId).filter(this::canReadThread);
        if (ticket.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select c.id, c.author_user_id, u.display_name, c.body, c.created_at, a.id, a.content_type
                        from ticket_comments c join users u on u.id = c.author_user_id
                        left join ticket_attachments a on a.comment_id = c.id
                        where c.ticket_id = ? order by c.id""")
                .param(ticketId)
                .query((rs, n) -> new Comment(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getObject(6, Long.class),
                        rs.getString(7)))
                .list();
    }

    /**
     * Writes in the thread, optionally with one attachment: a real PNG, JPEG or WebP image or a PDF
     * of at most 5 MB, recognised by its bytes. No file name is taken or kept.
     */
    public long comment(long ticketId, String body, byte[] attachment) {
        String text = UserText.lines(body);
        if (text.length() > Ticket.COMMENT_MAX) {
            throw new UserInputException("ticket.commentTooLong", Ticket.COMMENT_MAX);
        }
        boolean hasFile = attachment != null && attachment.length > 0;
        if (text.isEmpty() && !hasFile) {
            throw new UserInputException("ticket.commentEmpty");
        }
        FileKind kind = hasFile ? checkAttachment(attachment) : null;
        return transactions.execute(() -> {
            var me = currentUser.require();
            var t = lock(ticketId).filter(this::canWriteThread).orElseThrow(() -> {
                audit.denied("ticket.comment", "ticket", ticketId, "not a party");
                return new UserInputException("ticket.notFound");
            });
            long id = jdbc.sql(
                            "insert into ticket_comments (ticket_id, author_user_id, body, created_at) values (?, ?, ?, ?) returning id")
                    .params(t.id(), me.id(), text, now())
                    .query(Long.class)
                    .single();
            if (kind != null) {
                jdbc.sql("""
                                insert into ticket_attachments (comment_id, ticket_id, content_type, bytes, size_bytes, sha256, created_at)
                                values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                id,
                                t.id(),
                                kind.contentType(),
                                attachment,
                                attachment.length,
                                FileKind.sha256(attachment),
                                now())
                        .update();
            }
            audit.success(
                    "ticket.comment",
                    "ticket",
                    t.id(),
                    kind == null ? null : kind.contentType() + ", " + attachment.length + " bytes");
            events.publishEvent(new TicketEvent.Commented(t.id(), t.borrowerUserId(), t.lenderUserId(), me.id(), id));
            return id;
        });
    }

    /** An attachment, only for those who may read its ticket's thread. */
    @Transactional(readOnly = true)
    public Optional<Attachment> attachment(long attachmentId) {
        var row = jdbc.sql("select id, ticket_id, content_type, bytes from ticket_attachments where id = ?")
                .param(attachmentId)
                .query((rs, n) -> new Attachment(
                        rs.getLong(1),
                        rs.getLong(2),
                        FileKind.ofContentType(rs.getString(3)).orElseThrow(),
                        rs.getBytes(4)))
                .optional();
        var allowed =
                row.filter(a -> find(a.ticketId()).filter(this::canReadThread).isPresent());
        if (row.isPresent() && allowed.isEmpty()) {
            audit.denied("ticket.attachment.read", "ticket", row.get().ticketId(), "attachment " + attachmentId);
        }
        return allowed;
    }

    // ---- the system (payment hook and timers) --------------------------------------------------

    /** Pays an accepted ticket from its borrower's wallet if it covers the price; see {@link TicketPayments}. */
    public TicketPayments.Outcome payFromWallet(long ticketId) {
        return transactions.execute(
                () -> lock(ticketId).map(this::payLocked).orElse(TicketPayments.Outcome.NOT_PAYABLE));
    }

    @Transactional(readOnly = true)
    public Optional<TicketPayments.Due> due(long ticketId) {
        return jdbc.sql(SELECT + " where t.id = ?")
                .param(ticketId)
                .query(TicketService::map)
                .optional()
                .filter(t -> t.status() == TicketStatus.ACCEPTED)
                .map(t -> {
                    long available =
                            ledger.balance(ledger.walletOf(t.borrowerUserId())).available();
                    long need = t.price() + deposits.quoted(t.id());
                    return new TicketPayments.Due(t.id(), t.borrowerUserId(), t.price(), Math.max(0, need - available));
                });
    }

    /** What the signed-in borrower still has to top up to pay this ticket (0 when the wallet covers it). */
    @Transactional(readOnly = true)
    public long shortfall(Ticket t) {
        long available = ledger.balance(ledger.walletOf(t.borrowerUserId())).available();
        return Math.max(0, t.price() + deposits.quoted(t.id()) - available);
    }

    /** Expires one pending ticket nobody answered in time; false when none is left. Skips rows another node holds. */
    boolean expireOnePending() {
        return transactions.execute(() -> pickDue(
                        "status = 'PENDING' and created_at <= ?",
                        now().toInstant().minus(properties.pendingTtl()))
                .map(t -> {
                    cancel(t, CancelReason.PENDING_EXPIRED);
                    return true;
                })
                .orElse(false));
    }

    /** Expires one accepted ticket that was not paid in time, releasing any hold. */
    boolean expireOneUnpaid() {
        return transactions.execute(() -> pickDue(
                        "status = 'ACCEPTED' and accepted_at <= ?",
                        now().toInstant().minus(properties.paymentTtl()))
                .map(t -> {
                    cancel(t, CancelReason.PAYMENT_EXPIRED);
                    return true;
                })
                .orElse(false));
    }

    /** Sends (as an event) the due-soon reminder of one active ticket, once. */
    boolean remindOneDueSoon() {
        return transactions.execute(() -> pickDue(
                        "status = 'ACTIVE' and due_soon_sent_at is null and due_at <= ?",
                        now().toInstant().plus(properties.dueSoonBefore()))
                .map(t -> {
                    jdbc.sql("update tickets set due_soon_sent_at = ? where id = ?")
                            .params(now(), t.id())
                            .update();
                    record(t.id(), "DUE_SOON", null);
                    events.publishEvent(
                            new TicketEvent.DueSoon(t.id(), t.borrowerUserId(), t.lenderUserId(), t.dueAt()));
                    return true;
                })
                .orElse(false));
    }

    /** Sends (as an event) the overdue reminder of one active ticket past its end, once. */
    boolean remindOneOverdue() {
        return transactions.execute(() -> pickDue(
                        "status = 'ACTIVE' and overdue_sent_at is null and due_at <= ?", now().toInstant())
                .map(t -> {
                    // An overdue loan needs no due-soon reminder any more.
                    jdbc.sql(
                                    "update tickets set overdue_sent_at = ?, due_soon_sent_at = coalesce(due_soon_sent_at, ?) where id = ?")
                            .params(now(), now(), t.id())
                            .update();
                    record(t.id(), "OVERDUE", null);
                    audit.success("ticket.overdue", "ticket", t.id(), null);
                    events.publishEvent(
                            new TicketEvent.Overdue(t.id(), t.borrowerUserId(), t.lenderUserId(), t.dueAt()));
                    return true;
                })
                .orElse(false));
    }

    // ---- internals -----------------------------------------------------------------------------

    private record Split(long lender, long fee, long borrower) {}

    /** Pays out the whole escrow: {@code lenderShare} to the lender less the fee on it, the rest back to the borrower. */
    private Split distribute(Ticket t, long lenderShare, String step, String type, String description) {
        long fee = Ticket.feeOf(lenderShare, properties.feeBasisPoints());
        var split = new Split(lenderShare - fee, fee, t.price() - lenderShare);
        long escrow = ledger.escrowAccount(escrowReference(t.id()));
        var legs = new ArrayList<Posting.Leg>();
        legs.add(new Posting.Leg(escrow, -t.price()));
        if (split.lender() > 0) {
            legs.add(new Posting.Leg(ledger.walletOf(t.lenderUserId()), split.lender()));
        }
        if (split.fee() > 0) {
            legs.add(new Posting.Leg(ledger.systemAccount(AccountKind.PLATFORM_FEES), split.fee()));
        }
        if (split.borrower() > 0) {
            legs.add(new Posting.Leg(ledger.walletOf(t.borrowerUserId()), split.borrower()));
        }
        ledger.post(new Posting(key(t.id(), step), type, description, legs));
        return split;
    }

    /** Moves the price into escrow if the ticket waits for it and the wallet covers it; the ticket row is locked. */
    private TicketPayments.Outcome payLocked(Ticket t) {
        if (t.status() == TicketStatus.ACTIVE
                || t.status() == TicketStatus.COMPLETED
                || t.status() == TicketStatus.DISPUTED) {
            return t.activatedAt() == null ? TicketPayments.Outcome.NOT_PAYABLE : TicketPayments.Outcome.ALREADY_PAID;
        }
        if (t.status() != TicketStatus.ACCEPTED) {
            return TicketPayments.Outcome.NOT_PAYABLE;
        }
        long wallet = ledger.walletOf(t.borrowerUserId());
        // Checked before holding: a refused hold would mark the whole transaction for rollback.
        if (ledger.balance(wallet).available() < t.price() + deposits.quoted(t.id())) {
            return TicketPayments.Outcome.INSUFFICIENT_FUNDS;
        }
        Hold hold = ledger.placeHold(wallet, t.price(), key(t.id(), "hold"), "ticket " + t.id());
        long escrow = ledger.escrowAccount(escrowReference(t.id()));
        ledger.captureHold(
                hold.id(),
                escrow,
                key(t.id(), "capture"),
                "TICKET_ESCROW",
                "Ticket #" + t.id() + ": " + t.listingTitle());
        Instant activated = clock.instant();
        Instant dueAt = bookings.dueAt(t, activated);
        jdbc.sql("""
                        update tickets set status = 'ACTIVE', hold_id = ?, escrow_account_id = ?, activated_at = ?, due_at = ?, updated_at = ?
                        where id = ?""")
                .params(hold.id(), escrow, Timestamp.from(activated), Timestamp.from(dueAt), now(), t.id())
                .update();
        record(t.id(), "PAID", t.price() + " IRR into escrow");
        deposits.holdOnPayment(t, wallet);
        audit.success("ticket.pay", "ticket", t.id(), t.price() + " IRR into escrow");
        events.publishEvent(new TicketEvent.Activated(t.id(), t.borrowerUserId(), t.lenderUserId(), t.price(), dueAt));
        return TicketPayments.Outcome.ACTIVATED;
    }

    private void cancel(Ticket t, CancelReason reason) {
        if (t.holdId() != null && ledger.hold(t.holdId()).status() == Hold.Status.ACTIVE) {
            ledger.releaseHold(t.holdId());
        }
        bookings.release(t.id());
        jdbc.sql(
                        "update tickets set status = 'CANCELLED', cancel_reason = ?, ended_at = ?, updated_at = ? where id = ?")
                .params(reason.name(), now(), now(), t.id())
                .update();
        record(t.id(), "CANCELLED", reason.name());
        audit.success("ticket.cancel", "ticket", t.id(), reason.name());
        events.publishEvent(new TicketEvent.Cancelled(t.id(), t.borrowerUserId(), t.lenderUserId(), reason));
    }

    private Optional<Ticket> pickDue(String condition, Instant threshold) {
        return jdbc.sql("select id from tickets where " + condition + " order by id limit 1 for update skip locked")
                .param(Timestamp.from(threshold))
                .query(Long.class)
                .optional()
                .flatMap(this::lock);
    }

    private Optional<Ticket> lock(long ticketId) {
        return jdbc.sql(SELECT + " where t.id = ? for update of t")
                .param(ticketId)
                .query(TicketService::map)
                .optional();
    }

    /** Locks a ticket the signed-in user is a side of; to anyone else it does not exist. */
    private Ticket lockAsParty(long ticketId, String action) {
        long me = currentUser.require().id();
        var ticket = lock(ticketId);
        if (ticket.isEmpty() || !ticket.get().isParty(me)) {
            audit.denied(action, "ticket", ticketId, "not a party");
            throw new UserInputException("ticket.notFound");
        }
        return ticket.get();
    }

    private void requireSide(Ticket t, Ticket.Side side, String refusal, String action) {
        if (t.sideOf(currentUser.require().id()) != side) {
            audit.denied(action, "ticket", t.id(), "not the " + side.name().toLowerCase());
            throw new UserInputException(refusal);
        }
    }

    private void record(long ticketId, String kind, String detail) {
        jdbc.sql("insert into ticket_events (ticket_id, at, actor, kind, detail) values (?, ?, ?, ?, ?)")
                .params(ticketId, now(), currentUser.email().orElse("system"), kind, detail)
                .update();
    }

    private String where(Filter filter, List<Object> params) {
        long me = currentUser.require().id();
        var sql = new StringBuilder(" where ");
        switch (filter.scope()) {
            case AS_BORROWER -> {
                sql.append("t.borrower_user_id = ?");
                params.add(me);
            }
            case AS_LENDER -> {
                sql.append("t.lender_user_id = ?");
                params.add(me);
            }
            case ALL -> {
                if (!currentUser.has(Permissions.TICKET_READ_ANY)) {
                    throw new org.springframework.security.access.AccessDeniedException("ticket.read.any");
                }
                sql.append("true");
            }
            case MINE -> {
                sql.append("(t.borrower_user_id = ? or t.lender_user_id = ?)");
                params.add(me);
                params.add(me);
            }
        }
        if (filter.status() != null) {
            sql.append(" and t.status = ?");
            params.add(filter.status().name());
        }
        return sql.toString();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String key(long ticketId, String step) {
        return "ticket:" + ticketId + ":" + step;
    }

    private static String escrowReference(long ticketId) {
        return "ticket:" + ticketId;
    }

    private static FileKind checkAttachment(byte[] bytes) {
        if (bytes.length > Ticket.ATTACHMENT_BYTES_MAX) {
            throw new UserInputException("ticket.attachmentTooLarge", Ticket.ATTACHMENT_BYTES_MAX / (1024 * 1024));
        }
        var kind = FileKind.sniff(bytes).orElseThrow(() -> new UserInputException("ticket.attachmentType"));
        if (!kind.isGenuine(bytes)) {
            throw new UserInputException("ticket.attachmentType");
        }
        return kind;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static Ticket map(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("cancel_reason");
        return new Ticket(
                rs.getLong("id"),
                rs.getLong("listing_id"),
                rs.getString("listing_title"),
                rs.getLong("borrower_user_id"),
                rs.getString("borrower_name"),
                rs.getLong("lender_user_id"),
                rs.getString("lender_name"),
                rs.getInt("days"),
                rs.getLong("price"),
                TicketStatus.valueOf(rs.getString("status")),
                reason == null ? null : CancelReason.valueOf(reason),
                rs.getObject("hold_id", Long.class),
                instant(rs, "created_at"),
                instant(rs, "accepted_at"),
                instant(rs, "activated_at"),
                instant(rs, "due_at"),
                instant(rs, "ended_at"),
                instant(rs, "disputed_at"),
                rs.getString("dispute_reason"),
                rs.getObject("lender_payout", Long.class),
                rs.getObject("platform_fee", Long.class),
                rs.getObject("borrower_refund", Long.class),
                rs.getString("settlement_note"));
    }
}
