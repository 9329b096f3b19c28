package app.assets.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.listing.ListingSearch.Filter;
import app.assets.listing.ListingSearch.Hit;
import app.assets.listing.ListingSearch.Sort;
import app.assets.listing.service.ListingService;
import app.assets.listing.service.ListingService.ListingForm;
import app.assets.support.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** Search as a borrower uses it: Persian and English text, each filter, each order, pages and hostile input. */
class ListingSearchTest extends IntegrationTest {

    @Autowired
    ListingSearch search;

    @Autowired
    ListingService listings;

    @Autowired
    JdbcClient jdbc;

    /** A word no other test's listing has: each test finds only its own listings by it. */
    String tag;

    @BeforeEach
    void newTag() {
        var letters = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        tag = letters.toString();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aPartOfAPersianWordFindsTheListing() {
        long camera = listing("دوربین عکاسی کانن " + tag, "با دو لنز و کیف");
        listing("چادر کوهنوردی " + tag, "چهار نفره");

        assertThat(ids(tag + " دوربی")).containsExactly(camera);
        assertThat(ids(tag + " وربین")).as("inside a word too").containsExactly(camera);
        assertThat(ids(tag + " عکاس")).containsExactly(camera);
        assertThat(ids("کیف " + tag))
                .as("words of the description, in any order")
                .containsExactly(camera);
    }

    @Test
    void arabicLetterFormsAndPersianDigitsMatchTheirPersianAndLatinForms() {
        // Stored with the Arabic yeh and kaf an Arabic keyboard types; searched with the Persian ones, and back.
        long book = listing("كتاب آموزش عكاسي " + tag, "چاپ ۱۴۰۲، جلد ٣");
        long tent = listing("چادر ۴ نفره " + tag, "مي‌خواهيد؟ وزن ٢ کیلو");

        assertThat(ids(tag + " کتاب عکاسی")).containsExactly(book);
        assertThat(ids(tag + " كتاب")).containsExactly(book);
        assertThat(ids(tag + " 1402")).as("Persian digits stored, Latin typed").containsExactly(book);
        assertThat(ids(tag + " ۳"))
                .as("Arabic-Indic digits stored, Persian typed")
                .containsExactly(book);
        assertThat(ids(tag + " 4 نفره")).containsExactly(tent);
        assertThat(ids(tag + " ۴ نفره")).containsExactly(tent);
        assertThat(ids(tag + " میخواهید")).as("no ZWNJ typed").containsExactly(tent);
        assertThat(ids(tag + " می\u200cخواهید")).as("ZWNJ typed").containsExactly(tent);
        assertThat(ids(tag + " عكّاسي")).as("a diacritic typed").containsExactly(book);
    }

    @Test
    void englishWordsMatchWholeOrInPartInAnyCase() {
        long camera = listing("Canon EOS R6 camera " + tag, "Full frame, two lenses and a bag");
        long drill = listing("Bosch drill " + tag, "Cordless, two batteries");

        assertThat(ids(tag + " CAMERA")).containsExactly(camera);
        assertThat(ids("lenses canon " + tag)).containsExactly(camera);
        assertThat(ids(tag + " cordl")).containsExactly(drill);
        assertThat(ids(tag + " two")).containsExactlyInAnyOrder(camera, drill);
        assertThat(ids(tag + " \"two batteries\"")).as("a quoted phrase").containsExactly(drill);
        assertThat(ids(tag + " nikon")).isEmpty();
    }

    @Test
    void eachFilterNarrowsTheResults() {
        long tehranCamera = listing("Camera " + tag, "", ListingCategory.CAMERA, "تهران", 500_000L);
        long isfahanCamera = listing("Camera " + tag, "", ListingCategory.CAMERA, "اصفهان", 900_000L);
        long tehranTent = listing("Tent " + tag, "", ListingCategory.TENT, "تهران", 200_000L);
        rate(tehranCamera, 2, 9);
        rate(isfahanCamera, 1, 3);

        assertThat(ids(filter().category(ListingCategory.CAMERA)))
                .containsExactlyInAnyOrder(tehranCamera, isfahanCamera);
        assertThat(ids(filter().city("تهران"))).containsExactlyInAnyOrder(tehranCamera, tehranTent);
        assertThat(ids(filter().minPrice(500_000L))).containsExactlyInAnyOrder(tehranCamera, isfahanCamera);
        assertThat(ids(filter().maxPrice(500_000L))).containsExactlyInAnyOrder(tehranCamera, tehranTent);
        assertThat(ids(filter().minPrice(300_000L).maxPrice(800_000L))).containsExactly(tehranCamera);
        assertThat(ids(filter().minRating(4))).as("average 4.5").containsExactly(tehranCamera);
        assertThat(ids(filter().minRating(3))).containsExactlyInAnyOrder(tehranCamera, isfahanCamera);
        assertThat(ids(filter().minRating(5))).isEmpty();
        assertThat(ids(filter().city("تهران").category(ListingCategory.CAMERA).minRating(4)))
                .containsExactly(tehranCamera);
        assertThat(search.count(filter().city("تهران").build())).isEqualTo(2);
        assertThat(search.cities()).contains("تهران", "اصفهان");
    }

    @Test
    void aCityMatchesInEveryLetterFormAndIsListedOnce() {
        // One city written three ways: Persian kaf, the Arabic kaf, a trailing space and capitals.
        String karaj = "کرج " + tag;
        long persian = listing("Drone " + tag, "", ListingCategory.OTHER, karaj, 100_000L);
        long persianToo = listing("Drone " + tag, "", ListingCategory.OTHER, karaj, 100_000L);
        long arabic = listing("Drone " + tag, "", ListingCategory.OTHER, "كرج  " + tag.toUpperCase() + " ", 100_000L);
        listing("Drone " + tag, "", ListingCategory.OTHER, "تهران", 100_000L);

        assertThat(ids(filter().city(karaj))).containsExactlyInAnyOrder(persian, persianToo, arabic);
        assertThat(ids(filter().city("كرج " + tag))).containsExactlyInAnyOrder(persian, persianToo, arabic);
        assertThat(search.cities())
                .as("listed once, spelt as most of its listings spell it")
                .contains(karaj)
                .filteredOn(c -> c.toLowerCase().contains(tag))
                .hasSize(1);
        assertThatThrownBy(() -> search.find(filter().city("ش".repeat(61)).build(), 0, 10))
                .hasMessageContaining("listing.cityTooLong");
    }

    @Test
    void theTotalCountsUpToOneThousandAndSaysWhenThereAreMore() {
        var onlyTag = filter().build();
        listing("Lamp " + tag, "");
        assertThat(search.total(onlyTag)).isEqualTo(new ListingSearch.Total(1, false));

        jdbc.sql("""
                        insert into listings (owner_user_id, title, category, daily_price, moderation)
                        select owner_user_id, title, category, daily_price, moderation from listings, generate_series(1, ?)
                        where title = ?""").params(ListingSearch.COUNT_MAX - 1, "Lamp " + tag).update();
        try {
            assertThat(search.total(onlyTag)).isEqualTo(new ListingSearch.Total(ListingSearch.COUNT_MAX, false));
            listing("Lamp " + tag, "");
            assertThat(search.total(onlyTag))
                    .as("1,001 listings: 1,000 and more")
                    .isEqualTo(new ListingSearch.Total(ListingSearch.COUNT_MAX, true));
            assertThat(search.count(onlyTag)).as("count stays exact").isEqualTo(ListingSearch.COUNT_MAX + 1);

            assertThat(search.find(onlyTag, 0, 20)).hasSize(20); // a broad text: its ranking is kept
            jdbc.sql("update listings set availability = 'PAUSED' where title = ? and id in"
                            + " (select id from listings where title = ? limit 1)")
                    .params("Lamp " + tag, "Lamp " + tag)
                    .update();
            assertThat(search.total(onlyTag))
                    .as("1,000+ read from the kept ranking, up to RANKING_TTL old")
                    .isEqualTo(new ListingSearch.Total(ListingSearch.COUNT_MAX, true));
            search.forgetRankings();
            assertThat(search.total(onlyTag))
                    .as("counted afresh once the ranking is gone")
                    .isEqualTo(new ListingSearch.Total(ListingSearch.COUNT_MAX, false));
        } finally {
            jdbc.sql("delete from listings where title = ?")
                    .param("Lamp " + tag)
                    .update();
        }
    }

    @Test
    void blockedAndBookedDaysHideAListingForOverlappingDatesOnly() {
        LocalDate day = LocalDate.now(Formats.ZONE).plusDays(10);
        long blocked = listing("Bike " + tag, "");
        long booked = listing("Bike " + tag, "");
        long free = listing("Bike " + tag, "");
        calendar(blocked, day.plusDays(2), day.plusDays(5), "BLOCKED");
        calendar(booked, day.plusDays(4), day.plusDays(8), "BOOKED");

        assertThat(ids(filter().dates(day, day.plusDays(2))))
                .as("ends the day the block starts")
                .containsExactlyInAnyOrder(blocked, booked, free);
        assertThat(ids(filter().dates(day.plusDays(1), day.plusDays(3)))).containsExactlyInAnyOrder(booked, free);
        assertThat(ids(filter().dates(day.plusDays(4), day.plusDays(5)))).containsExactly(free);
        assertThat(ids(filter().dates(day.plusDays(5), day.plusDays(7)))).containsExactlyInAnyOrder(blocked, free);
        assertThat(ids(filter().dates(day.plusDays(8), day.plusDays(9))))
                .containsExactlyInAnyOrder(blocked, booked, free);
    }

    @Test
    void daysFreedOrMovedInTheCalendarCountAtOnce() {
        LocalDate day = LocalDate.now(Formats.ZONE).plusDays(20);
        long bike = listing("Bike " + tag, "");
        calendar(bike, day, day.plusDays(4), "BLOCKED");
        assertThat(ids(filter().dates(day.plusDays(2), day.plusDays(3)))).isEmpty();

        jdbc.sql("update listing_calendar set during = daterange(?, ?, '[)') where listing_id = ?")
                .params(day, day.plusDays(1), bike)
                .update();
        assertThat(ids(filter().dates(day.plusDays(2), day.plusDays(3))))
                .as("the block shortened to its first day")
                .containsExactly(bike);
        assertThat(ids(filter().dates(day, day.plusDays(1)))).isEmpty();

        jdbc.sql("delete from listing_calendar where listing_id = ?")
                .param(bike)
                .update();
        assertThat(ids(filter().dates(day, day.plusDays(1)))).containsExactly(bike);
    }

    @Test
    void datesOutsideTheRentalLengthDoNotMatchAndBadDatesAreRefused() {
        LocalDate day = LocalDate.now(Formats.ZONE).plusDays(3);
        long weekly = listing("Lens " + tag, "");
        jdbc.sql("update listings set min_days = 7, max_days = 14 where id = ?")
                .param(weekly)
                .update();

        assertThat(ids(filter().dates(day, day.plusDays(2)))).isEmpty();
        assertThat(ids(filter().dates(day, day.plusDays(7)))).containsExactly(weekly);
        assertThat(ids(filter().dates(day, day.plusDays(15)))).isEmpty();
        assertThatThrownBy(() -> search.find(filter().dates(day, day).build(), 0, 10))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("search.datesOrder");
        assertThatThrownBy(
                        () -> search.find(filter().dates(day, day.plusDays(400)).build(), 0, 10))
                .hasMessageContaining("search.datesTooLong");
    }

    @Test
    void eachOrderSortsAsNamed() {
        long cheap = listing("Projector " + tag, "a projector", ListingCategory.OTHER, "", 100_000L);
        long dear = listing("Speaker " + tag, "goes well with a projector", ListingCategory.OTHER, "", 900_000L);
        long middle = listing("Screen " + tag, "", ListingCategory.OTHER, "", 400_000L);
        rate(cheap, 1, 3);
        rate(dear, 2, 10);
        rate(middle, 1, 4);

        assertThat(ids(filter().sort(Sort.PRICE_ASC))).containsExactly(cheap, middle, dear);
        assertThat(ids(filter().sort(Sort.PRICE_DESC))).containsExactly(dear, middle, cheap);
        assertThat(ids(filter().sort(Sort.RATING))).containsExactly(dear, middle, cheap);
        assertThat(ids(filter().sort(Sort.NEWEST))).containsExactly(middle, dear, cheap);
        assertThat(ids(filter().text(tag + " projector").sort(Sort.RELEVANCE)))
                .as("a word in the title weighs more than one in the description")
                .containsExactly(cheap, dear);
        assertThat(ids(filter().sort(Sort.RELEVANCE)))
                .as("only the tag: newest first")
                .containsExactly(middle, dear, cheap);
    }

    @Test
    void pagesFollowTheOrderAndTheirSizeIsLimited() {
        long first = listing("Ball " + tag, "", ListingCategory.OTHER, "", 1_000L);
        long second = listing("Ball " + tag, "", ListingCategory.OTHER, "", 2_000L);
        long third = listing("Ball " + tag, "", ListingCategory.OTHER, "", 3_000L);
        var byPrice = filter().sort(Sort.PRICE_ASC).build();

        assertThat(search.find(byPrice, 0, 2)).extracting(Hit::id).containsExactly(first, second);
        assertThat(search.find(byPrice, 2, 2)).extracting(Hit::id).containsExactly(third);
        assertThat(search.count(byPrice)).isEqualTo(3);
        assertThatThrownBy(() -> search.find(byPrice, 0, ListingSearch.PAGE_MAX + 1))
                .hasMessageContaining("search.pageSize");
        assertThatThrownBy(() -> search.find(byPrice, 0, 0)).hasMessageContaining("search.pageSize");
        assertThatThrownBy(() -> search.find(byPrice, -1, 10)).hasMessageContaining("search.tooDeep");
        assertThatThrownBy(() -> search.find(byPrice, ListingSearch.OFFSET_MAX + 1, 10))
                .hasMessageContaining("search.tooDeep");
        assertThatThrownBy(() -> search.find(Filter.any().withText("x".repeat(101)), 0, 10))
                .hasMessageContaining("search.tooLong");
        assertThatThrownBy(() -> search.find(filter().minRating(6).build(), 0, 10))
                .hasMessageContaining("search.rating.range");
    }

    @Test
    void hostileTextIsTakenLiterally() {
        long percent = listing("Tent " + tag + " 100% waterproof", "C:\\ drive_bay 'quoted' & more");
        long plain = listing("Tent " + tag + " 1000 grams", "");

        for (String hostile : List.of(
                "'; drop table listings; --",
                "%",
                "_",
                "\\",
                "a & b | !c",
                "\"unclosed",
                ":* <-> !!",
                "(((",
                "' or 1=1 --",
                "\u0000",
                "ـــ\u200c")) {
            assertThatCode(() -> search.find(Filter.any().withText(hostile), 0, 10))
                    .as(hostile)
                    .doesNotThrowAnyException();
        }
        assertThat(ids(tag + " 100%")).containsExactly(percent);
        assertThat(ids(tag + " 1_0"))
                .as("_ is a character here, not any character")
                .isEmpty();
        assertThat(ids(tag + " drive_bay")).containsExactly(percent);
        assertThat(ids(tag + " c:\\")).containsExactly(percent);
        assertThat(ids(tag + " 'quoted'")).containsExactly(percent);
        assertThat(ids(tag + " -waterproof")).as("websearch syntax: not").containsExactly(plain);
        assertThat(jdbc.sql("select count(*) from listings")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void aBroadTextPagesFromItsRankingInTheSameOrderAsTheQuery() {
        LocalDate day = LocalDate.now(Formats.ZONE).plusDays(30);
        long titleOld = listing("Kite " + tag, "a kite");
        long descriptionOnly = listing("Reel " + tag, "for a kite");
        long titleNew = listing("Kite " + tag, "");
        long booked = listing("Kite " + tag, "kite kite");
        calendar(booked, day, day.plusDays(2), "BOOKED");
        var byRelevance = filter().text(tag + " kite").build();
        var withDates = filter().text(tag + " kite").dates(day, day.plusDays(1)).build();
        var fromQuery = List.of(
                pageIds(byRelevance, 0, 4),
                pageIds(byRelevance, 1, 2),
                pageIds(withDates, 0, 4),
                pageIds(withDates, 1, 1));

        try {
            search.broadFrom(1); // every text of more than one match is broad here
            assertThat(List.of(
                            pageIds(byRelevance, 0, 4),
                            pageIds(byRelevance, 1, 2),
                            pageIds(withDates, 0, 4),
                            pageIds(withDates, 1, 1)))
                    .isEqualTo(fromQuery);
            assertThat(fromQuery.get(0))
                    .containsExactlyInAnyOrder(booked, titleNew, titleOld, descriptionOnly)
                    .endsWith(descriptionOnly);
            assertThat(fromQuery.get(1)).isEqualTo(fromQuery.get(0).subList(1, 3));
            assertThat(fromQuery.get(2)).containsExactlyInAnyOrder(titleNew, titleOld, descriptionOnly);
            assertThat(fromQuery.get(3)).isEqualTo(fromQuery.get(2).subList(1, 2));
        } finally {
            search.broadFrom(ListingSearch.BROAD_MATCHES);
        }
    }

    @Test
    void datesThatLeaveFewOfABroadTextsListingsFreeStillFindTheLastRankedOne() {
        LocalDate day = LocalDate.now(Formats.ZONE).plusDays(40);
        long free = listing("Hut " + tag, ""); // the oldest: last in the ranking
        for (int i = 0; i < 8; i++) {
            calendar(listing("Hut " + tag, ""), day, day.plusDays(2), "BOOKED");
        }
        var withDates = filter().dates(day, day.plusDays(1)).build();
        try {
            search.broadFrom(1);
            assertThat(pageIds(withDates, 0, 1))
                    .as("the walk gives up after six times the page's depth and the query answers")
                    .containsExactly(free);
            assertThat(pageIds(withDates, 0, 5)).containsExactly(free);
        } finally {
            search.broadFrom(ListingSearch.BROAD_MATCHES);
        }
    }

    @Test
    void aBroadTextsRankingDropsAPausedListingAtOnceAndMissesANewOneForAMinuteAtMost() {
        long first = listing("Sled " + tag, "");
        long second = listing("Sled " + tag, "");
        var sleds = filter().build();
        try {
            search.broadFrom(1);
            assertThat(pageIds(sleds, 0, 10)).containsExactly(second, first); // ranking kept

            actAs("lender@assets.local");
            listings.setPaused(second, true);
            long third = listing("Sled " + tag, "");

            assertThat(pageIds(sleds, 0, 10))
                    .as("every row is tested again; the order and who is in it are up to RANKING_TTL old")
                    .containsExactly(first);
            assertThat(search.total(sleds))
                    .as("a total up to 1,000 is always counted afresh")
                    .isEqualTo(new ListingSearch.Total(2, false));
            search.broadFrom(1); // the ranking expired
            assertThat(pageIds(sleds, 0, 10)).containsExactly(third, first);
        } finally {
            search.broadFrom(ListingSearch.BROAD_MATCHES);
        }
    }

    @Test
    void onlyApprovedAvailableListingsAreFound() {
        long shown = listing("Kayak " + tag, "");
        long paused = listing("Kayak " + tag, "");
        actAs("lender@assets.local");
        listings.setPaused(paused, true);
        long pending = listings.create(new ListingForm("Kayak " + tag, ListingCategory.OTHER, "", 10_000L));

        assertThat(ids(tag)).containsExactly(shown).doesNotContain(paused, pending);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private long listing(String title, String description) {
        return listing(title, description, ListingCategory.OTHER, "", 100_000L);
    }

    private long listing(String title, String description, ListingCategory category, String city, long price) {
        actAs("lender@assets.local");
        long id = listings.create(new ListingForm(title, category, description, price));
        actAs("moderator@assets.local");
        listings.approve(id);
        jdbc.sql("update listings set city = ? where id = ?").params(city, id).update();
        actAs("borrower@assets.local");
        return id;
    }

    private void rate(long listing, int count, int sum) {
        jdbc.sql("update listings set rating_count = ?, rating_sum = ? where id = ?")
                .params(count, sum, listing)
                .update();
    }

    private void calendar(long listing, LocalDate from, LocalDate to, String kind) {
        jdbc.sql("""
                        insert into listing_calendar (listing_id, during, kind, ticket_id)
                        values (?, daterange(?, ?, '[)'), ?, ?)""")
                .params(
                        listing,
                        from,
                        to,
                        kind,
                        kind.equals("BOOKED") ? ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50) : null)
                .update();
    }

    private List<Long> ids(String text) {
        return search.find(Filter.any().withText(text), 0, 50).stream()
                .map(Hit::id)
                .toList();
    }

    private List<Long> pageIds(Filter filter, int offset, int limit) {
        return search.find(filter, offset, limit).stream().map(Hit::id).toList();
    }

    private List<Long> ids(Builder filter) {
        return search.find(filter.build(), 0, 50).stream().map(Hit::id).toList();
    }

    private Builder filter() {
        return new Builder().text(tag);
    }

    /** A filter built step by step, for readable tests. */
    private static final class Builder {
        String text;
        ListingCategory category;
        String city;
        Long minPrice;
        Long maxPrice;
        LocalDate from;
        LocalDate to;
        Integer minRating;
        Sort sort = Sort.RELEVANCE;

        Builder text(String value) {
            text = value;
            return this;
        }

        Builder category(ListingCategory value) {
            category = value;
            return this;
        }

        Builder city(String value) {
            city = value;
            return this;
        }

        Builder minPrice(long value) {
            minPrice = value;
            return this;
        }

        Builder maxPrice(long value) {
            maxPrice = value;
            return this;
        }

        Builder dates(LocalDate start, LocalDate end) {
            from = start;
            to = end;
            return this;
        }

        Builder minRating(int value) {
            minRating = value;
            return this;
        }

        Builder sort(Sort value) {
            sort = value;
            return this;
        }

        Filter build() {
            return new Filter(text, category, city, minPrice, maxPrice, from, to, minRating, sort);
        }
    }
}
