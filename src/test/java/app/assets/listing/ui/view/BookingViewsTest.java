package app.assets.listing.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.DateField;
import app.assets.listing.ListingCategory;
import app.assets.support.KaribuTest;
import app.assets.ticket.service.TicketLifecycle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rental terms and the calendar on the lender's form; location, terms, quote and address as the borrower sees them. */
class BookingViewsTest extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TicketLifecycle lifecycle;

    final LocalDate today = LocalDate.now(Formats.ZONE);

    @Test
    void theLenderSetsTermsBlocksDaysAndGetsTheFeedAddress() {
        signIn("lender@assets.local");
        navigate("listings/new");
        var form = _get(ListingFormView.class);
        String title = "Kayak " + System.nanoTime();
        _setValue(form.title, title);
        form.category.setValue(ListingCategory.BIKE);
        _setValue(form.dailyPrice, "200,000");
        _setValue(form.city, "Rasht");
        _setValue(form.area, "Golsar");
        _setValue(form.address, "Pier 3");
        _setValue(form.minDays, "۵");
        _setValue(form.maxDays, "2");
        _setValue(form.weeklyPrice, "1,000,000");
        _setValue(form.deposit, "3,000,000");
        _click(form.save);
        assertThat(form.maxDays.isInvalid()).as("max below min").isTrue();
        assertThat(form.maxDays.getErrorMessage()).contains("shorter than the minimum");

        _setValue(form.maxDays, "20");
        _click(form.save);
        long id = jdbc.sql("select id from listings where title = ?")
                .param(title)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("""
                                select city || ' ' || area || ' ' || address || ' ' || min_days || '-' || max_days || ' '
                                       || weekly_price || ' ' || coalesce(monthly_price::text, 'none') || ' ' || deposit
                                from listings where id = ?""").param(id).query(String.class).single())
                .isEqualTo("Rasht Golsar Pier 3 5-20 1000000 none 3000000");

        navigate("listings/" + id + "/edit");
        var calendar = _get(CalendarSection.class);
        assertThat(calendar.feedUrl.getValue()).matches("https?://.+/calendar/[A-Za-z0-9_-]{43}\\.ics");
        String before = calendar.feedUrl.getValue();
        _click(_get(Button.class, spec -> spec.withId("calendar-feed-renew")));
        assertThat(calendar.feedUrl.getValue()).isNotEqualTo(before);

        _setValue(calendar.from, today.plusDays(3));
        _setValue(calendar.to, today.plusDays(4));
        _setValue(calendar.note, "servicing");
        _click(_get(Button.class, spec -> spec.withId("calendar-block")));
        var entries = _find(HorizontalLayout.class, spec -> spec.withClasses("calendar-entry"));
        assertThat(entries).hasSize(1);
        assertThat(_get(entries.getFirst(), Span.class).getText())
                .contains("Blocked")
                .contains("servicing");
        long entry = jdbc.sql("select id from listing_calendar where listing_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        _click(_get(Button.class, spec -> spec.withId("unblock-" + entry)));
        assertThat(_find(HorizontalLayout.class, spec -> spec.withClasses("calendar-entry")))
                .isEmpty();
    }

    @Test
    void aBorrowerSeesAreaAndTermsPicksDatesWithAQuoteAndGetsTheAddressOnceAccepted() {
        long id = jdbc.sql("""
                        insert into listings (owner_user_id, title, category, daily_price, moderation, city, area, address,
                                              min_days, max_days, weekly_price, deposit)
                        select id, 'Karibu kayak', 'BIKE', 100000, 'APPROVED', 'Rasht', 'Golsar', 'Pier 3', 2, 14, 500000, 1000000
                        from users where email = 'lender@assets.local' returning id""").query(Long.class).single();
        signIn("borrower@assets.local");
        navigate("listings/" + id);
        assertThat(_get(Span.class, spec -> spec.withId("listing-location"))
                        .getElement()
                        .getTextRecursively())
                .contains("Rasht · Golsar");
        assertThat(_get(Span.class, spec -> spec.withId("listing-terms")).getText())
                .contains("Rent for 2 to 14 days")
                .contains("500,000")
                .contains("Deposit: 1,000,000");
        assertThat(_get(ListingDetailView.class).getElement().getOuterHTML())
                .as("the exact address is not on the listing")
                .doesNotContain("Pier 3");

        var start = _get(DateField.class, spec -> spec.withId("borrow-start"));
        var end = _get(DateField.class, spec -> spec.withId("borrow-end"));
        var request = _get(Button.class, spec -> spec.withId("request-borrow"));
        _setValue(start, today.plusDays(2));
        _setValue(end, today.plusDays(3));
        var quote = _get(Paragraph.class, spec -> spec.withId("borrow-quote"));
        assertThat(quote.getText()).contains("at least 2 days");
        assertThat(request.isEnabled()).isFalse();
        _setValue(end, today.plusDays(10));
        assertThat(quote.getText())
                .contains("8 days")
                .contains("weekly rate 500,000")
                .contains("price 600,000")
                .contains("total 1,600,000");
        _click(request);
        String path = ui().getInternals().getActiveViewLocation().getPath();
        long ticket = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withId("ticket-booking"))
                        .getElement()
                        .getOuterHTML())
                .doesNotContain("Pier 3");

        actAs("lender@assets.local");
        lifecycle.accept(ticket);
        signIn("borrower@assets.local");
        navigate("tickets/" + ticket);
        assertThat(_get(Paragraph.class, spec -> spec.withId("ticket-address")).getText())
                .contains("Pier 3");
    }
}
