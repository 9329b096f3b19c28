package app.assets.listing.internal;

import app.assets.listing.ListingCalendar;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A listing's calendar as an iCalendar feed (RFC 5545) that its lender subscribes to from a
 * calendar app: no session, the secret token in the URL is the only key, so the answer is never
 * cached by anyone but the subscriber. One all-day event per blocked or booked range, saying only
 * "Booked" or "Blocked" (no borrower's name, no note). An unknown token is a plain 404.
 */
@RestController
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final ListingCalendar calendar;

    CalendarFeedController(ListingCalendar calendar) {
        this.calendar = calendar;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        return calendar.byFeedToken(token)
                .map(entries -> ResponseEntity.ok()
                        .contentType(TEXT_CALENDAR)
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(ics(entries)))
                .orElseGet(() -> ResponseEntity.notFound()
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .build());
    }

    static String ics(List<ListingCalendar.Entry> entries) {
        var ical = new Calendar();
        ical.add(new ProdId("-//Assets//Listing calendar//EN"));
        ical.add(ImmutableVersion.VERSION_2_0);
        ical.add(ImmutableCalScale.GREGORIAN);
        for (var entry : entries) {
            var event = new VEvent(
                    entry.range().start(),
                    entry.range().end(),
                    entry.kind() == ListingCalendar.Kind.BOOKED ? "Booked" : "Blocked");
            event.add(new Uid("listing-calendar-" + entry.id() + "@assets"));
            ical.add(event);
        }
        return ical.toString();
    }
}
