package app.assets.listing.internal;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Messages;
import app.assets.identity.UserDirectory;
import app.assets.listing.ListingCalendar;
import java.util.Locale;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Language;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
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
 * "Booked" or "Blocked" and, in its description, the listing and the days (no borrower's name, no
 * note), in the lender's language: the feed has no browser to ask. An unknown token is a plain 404.
 */
@RestController
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final ListingCalendar calendar;
    private final UserDirectory directory;
    private final Messages messages;

    CalendarFeedController(ListingCalendar calendar, UserDirectory directory, Messages messages) {
        this.calendar = calendar;
        this.directory = directory;
        this.messages = messages;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        return calendar.byFeedToken(token)
                .map(feed -> ResponseEntity.ok()
                        .contentType(TEXT_CALENDAR)
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(ics(feed, directory.language(feed.ownerUserId()))))
                .orElseGet(() -> ResponseEntity.notFound()
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .build());
    }

    String ics(ListingCalendar.Feed feed, Locale language) {
        var ical = new Calendar();
        ical.add(new ProdId("-//Assets//Listing calendar//EN"));
        ical.add(ImmutableVersion.VERSION_2_0);
        ical.add(ImmutableCalScale.GREGORIAN);
        var lang = new Language(language.toLanguageTag());
        for (var entry : feed.entries()) {
            String kind = entry.kind() == ListingCalendar.Kind.BOOKED ? "booked" : "blocked";
            var event = new VEvent(entry.range().start(), entry.range().end(), "");
            event.replace(new Summary(messages.getTranslation("calendar." + kind, language)).add(lang));
            event.add(new Description(messages.getTranslation(
                            "calendar.feedDescription." + kind,
                            language,
                            feed.title(),
                            Formats.date(entry.range().start(), language),
                            Formats.date(entry.range().lastDay(), language)))
                    .add(lang));
            event.add(new Uid("listing-calendar-" + entry.id() + "@assets"));
            ical.add(event);
        }
        return ical.toString();
    }
}
