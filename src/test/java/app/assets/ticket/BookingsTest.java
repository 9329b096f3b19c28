package app.assets.ticket;

import static app.assets.ticket.TicketFixtures.ADMIN;
import static app.assets.ticket.TicketFixtures.BORROWER;
import static app.assets.ticket.TicketFixtures.LENDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.listing.DateRange;
import app.assets.listing.ListingCalendar;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import app.assets.ticket.domain.Quote;
import app.assets.ticket.service.Bookings;
import app.assets.ticket.service.TicketLifecycle;
import app.assets.ticket.service.TicketQueries;
import app.assets.ticket.service.TicketTimers;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** Requests by date, the quote they carry, accepting them against the listing's calendar, and the races. */
class BookingsTest extends IntegrationTest {

    @Autowired
    TicketQueries tickets;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    Bookings bookings;

    @Autowired
    TicketTimers timers;

    @Autowired
    ListingCalendar calendar;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountUserDetailsService users;

    @Autowired
    AccountService accounts;

    TicketFixtures f;
    LocalDate today;

    @BeforeEach
    void fixtures() {
        f = new TicketFixtures(jdbc, ledger, users);
        f.drain(BORROWER);
        f.drain(ADMIN);
        today = LocalDate.now(Formats.ZONE);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** An approved listing of the lender's with these rental terms and an exact address. */
    long listing(long daily, Long weekly, Long monthly, long deposit, int minDays, int maxDays, int leadDays) {
        return jdbc.sql("""
                        insert into listings (owner_user_id, title, category, daily_price, moderation, city, area, address,
                                              min_days, max_days, lead_days, weekly_price, monthly_price, deposit)
                        values (?, 'Dated camera', 'CAMERA', ?, 'APPROVED', 'Tehran', 'Tajrish', 'Secret street 7',
                                ?, ?, ?, ?, ?, ?) returning id""")
                .params(f.userId(LENDER), daily, minDays, maxDays, leadDays, weekly, monthly, deposit)
                .query(Long.class)
                .single();
    }

    long listing() {
        return listing(1_000, null, null, 0, 1, 30, 0);
    }

    long request(String borrower, long listing, int fromToday, int days) {
        f.as(borrower);
        try {
            return bookings.request(
                    UUID.randomUUID(), listing, today.plusDays(fromToday), today.plusDays(fromToday + days));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    TicketStatus status(long ticketId) {
        return TicketStatus.valueOf(jdbc.sql("select status from tickets where id = ?")
                .param(ticketId)
                .query(String.class)
                .single());
    }

    String cancelReason(long ticketId) {
        return jdbc.sql("select cancel_reason from tickets where id = ?")
                .param(ticketId)
                .query(String.class)
                .single();
    }

    int booked(long listing) {
        return jdbc.sql("select count(*) from listing_calendar where listing_id = ? and kind = 'BOOKED'")
                .param(listing)
                .query(Integer.class)
                .single();
    }

    long declinedNotices(String email) {
        return jdbc.sql("select count(*) from notifications where user_id = ? and event = 'TICKET_DECLINED'")
                .param(f.userId(email))
                .query(Long.class)
                .single();
    }

    /** Subject and body of the latest "dates taken" email queued for this user, if any. */
    Optional<List<String>> datesTakenMail(String email) {
        return jdbc.sql("""
                        select subject, body from notifications
                        where user_id = ? and event = 'TICKET_DATES_TAKEN' and channel = 'EMAIL'
                        order by id desc limit 1""")
                .param(f.userId(email))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .optional();
    }

    static String key(Throwable e) {
        return e instanceof UserInputException u ? u.messageKey() : e.toString();
    }

    // ---- requests ------------------------------------------------------------------------------

    @Test
    void aRequestByDatesStoresTheQuoteShownBeforeIt() {
        long listing = listing(100, 500L, null, 2_000, 1, 30, 0);
        f.as(BORROWER);
        Quote shown = bookings.quote(listing, today.plusDays(2), today.plusDays(11));
        assertThat(shown.days()).isEqualTo(9);
        assertThat(shown.price()).as("a week at 500 and two days at 100").isEqualTo(700);
        assertThat(shown.rateKind()).isEqualTo(Quote.RateKind.WEEKLY);
        assertThat(shown.total()).isEqualTo(2_700);
        long id = bookings.request(UUID.randomUUID(), listing, today.plusDays(2), today.plusDays(11));
        var row = jdbc.sql("""
                        select start_date, end_date, days, price, rate_kind, quoted_fee, deposit from tickets where id = ?""")
                .param(id)
                .query((rs, n) -> List.of(
                        rs.getObject(1, LocalDate.class),
                        rs.getObject(2, LocalDate.class),
                        rs.getInt(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .single();
        assertThat(row).containsExactly(today.plusDays(2), today.plusDays(11), 9, 700L, "WEEKLY", shown.fee(), 2_000L);
        assertThat(status(id)).isEqualTo(TicketStatus.PENDING);
        var booking = bookings.of(tickets.find(id).orElseThrow()).orElseThrow();
        assertThat(booking.address()).as("no address before the lender accepts").isEmpty();
    }

    @Test
    void requestsOutsideTheListingsRulesAreRefusedWithTheRule() {
        long listing = listing(1_000, null, null, 0, 2, 10, 3);
        f.as(BORROWER);
        assertThatThrownBy(() -> bookings.quote(listing, today.plusDays(5), today.plusDays(6)))
                .extracting(BookingsTest::key)
                .isEqualTo("booking.tooShort");
        assertThatThrownBy(() -> bookings.quote(listing, today.plusDays(5), today.plusDays(16)))
                .extracting(BookingsTest::key)
                .isEqualTo("booking.tooLong");
        assertThatThrownBy(() -> bookings.quote(listing, today.plusDays(2), today.plusDays(5)))
                .as("three days' notice")
                .extracting(BookingsTest::key)
                .isEqualTo("booking.leadTime");
        assertThatThrownBy(() -> bookings.quote(listing, today.minusDays(1), today.plusDays(5)))
                .extracting(BookingsTest::key)
                .isEqualTo("booking.startPast");
        assertThatThrownBy(() -> bookings.quote(listing, today.plusDays(5), today.plusDays(5)))
                .extracting(BookingsTest::key)
                .isEqualTo("booking.endAfterStart");
        assertThatThrownBy(() -> bookings.quote(listing, null, today.plusDays(5)))
                .extracting(BookingsTest::key)
                .isEqualTo("booking.datesRequired");
        assertThat(bookings.quote(listing, today.plusDays(3), today.plusDays(5)).days())
                .as("exactly at the lead time and the minimum")
                .isEqualTo(2);

        f.as(LENDER);
        calendar.block(listing, DateRange.ofDays(today.plusDays(8), today.plusDays(9)), "family trip");
        assertThatThrownBy(() -> bookings.quote(listing, today.plusDays(5), today.plusDays(6)))
                .as("the owner cannot borrow their own listing")
                .extracting(BookingsTest::key)
                .isEqualTo("ticket.ownListing");
        f.as(BORROWER);
        assertThatThrownBy(() -> bookings.request(UUID.randomUUID(), listing, today.plusDays(7), today.plusDays(9)))
                .extracting(BookingsTest::key)
                .isEqualTo("calendar.datesTaken");
        assertThat(bookings.quote(listing, today.plusDays(10), today.plusDays(12))
                        .days())
                .as("the day after the blocked range is free")
                .isEqualTo(2);
        assertThat(bookings.quote(listing, today.plusDays(6), today.plusDays(8)).days())
                .as("a return on the first blocked day is fine: ranges are [start, end)")
                .isEqualTo(2);
    }

    // ---- accepting -----------------------------------------------------------------------------

    @Test
    void acceptingBooksTheDatesDeclinesOverlappingRequestsAndShowsTheAddress() {
        long listing = listing();
        String persian = TestUsers.uniqueEmail("dates-taken-fa");
        new TestUsers(accounts, jdbc).verified(persian);
        jdbc.sql("update users set language = 'fa' where email = ?")
                .param(persian)
                .update();
        long first = request(BORROWER, listing, 2, 5); // days 2..6
        long overlapping = request(ADMIN, listing, 5, 3); // days 5..7
        long overlappingFa = request(persian, listing, 1, 3); // days 1..3
        long later = request(ADMIN, listing, 7, 2); // days 7..8, starts on first's return day
        assertThat(List.of(status(first), status(overlapping), status(overlappingFa), status(later)))
                .as("pending requests may overlap")
                .containsOnly(TicketStatus.PENDING);

        long declinedBefore = declinedNotices(ADMIN);
        f.as(LENDER);
        lifecycle.accept(first);
        assertThat(status(first)).isEqualTo(TicketStatus.ACCEPTED);
        // The borrowers whose dates were taken hear it in their own words, with the dates they asked for.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(datesTakenMail(ADMIN)).isNotEmpty());
        var english = datesTakenMail(ADMIN).orElseThrow();
        assertThat(english.getFirst()).isEqualTo("The dates you asked for Dated camera were taken");
        assertThat(english.getLast())
                .contains("The lender of Dated camera accepted another request for the days you asked for, "
                        + Formats.date(today.plusDays(5), Locale.ENGLISH) + " to "
                        + Formats.date(today.plusDays(7), Locale.ENGLISH) + ", so your request was cancelled.");
        String persianFrom = Formats.date(today.plusDays(1), Languages.PERSIAN);
        String persianTo = Formats.date(today.plusDays(3), Languages.PERSIAN);
        assertThat(persianFrom)
                .as("a Jalali date in Persian digits")
                .matches("[^0-9]*[۰-۹]+[^0-9]*")
                .doesNotContain(String.valueOf(today.plusDays(1).getYear()));
        var persianMail = datesTakenMail(persian).orElseThrow();
        assertThat(persianMail.getFirst()).isEqualTo("تاریخ‌های درخواستی شما برای Dated camera گرفته شد");
        assertThat(persianMail.getLast())
                .contains("امانت‌دهنده Dated camera درخواست دیگری را برای روزهایی که شما خواسته بودید، " + persianFrom
                        + " تا " + persianTo + "، پذیرفت؛ بنابراین درخواست شما لغو شد.");
        assertThat(declinedNotices(ADMIN))
                .as("dates taken is not sent as a plain decline")
                .isEqualTo(declinedBefore);
        assertThat(status(overlapping)).isEqualTo(TicketStatus.CANCELLED);
        assertThat(cancelReason(overlapping)).isEqualTo("DATES_TAKEN");
        assertThat(cancelReason(overlappingFa)).isEqualTo("DATES_TAKEN");
        assertThat(status(later)).as("back to back is no overlap").isEqualTo(TicketStatus.PENDING);
        assertThat(tickets.timeline(overlapping))
                .anySatisfy(e -> assertThat(e.detail()).isEqualTo("DATES_TAKEN"));
        assertThat(booked(listing)).isEqualTo(1);
        assertThat(calendar.isFree(listing, new DateRange(today.plusDays(6), today.plusDays(7))))
                .isFalse();
        assertThatThrownBy(() -> lifecycle.accept(overlapping))
                .as("a declined request cannot be accepted any more")
                .isInstanceOf(UserInputException.class);

        f.as(BORROWER);
        var booking = bookings.of(tickets.find(first).orElseThrow()).orElseThrow();
        assertThat(booking.address())
                .as("the accepted borrower gets the address")
                .contains("Secret street 7");
        f.as(ADMIN);
        assertThat(bookings.of(tickets.find(later).orElseThrow()).orElseThrow().address())
                .as("a pending borrower does not")
                .isEmpty();

        f.as(BORROWER);
        lifecycle.withdraw(first);
        assertThat(booked(listing)).as("a cancelled booking frees its dates").isZero();
        assertThat(ledgerCheck.check().ok()).isTrue();
    }

    @Test
    void acceptingDatesTheLenderBlockedMeanwhileIsRefused() {
        long listing = listing();
        long id = request(BORROWER, listing, 3, 2);
        f.as(LENDER);
        calendar.block(listing, DateRange.ofDays(today.plusDays(4), today.plusDays(4)), "");
        assertThatThrownBy(() -> lifecycle.accept(id))
                .extracting(BookingsTest::key)
                .isEqualTo("calendar.datesTaken");
        assertThat(status(id)).isEqualTo(TicketStatus.PENDING);
    }

    @Test
    void aPaidDatedTicketIsDueAtTheStartOfItsReturnDayAndAnEarlyReturnFreesTheRest() {
        long listing = listing();
        long id = request(BORROWER, listing, 1, 4);
        f.fund(BORROWER, 4_000);
        f.as(LENDER);
        lifecycle.accept(id);
        assertThat(status(id)).isEqualTo(TicketStatus.ACTIVE);
        assertThat(tickets.find(id).orElseThrow().dueAt())
                .isEqualTo(today.plusDays(5).atStartOfDay(Formats.ZONE).toInstant());
        lifecycle.confirmReturn(id);
        assertThat(booked(listing))
                .as("returned before its first day: every booked day is free again")
                .isZero();
        assertThat(ledgerCheck.check().ok()).isTrue();
    }

    @Test
    void anAcceptedTicketNotPaidInTimeExpiresAndFreesItsDates() {
        long listing = listing();
        long id = request(BORROWER, listing, 2, 3);
        f.as(LENDER);
        lifecycle.accept(id);
        SecurityContextHolder.clearContext();
        assertThat(booked(listing)).isEqualTo(1);
        jdbc.sql("update tickets set accepted_at = now() - interval '30 days' where id = ?")
                .param(id)
                .update();
        assertThat(timers.expireUnpaid()).isGreaterThanOrEqualTo(1);
        assertThat(status(id)).isEqualTo(TicketStatus.CANCELLED);
        assertThat(cancelReason(id)).isEqualTo("PAYMENT_EXPIRED");
        assertThat(booked(listing)).isZero();
    }

    @Test
    void aReturnKeepsTheDaysUsedAndFreesTheDaysLeft() {
        long listing = listing();
        long ticket = -System.nanoTime(); // the calendar only keeps the number
        calendar.book(listing, ticket, new DateRange(today.minusDays(3), today.plusDays(4)));
        calendar.returned(ticket, today);
        assertThat(calendar.isFree(listing, new DateRange(today, today.plusDays(4))))
                .isTrue();
        assertThat(calendar.isFree(listing, new DateRange(today.minusDays(3), today)))
                .isFalse();
    }

    // ---- PostgreSQL itself ---------------------------------------------------------------------

    @Test
    void racingAcceptsOfOverlappingRequestsLeaveExactlyOne() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                long listing = listing();
                long a = request(BORROWER, listing, 2, 4);
                long b = request(ADMIN, listing, 4, 4);
                var barrier = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (long id : new long[] {a, b}) {
                    outcomes.add(pool.submit(() -> {
                        f.as(LENDER);
                        try {
                            barrier.await(10, TimeUnit.SECONDS);
                            lifecycle.accept(id);
                            return "accepted";
                        } catch (UserInputException e) {
                            return e.messageKey();
                        } finally {
                            SecurityContextHolder.clearContext();
                        }
                    }));
                }
                var results = new ArrayList<String>();
                for (var o : outcomes) {
                    results.add(o.get(30, TimeUnit.SECONDS));
                }
                var statuses = List.of(status(a), status(b));
                assertThat(statuses)
                        .as("round %d: %s", round, results)
                        .containsExactlyInAnyOrder(TicketStatus.ACCEPTED, TicketStatus.CANCELLED);
                long loser = status(a) == TicketStatus.CANCELLED ? a : b;
                assertThat(cancelReason(loser)).isEqualTo("DATES_TAKEN");
                assertThat(results).contains("accepted");
                assertThat(booked(listing)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBlockRacingAnAcceptLeavesOneOfThem() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                long listing = listing();
                long id = request(BORROWER, listing, 2, 4);
                var barrier = new CyclicBarrier(2);
                Future<String> accept = pool.submit(() -> attempt(barrier, () -> lifecycle.accept(id)));
                Future<String> block = pool.submit(() -> attempt(
                        barrier,
                        () -> calendar.block(listing, DateRange.ofDays(today.plusDays(3), today.plusDays(3)), "")));
                var results = List.of(accept.get(30, TimeUnit.SECONDS), block.get(30, TimeUnit.SECONDS));
                assertThat(results).as("round %d", round).containsOnlyOnce("ok");
                assertThat(results).contains("calendar.datesTaken");
                assertThat(jdbc.sql("select count(*) from listing_calendar where listing_id = ?")
                                .param(listing)
                                .query(Integer.class)
                                .single())
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String attempt(CyclicBarrier barrier, Runnable work) throws Exception {
        f.as(LENDER);
        try {
            barrier.await(10, TimeUnit.SECONDS);
            work.run();
            return "ok";
        } catch (UserInputException e) {
            return e.messageKey();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void theDatabaseRefusesTwoOverlappingAcceptedTicketsWrittenDirectly() {
        long listing = listing();
        long lender = f.userId(LENDER);
        long borrower = f.userId(BORROWER);
        String insert = """
                insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price,
                                     status, start_date, end_date)
                values (?, ?, 'x', ?, ?, 3, 3000, 'ACCEPTED', ?, ?)""";
        jdbc.sql(insert)
                .params(UUID.randomUUID().toString(), listing, borrower, lender, today.plusDays(10), today.plusDays(13))
                .update();
        assertThatThrownBy(() -> jdbc.sql(insert)
                        .params(
                                UUID.randomUUID().toString(),
                                listing,
                                borrower,
                                lender,
                                today.plusDays(12),
                                today.plusDays(15))
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("tickets_booked_dates_do_not_overlap")
                .satisfies(
                        e -> assertThat(ListingCalendar.isExclusionViolation(e)).isTrue());
        // Back to back is allowed: [10, 13) and [13, 15) share no day.
        jdbc.sql(insert)
                .params(UUID.randomUUID().toString(), listing, borrower, lender, today.plusDays(13), today.plusDays(15))
                .update();

        String calendarRow =
                "insert into listing_calendar (listing_id, during, kind) values (?, daterange(?, ?), 'BLOCKED')";
        jdbc.sql(calendarRow)
                .params(listing, today.plusDays(20), today.plusDays(25))
                .update();
        assertThatThrownBy(() -> jdbc.sql(calendarRow)
                        .params(listing, today.plusDays(24), today.plusDays(26))
                        .update())
                .isInstanceOf(DataAccessException.class)
                .satisfies(
                        e -> assertThat(ListingCalendar.isExclusionViolation(e)).isTrue());
    }
}
