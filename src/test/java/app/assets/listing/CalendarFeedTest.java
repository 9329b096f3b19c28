package app.assets.listing;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.identity.service.AccountService;
import app.assets.listing.service.ListingService;
import app.assets.listing.service.ListingService.ListingForm;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Locale;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** The lender's iCalendar feed over real HTTP, with no session: the secret URL is the only key. */
class CalendarFeedTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ListingService listings;

    @Autowired
    ListingCalendar calendar;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** A new lender who reads Assets in this language (the feed speaks it). */
    String lender(String language) {
        String email = TestUsers.uniqueEmail("feed-lender-" + language);
        new TestUsers(accounts, jdbc).verified(email);
        jdbc.sql("update users set language = ? where email = ?")
                .params(language, email)
                .update();
        return email;
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFeedListsBookedAndBlockedDaysAsAllDayEventsWithoutPersonalData() throws Exception {
        LocalDate today = LocalDate.now(Formats.ZONE);
        actAs(lender("en"));
        long id = listings.create(new ListingForm("Feed tent", ListingCategory.TENT, "", 10_000L));
        calendar.block(id, DateRange.ofDays(today.plusDays(3), today.plusDays(5)), "private note");
        calendar.book(id, -System.nanoTime(), new DateRange(today.plusDays(10), today.plusDays(12)));
        String token = calendar.feedToken(id);
        SecurityContextHolder.clearContext();

        var response = get("/calendar/" + token + ".ics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/calendar"));
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("no-store").contains("private"));
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
        assertThat(response.body()).doesNotContain("private note");

        var ical = new CalendarBuilder().build(new StringReader(response.body()));
        var events = ical.<VEvent>getComponents("VEVENT");
        assertThat(events).hasSize(2);
        assertThat(events).extracting(e -> e.getSummary().getValue()).containsExactly("Blocked", "Booked");
        assertThat(events.getFirst().getDescription().getValue())
                .isEqualTo("Feed tent is not available from " + Formats.date(today.plusDays(3), Locale.ENGLISH)
                        + " to " + Formats.date(today.plusDays(5), Locale.ENGLISH)
                        + ": you blocked these days on Assets.");
        assertThat(events.getLast().getDescription().getValue())
                .isEqualTo("Feed tent is lent out from " + Formats.date(today.plusDays(10), Locale.ENGLISH) + " to "
                        + Formats.date(today.plusDays(11), Locale.ENGLISH) + " (an accepted request on Assets).");
        var blocked = events.getFirst();
        assertThat(blocked.getStartDate().orElseThrow().getValue())
                .as("an all-day DATE")
                .isEqualTo(today.plusDays(3).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(blocked.getEndDate().orElseThrow().getValue())
                .isEqualTo(today.plusDays(6).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    @Test
    void theFeedSpeaksTheLendersLanguageWithJalaliDatesInPersian() throws Exception {
        LocalDate today = LocalDate.now(Formats.ZONE);
        actAs(lender("fa"));
        long id = listings.create(new ListingForm("چادر فید", ListingCategory.TENT, "", 10_000L));
        calendar.block(id, DateRange.ofDays(today.plusDays(3), today.plusDays(5)), "یادداشت خصوصی");
        calendar.book(id, -System.nanoTime(), new DateRange(today.plusDays(10), today.plusDays(12)));
        String token = calendar.feedToken(id);
        SecurityContextHolder.clearContext();

        var response = get("/calendar/" + token + ".ics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("یادداشت خصوصی");
        var events =
                new CalendarBuilder().build(new StringReader(response.body())).<VEvent>getComponents("VEVENT");
        assertThat(events).extracting(e -> e.getSummary().getValue()).containsExactly("بسته", "رزروشده");
        assertThat(events)
                .extracting(e ->
                        e.getSummary().getParameter("LANGUAGE").orElseThrow().getValue())
                .containsOnly("fa");
        String from = Formats.date(today.plusDays(10), Languages.PERSIAN);
        assertThat(from).as("Jalali, in Persian digits").matches("[^0-9]*[۰-۹][^0-9]*");
        assertThat(events.getLast().getDescription().getValue())
                .isEqualTo("چادر فید از " + from + " تا " + Formats.date(today.plusDays(11), Languages.PERSIAN)
                        + " امانت داده شده است (درخواستی پذیرفته‌شده در Assets).");
        assertThat(events.getFirst().getDescription().getValue())
                .isEqualTo("چادر فید از " + Formats.date(today.plusDays(3), Languages.PERSIAN) + " تا "
                        + Formats.date(today.plusDays(5), Languages.PERSIAN)
                        + " در دسترس نیست: این روزها را خودتان در Assets بسته‌اید.");
        // The dates stay machine dates: all-day DATE values in the Gregorian calendar of iCalendar.
        assertThat(events.getLast().getStartDate().orElseThrow().getValue())
                .isEqualTo(today.plusDays(10).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    @Test
    void aWrongOrReplacedTokenIsNotFound() throws Exception {
        actAs("lender@assets.local");
        long id = listings.create(new ListingForm("Feed drill", ListingCategory.TOOLS, "", 10_000L));
        String old = calendar.feedToken(id);
        String renewed = calendar.renewFeedToken(id);
        SecurityContextHolder.clearContext();
        assertThat(get("/calendar/" + "A".repeat(43) + ".ics").statusCode()).isEqualTo(404);
        assertThat(get("/calendar/" + old + ".ics").statusCode())
                .as("the old URL dies")
                .isEqualTo(404);
        assertThat(get("/calendar/" + renewed + ".ics").statusCode()).isEqualTo(200);
    }
}
