package app.assets.review.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.listing.ListingRatings;
import app.assets.review.ReviewPublished;
import app.assets.review.domain.Review;
import app.assets.ticket.TicketParties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review use cases: write a review of the other side of a completed ticket, publish a round
 * when both have written or its window closed, report a published review, and (review.moderate)
 * hide or keep a reported one. Double-blind: nobody but its author reads a review before its round
 * is published. The published item stars live on the listing (ListingRatings); user averages are
 * computed from the visible reviews, so hiding one changes them at once.
 */
@Service
public class ReviewService {

    /** A completed ticket's review round as the signed-in side sees it. */
    public record Round(
            TicketParties.Parties ticket,
            TicketParties.Side mySide,
            String otherName,
            Instant closesAt,
            Instant publishedAt,
            Optional<Review> mine,
            Optional<Review> theirs) {

        public boolean canWrite(Instant now) {
            return ticket.isCompleted()
                    && closesAt != null
                    && mine.isEmpty()
                    && publishedAt == null
                    && now.isBefore(closesAt);
        }

        public long otherUserId() {
            return ticket.otherSide(mySide);
        }
    }

    /** A review the signed-in user may still write. */
    public record ToWrite(long ticketId, String listingTitle, long otherUserId, String otherName, Instant closesAt) {}

    /** A user's averages from their visible reviews; an average is null without reviews. */
    public record Reputation(Double asLender, long lenderReviews, Double asBorrower, long borrowerReviews) {}

    /** What a public profile shows. */
    public record Profile(
            UserDirectory.PublicPerson person,
            TicketParties.CompletedLoans completedLoans,
            Reputation reputation,
            List<Review> recentReviews) {}

    /** A review with open reports, for the moderators' queue. */
    public record Reported(Review review, String subjectName, int reports, String reasons, Instant firstReportedAt) {}

    static final int RECENT_REVIEWS = 10;

    /** When a round's window closes and when it was published (null while double-blind). */
    private record Times(Instant closesAt, Instant publishedAt) {}

    private static final String SELECT = """
            select r.*, rr.published_at from reviews r join review_rounds rr on rr.ticket_id = r.ticket_id""";

    private final JdbcClient jdbc;
    private final TicketParties tickets;
    private final ListingRatings ratings;
    private final UserDirectory directory;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ReviewProperties properties;
    private final Clock clock;

    public ReviewService(
            JdbcClient jdbc,
            TicketParties tickets,
            ListingRatings ratings,
            UserDirectory directory,
            CurrentUser currentUser,
            AuditLog audit,
            ApplicationEventPublisher events,
            ReviewProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.ratings = ratings;
        this.directory = directory;
        this.currentUser = currentUser;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    // ---- the round ----------------------------------------------------------------------------

    /**
     * Opens the review round of a completed ticket (its window starts when the ticket ended). Called
     * when the ticket completes; safe to call again.
     */
    @Transactional
    public void open(TicketParties.Parties ticket) {
        if (!ticket.isCompleted() || ticket.endedAt() == null) {
            return;
        }
        jdbc.sql("""
                        insert into review_rounds (ticket_id, listing_id, borrower_user_id, lender_user_id, completed_at, closes_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (ticket_id) do nothing""")
                .params(
                        ticket.ticketId(),
                        ticket.listingId(),
                        ticket.borrowerUserId(),
                        ticket.lenderUserId(),
                        Timestamp.from(ticket.endedAt()),
                        Timestamp.from(ticket.endedAt().plus(properties.window())))
                .update();
    }

    /** The round of a ticket for one of its two sides; empty for anyone else or an unknown ticket. */
    @Transactional
    public Optional<Round> round(long ticketId) {
        long me = currentUser.require().id();
        var ticket = tickets.find(ticketId).orElse(null);
        if (ticket == null || ticket.sideOf(me).isEmpty()) {
            return Optional.empty();
        }
        var side = ticket.sideOf(me).get();
        open(ticket);
        var times = jdbc.sql("select closes_at, published_at from review_rounds where ticket_id = ?")
                .param(ticketId)
                .query(ReviewService::times)
                .optional();
        var reviews = jdbc.sql(SELECT + " where r.ticket_id = ?")
                .param(ticketId)
                .query(this::review)
                .list();
        reviews = named(reviews);
        var mine = reviews.stream().filter(r -> r.authorUserId() == me).findFirst();
        // Double-blind: the other side's review shows only once the round is published (and while not hidden).
        var theirs = reviews.stream()
                .filter(r -> r.authorUserId() != me && r.isVisible())
                .findFirst();
        String otherName = directory
                .byId(ticket.otherSide(side))
                .map(UserDirectory.Person::displayName)
                .orElse("");
        return Optional.of(new Round(
                ticket,
                side,
                otherName,
                times.map(Times::closesAt).orElse(null),
                times.map(Times::publishedAt).orElse(null),
                mine,
                theirs));
    }

    /**
     * The signed-in side of a completed ticket reviews the other: stars and text, and from the
     * borrower also the item's stars. Once per side; refused after the window closes.
     */
    @Transactional
    public long write(long ticketId, Integer stars, String text, Integer itemStars) {
        long me = currentUser.require().id();
        int rating = requireStars(stars);
        String body = UserText.lines(text);
        if (body.length() > Review.BODY_MAX) {
            throw new UserInputException("review.bodyTooLong", Review.BODY_MAX);
        }
        var ticket = tickets.find(ticketId).orElseThrow(() -> new UserInputException("review.ticketNotFound"));
        var side = ticket.sideOf(me).orElse(null);
        if (side == null) {
            audit.denied("review.write", "ticket", ticketId, "not a party to the ticket");
            throw new UserInputException("review.notParty");
        }
        if (!ticket.isCompleted()) {
            throw new UserInputException("review.notCompleted");
        }
        Integer item = side == TicketParties.Side.BORROWER ? requireStars(itemStars) : null;
        open(ticket);
        // The round's row is the lock both sides take: a second review of the same side waits and is
        // refused below, and the second side to write is the one that publishes both.
        var round = jdbc.sql("select closes_at, published_at from review_rounds where ticket_id = ? for update")
                .param(ticketId)
                .query(ReviewService::times)
                .single();
        if (round.publishedAt() != null || !now().isBefore(round.closesAt())) {
            throw new UserInputException("review.windowClosed");
        }
        boolean written = jdbc.sql("select exists (select 1 from reviews where ticket_id = ? and author_side = ?)")
                .params(ticketId, side.name())
                .query(Boolean.class)
                .single();
        if (written) {
            throw new UserInputException("review.already");
        }
        long id;
        try {
            id = jdbc.sql("""
                            insert into reviews (ticket_id, author_user_id, subject_user_id, author_side, stars, body, item_stars, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            ticketId,
                            me,
                            ticket.otherSide(side),
                            side.name(),
                            rating,
                            body,
                            item,
                            Timestamp.from(now()))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new UserInputException("review.already");
        }
        audit.success("review.write", "review", id, "ticket " + ticketId + ", " + side + ", " + rating + " stars");
        int count = jdbc.sql("select count(*) from reviews where ticket_id = ?")
                .param(ticketId)
                .query(Integer.class)
                .single();
        if (count == 2) {
            publish(ticket);
        }
        return id;
    }

    /**
     * Publishes one round whose window has closed (with whatever was written, possibly nothing), for
     * the scheduled job. Several nodes may run it: the round is claimed with skip locked.
     */
    @Transactional
    public boolean publishOneDue() {
        var ticketId =
                jdbc.sql("""
                        select ticket_id from review_rounds where published_at is null and closes_at <= ?
                        order by closes_at limit 1 for update skip locked""").param(Timestamp.from(now())).query(Long.class).optional();
        if (ticketId.isEmpty()) {
            return false;
        }
        var ticket = tickets.find(ticketId.get()).orElseThrow();
        publish(ticket);
        return true;
    }

    private void publish(TicketParties.Parties ticket) {
        int changed = jdbc.sql("update review_rounds set published_at = ? where ticket_id = ? and published_at is null")
                .params(Timestamp.from(now()), ticket.ticketId())
                .update();
        if (changed == 0) {
            return;
        }
        var reviews = jdbc.sql(SELECT + " where r.ticket_id = ?")
                .param(ticket.ticketId())
                .query(this::review)
                .list();
        var authors = directory.displayNames(
                reviews.stream().map(Review::authorUserId).distinct().toList());
        for (var r : reviews) {
            if (r.hiddenAt() != null) {
                continue;
            }
            if (r.itemStars() != null) {
                ratings.add(ticket.listingId(), r.itemStars());
            }
            events.publishEvent(new ReviewPublished(
                    r.id(),
                    ticket.ticketId(),
                    r.authorUserId(),
                    authors.getOrDefault(r.authorUserId(), ""),
                    r.subjectUserId(),
                    r.stars(),
                    ticket.listingTitle()));
        }
    }

    /** Reviews the signed-in user may still write, soonest-closing first. */
    @Transactional(readOnly = true)
    public List<ToWrite> toWrite() {
        long me = currentUser.require().id();
        record Open(long ticketId, long other, Instant closesAt) {}
        var open = jdbc.sql("""
                        select rr.ticket_id, case when rr.borrower_user_id = ? then rr.lender_user_id else rr.borrower_user_id end as other,
                               rr.closes_at
                        from review_rounds rr
                        where (rr.borrower_user_id = ? or rr.lender_user_id = ?) and rr.published_at is null and rr.closes_at > ?
                          and not exists (select 1 from reviews r where r.ticket_id = rr.ticket_id and r.author_user_id = ?)
                        order by rr.closes_at limit 100""")
                .params(me, me, me, Timestamp.from(now()), me)
                .query((rs, n) -> new Open(rs.getLong("ticket_id"), rs.getLong("other"), instant(rs, "closes_at")))
                .list();
        var titles = tickets.find(open.stream().map(Open::ticketId).toList()).stream()
                .collect(Collectors.toMap(TicketParties.Parties::ticketId, TicketParties.Parties::listingTitle));
        var names = directory.displayNames(open.stream().map(Open::other).collect(Collectors.toSet()));
        return open.stream()
                .map(o -> new ToWrite(
                        o.ticketId(),
                        titles.getOrDefault(o.ticketId(), ""),
                        o.other(),
                        names.getOrDefault(o.other(), ""),
                        o.closesAt()))
                .toList();
    }

    // ---- profiles -----------------------------------------------------------------------------

    /** A user's public profile; any signed-in user may read it (see docs/reviews.md). */
    @Transactional(readOnly = true)
    public Optional<Profile> profile(long userId) {
        currentUser.require();
        return directory.publicPerson(userId).map(person -> {
            var reputation = jdbc.sql("""
                            select (avg(r.stars) filter (where r.author_side = 'BORROWER'))::float8 as as_lender,
                                   count(*) filter (where r.author_side = 'BORROWER') as lender_reviews,
                                   (avg(r.stars) filter (where r.author_side = 'LENDER'))::float8 as as_borrower,
                                   count(*) filter (where r.author_side = 'LENDER') as borrower_reviews
                            from reviews r join review_rounds rr on rr.ticket_id = r.ticket_id
                            where r.subject_user_id = ? and rr.published_at is not null and r.hidden_at is null""")
                    .param(userId)
                    .query((rs, n) -> new Reputation(
                            (Double) rs.getObject("as_lender", Double.class),
                            rs.getLong("lender_reviews"),
                            (Double) rs.getObject("as_borrower", Double.class),
                            rs.getLong("borrower_reviews")))
                    .single();
            return new Profile(
                    person, tickets.completedLoans(userId), reputation, published(userId, 0, RECENT_REVIEWS));
        });
    }

    /**
     * The published, not hidden reviews of a user, newest first: what their profile lists. Any
     * signed-in user may read them, as the profile.
     */
    @Transactional(readOnly = true)
    public List<Review> published(long userId, int offset, int limit) {
        currentUser.require();
        return named(jdbc.sql(SELECT + """
                         where r.subject_user_id = ? and rr.published_at is not null and r.hidden_at is null
                        order by rr.published_at desc, r.id desc limit ? offset ?""")
                .params(userId, limit, offset)
                .query(this::review)
                .list());
    }

    /** How many published, not hidden reviews a user has. */
    @Transactional(readOnly = true)
    public int publishedCount(long userId) {
        currentUser.require();
        return jdbc.sql("""
                        select count(*) from reviews r join review_rounds rr on rr.ticket_id = r.ticket_id
                        where r.subject_user_id = ? and rr.published_at is not null and r.hidden_at is null""").param(userId).query(Integer.class).single();
    }

    // ---- reports and moderation ---------------------------------------------------------------

    /** Any signed-in user but its author reports a published review as abusive, once per review. */
    @Transactional
    public void report(long reviewId, String reason) {
        long me = currentUser.require().id();
        String why = UserText.reason(reason, Review.REASON_MAX);
        var review =
                find(reviewId).filter(Review::isVisible).orElseThrow(() -> new UserInputException("review.notFound"));
        if (review.authorUserId() == me) {
            throw new UserInputException("review.ownReport");
        }
        int added = jdbc.sql("""
                        insert into review_reports (review_id, reporter_user_id, reason, created_at) values (?, ?, ?, ?)
                        on conflict (review_id, reporter_user_id) do nothing""")
                .params(review.id(), me, why, Timestamp.from(now()))
                .update();
        if (added == 0) {
            throw new UserInputException("review.alreadyReported");
        }
        audit.success("review.report", "review", review.id(), why);
    }

    @PreAuthorize("hasAuthority('" + Permissions.REVIEW_MODERATE + "')")
    @Transactional(readOnly = true)
    public List<Reported> reported(int offset, int limit) {
        record Row(long reviewId, int reports, String reasons, Instant first) {}
        var rows = jdbc.sql("""
                        select review_id, count(*) as reports, string_agg(reason, ' · ' order by created_at) as reasons,
                               min(created_at) as first_at
                        from review_reports where resolved_at is null
                        group by review_id order by min(created_at) offset ? limit ?""")
                .params(offset, limit)
                .query((rs, n) -> new Row(
                        rs.getLong("review_id"),
                        rs.getInt("reports"),
                        rs.getString("reasons"),
                        instant(rs, "first_at")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        var reviews = named(jdbc.sql(SELECT + " where r.id = any(?)")
                        .param(rows.stream().map(Row::reviewId).toArray(Long[]::new))
                        .query(this::review)
                        .list())
                .stream()
                .collect(Collectors.toMap(Review::id, Function.identity()));
        var subjects = directory.displayNames(
                reviews.values().stream().map(Review::subjectUserId).collect(Collectors.toSet()));
        return rows.stream()
                .filter(row -> reviews.containsKey(row.reviewId()))
                .map(row -> {
                    var review = reviews.get(row.reviewId());
                    return new Reported(
                            review,
                            subjects.getOrDefault(review.subjectUserId(), ""),
                            row.reports(),
                            row.reasons(),
                            row.first());
                })
                .toList();
    }

    @PreAuthorize("hasAuthority('" + Permissions.REVIEW_MODERATE + "')")
    @Transactional(readOnly = true)
    public int reportedCount() {
        return jdbc.sql("select count(distinct review_id) from review_reports where resolved_at is null")
                .query(Integer.class)
                .single();
    }

    /**
     * A moderator hides an abusive review: it leaves profiles and averages, and its item stars leave
     * the listing's rating. Its open reports are resolved. Audited.
     */
    @PreAuthorize("hasAuthority('" + Permissions.REVIEW_MODERATE + "')")
    @Transactional
    public void hide(long reviewId, String reason) {
        long me = currentUser.require().id();
        String why = UserText.reason(reason, Review.REASON_MAX);
        var review = jdbc.sql(SELECT + " where r.id = ? for update of r")
                .param(reviewId)
                .query(this::review)
                .optional()
                .orElseThrow(() -> new UserInputException("review.notFound"));
        if (review.hiddenAt() != null) {
            return;
        }
        jdbc.sql("update reviews set hidden_at = ?, hidden_by = ?, hidden_reason = ? where id = ?")
                .params(Timestamp.from(now()), me, why, reviewId)
                .update();
        resolveReports(reviewId);
        if (review.publishedAt() != null && review.itemStars() != null) {
            var listingId = jdbc.sql("select listing_id from review_rounds where ticket_id = ?")
                    .param(review.ticketId())
                    .query(Long.class)
                    .single();
            ratings.remove(listingId, review.itemStars());
        }
        audit.success("review.hide", "review", reviewId, why);
    }

    /** A moderator finds nothing wrong: the review stays and its open reports are resolved. Audited. */
    @PreAuthorize("hasAuthority('" + Permissions.REVIEW_MODERATE + "')")
    @Transactional
    public void keep(long reviewId) {
        int resolved = resolveReports(reviewId);
        audit.success("review.keep", "review", reviewId, resolved + " reports resolved");
    }

    private int resolveReports(long reviewId) {
        return jdbc.sql("update review_reports set resolved_at = ? where review_id = ? and resolved_at is null")
                .params(Timestamp.from(now()), reviewId)
                .update();
    }

    private Optional<Review> find(long reviewId) {
        return jdbc.sql(SELECT + " where r.id = ?")
                .param(reviewId)
                .query(this::review)
                .optional();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static int requireStars(Integer stars) {
        if (stars == null || stars < Review.STARS_MIN || stars > Review.STARS_MAX) {
            throw new UserInputException("review.starsRange", Review.STARS_MIN, Review.STARS_MAX);
        }
        return stars;
    }

    /** Fills in the authors' display names with one query. */
    private List<Review> named(List<Review> reviews) {
        var ids = new HashSet<Long>();
        reviews.forEach(r -> ids.add(r.authorUserId()));
        Map<Long, String> names = directory.displayNames(ids);
        return reviews.stream()
                .map(r -> new Review(
                        r.id(),
                        r.ticketId(),
                        r.authorUserId(),
                        names.getOrDefault(r.authorUserId(), ""),
                        r.subjectUserId(),
                        r.authorSide(),
                        r.stars(),
                        r.body(),
                        r.itemStars(),
                        r.createdAt(),
                        r.publishedAt(),
                        r.hiddenAt(),
                        r.hiddenReason()))
                .toList();
    }

    private Review review(ResultSet rs, int n) throws SQLException {
        return new Review(
                rs.getLong("id"),
                rs.getLong("ticket_id"),
                rs.getLong("author_user_id"),
                "",
                rs.getLong("subject_user_id"),
                TicketParties.Side.valueOf(rs.getString("author_side")),
                rs.getInt("stars"),
                rs.getString("body"),
                (Integer) rs.getObject("item_stars", Integer.class),
                instant(rs, "created_at"),
                instant(rs, "published_at"),
                instant(rs, "hidden_at"),
                rs.getString("hidden_reason"));
    }

    private static Times times(ResultSet rs, int n) throws SQLException {
        return new Times(instant(rs, "closes_at"), instant(rs, "published_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
