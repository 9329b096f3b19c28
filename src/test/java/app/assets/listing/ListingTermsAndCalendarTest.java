package app.assets.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.listing.service.ListingService;
import app.assets.listing.service.ListingService.ListingForm;
import app.assets.support.IntegrationTest;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** A listing's location and rental terms as the lender sets them, and the calendar only its owner changes. */
class ListingTermsAndCalendarTest extends IntegrationTest {

    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";
    static final String MODERATOR = "moderator@assets.local";

    @Autowired
    ListingService listings;

    @Autowired
    ListingCalendar calendar;

    @Autowired
    ListingLookup lookup;

    final LocalDate today = LocalDate.now(Formats.ZONE);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static ListingForm form(Integer min, Integer max, Integer lead, Long weekly, Long monthly, Long deposit) {
        return new ListingForm(
                "Sony A7",
                ListingCategory.CAMERA,
                "",
                100_000L,
                " Tehran ",
                "Tajrish",
                "Secret street 7",
                min,
                max,
                lead,
                weekly,
                monthly,
                deposit);
    }

    static String key(Throwable e) {
        return ((UserInputException) e).messageKey();
    }

    @Test
    void theLenderSetsLocationLengthLeadTimeRatesAndDeposit() {
        actAs(LENDER);
        long id = listings.create(form(2, 14, 3, 600_000L, 2_000_000L, 5_000_000L));
        var l = listings.findOwn(id).orElseThrow();
        assertThat(l.city()).isEqualTo("Tehran");
        assertThat(l.area()).isEqualTo("Tajrish");
        assertThat(l.address()).isEqualTo("Secret street 7");
        assertThat(l.terms()).isEqualTo(new RentalTerms(id, 2, 14, 3, 100_000, 600_000L, 2_000_000L, 5_000_000));
        listings.update(id, form(1, 1, 0, null, null, 0L));
        assertThat(listings.findOwn(id).orElseThrow().terms())
                .as("weekly and monthly prices are optional")
                .isEqualTo(new RentalTerms(id, 1, 1, 0, 100_000, null, null, 0));
        assertThat(new ListingForm("Old", ListingCategory.OTHER, "", 1L).maxDays())
                .as("a form without terms gets the defaults")
                .isEqualTo(30);
    }

    @Test
    void rentalTermsOutsideTheRulesAreRefusedWithAClearMessage() {
        actAs(LENDER);
        assertThatThrownBy(() -> listings.create(form(5, 3, 0, null, null, 0L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.maxDaysBelowMin");
        assertThatThrownBy(() -> listings.create(form(0, 3, 0, null, null, 0L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.minDaysRange");
        assertThatThrownBy(() -> listings.create(form(1, 366, 0, null, null, 0L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.maxDaysRange");
        assertThatThrownBy(() -> listings.create(form(1, 3, 91, null, null, 0L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.leadDaysRange");
        assertThatThrownBy(() -> listings.create(form(1, 3, 0, 0L, null, 0L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.weeklyPricePositive");
        assertThatThrownBy(() -> listings.create(form(1, 3, 0, null, -5L, 0L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.monthlyPricePositive");
        assertThatThrownBy(() -> listings.create(form(1, 3, 0, null, null, -1L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.depositNegative");
        assertThatThrownBy(() -> listings.create(new ListingForm(
                        "x", ListingCategory.OTHER, "", 1L, "c".repeat(61), "", "", 1, 3, 0, null, null, 0L)))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.cityTooLong");
    }

    @Test
    void onlyTheOwnerBlocksAndUnblocksAndOthersSeeNoNotes() {
        actAs(LENDER);
        long id = listings.create(form(1, 30, 0, null, null, 0L));
        var week = DateRange.ofDays(today.plusDays(10), today.plusDays(16));
        long entry = calendar.block(id, week, "my holiday");
        assertThat(calendar.isFree(id, week)).isFalse();
        assertThatThrownBy(() -> calendar.block(id, DateRange.ofDays(today.plusDays(16), today.plusDays(17)), ""))
                .as("overlapping the last blocked day")
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("calendar.datesTaken");
        assertThatThrownBy(() -> calendar.block(id, DateRange.ofDays(today.minusDays(2), today), ""))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("calendar.pastDates");
        assertThat(calendar.ranges(id, today, today.plusDays(60)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(ListingCalendar.Kind.BLOCKED);
                    assertThat(e.range()).isEqualTo(new DateRange(today.plusDays(10), today.plusDays(17)));
                    assertThat(e.note()).isEqualTo("my holiday");
                });

        actAs(MODERATOR);
        listings.approve(id);
        actAs(BORROWER);
        assertThatThrownBy(() -> calendar.block(id, DateRange.ofDays(today.plusDays(1), today.plusDays(2)), ""))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.notFound");
        assertThatThrownBy(() -> calendar.unblock(entry))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.notFound");
        assertThatThrownBy(() -> calendar.feedToken(id))
                .extracting(ListingTermsAndCalendarTest::key)
                .isEqualTo("listing.notFound");
        assertThat(calendar.ranges(id, today, today.plusDays(60)))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.note()).as("the note is the owner's").isEmpty());
        assertThat(lookup.terms(id)).isPresent();

        actAs(LENDER);
        calendar.unblock(entry);
        assertThat(calendar.isFree(id, week)).isTrue();
    }

    @Test
    void theFeedTokenIsMadeOnceAndARenewalReplacesIt() {
        actAs(LENDER);
        long id = listings.create(form(1, 30, 0, null, null, 0L));
        String token = calendar.feedToken(id);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(calendar.feedToken(id)).isEqualTo(token);
        String renewed = calendar.renewFeedToken(id);
        assertThat(renewed).isNotEqualTo(token);
        assertThat(calendar.byFeedToken(token)).isEmpty();
        assertThat(calendar.byFeedToken(renewed)).isPresent();
    }
}
