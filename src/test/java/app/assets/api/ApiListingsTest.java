package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.listing.ListingCalendar;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Listings over the API against the running application: search, one listing, the lender's own
 * listings with If-Match edits and photos, the calendar, and the moderation queue; who may call
 * what, and that refused input is named per field in the caller's language and changes nothing.
 */
class ApiListingsTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ListingCalendar calendar;

    ApiClient api;
    TestUsers users;

    @BeforeEach
    void setUp() {
        api = ApiClient.on(port);
        users = new TestUsers(accounts, jdbc);
    }

    // ---- create, moderate, find ------------------------------------------------------------------

    @Test
    void aNewListingWaitsForModerationAndIsFoundOnceApproved() {
        String word = uniqueWord();
        String lender = api.newUser(users, "api-lender");
        String borrower = api.newUser(users, "api-borrower");
        String moderator = api.newUser(users, "api-moderator", "MODERATOR");

        Reply created = api.post("/api/v1/listings", listing(word + " camera", 150_000), bearer(lender));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/listings/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.body().get("moderation").asString()).isEqualTo("PENDING");
        assertThat(created.body().get("city").asString()).isEqualTo("Tehran");
        assertThat(created.body().get("weeklyPrice").asLong()).isEqualTo(900_000);
        assertThat(created.body().has("address")).as("never the exact address").isFalse();
        assertThat(created.text()).doesNotContain("Secret alley 7");
        assertThat(api.get("/api/v1/listings/" + id, bearer(borrower)).status())
                .as("others do not see it before approval")
                .isEqualTo(404);
        assertThat(search("q=" + word, borrower).get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/moderation/listings", bearer(borrower)).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/moderation/listings/" + id + "/approve", null, bearer(lender))
                        .status())
                .as("a lender does not approve their own listing")
                .isEqualTo(403);
        assertThat(pendingIds(moderator)).contains(id);

        Reply approved = api.post("/api/v1/moderation/listings/" + id + "/approve", null, bearer(moderator));

        assertThat(approved.status()).as(approved.text()).isEqualTo(204);
        assertThat(audited("listing.approved", id)).isTrue();
        Reply seen = api.get("/api/v1/listings/" + id + "/", bearer(borrower));
        assertThat(seen.status()).as("with a trailing slash too").isEqualTo(200);
        assertThat(seen.header("ETag")).isNotBlank();
        assertThat(seen.body().get("ownerName").asString()).isEqualTo("Test Person");
        assertThat(seen.body().get("moderationNote").isNull()).isTrue();
        JsonNode found = search("q=" + word, borrower);
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(found.get("items").get(0).get("ownerName").asString()).isEqualTo("Test Person");
        assertThat(api.get("/api/v1/listings?q=" + word).status())
                .as("anonymous")
                .isEqualTo(401);
        assertThat(api.get("/api/v1/listings/" + id).status()).as("anonymous").isEqualTo(401);
    }

    @Test
    void aRejectionNeedsAReasonWhichTheOwnerSees() {
        String lender = api.newUser(users, "api-rejected");
        String moderator = api.newUser(users, "api-moderator", "MODERATOR");
        long id = create(lender, uniqueWord() + " tent", 80_000);

        Reply noReason = api.post(
                "/api/v1/moderation/listings/" + id + "/reject",
                Map.of("reason", " "),
                bearer(moderator, "Accept-Language", "fa"));
        Reply unknown = api.post("/api/v1/moderation/listings/999999999/approve", null, bearer(moderator));
        Reply rejected = api.post(
                "/api/v1/moderation/listings/" + id + "/reject/",
                Map.of("reason", "Photos of another item"),
                bearer(moderator));

        assertField(noReason, "reason", "reason.required");
        assertThat(noReason.body().get("errors").get(0).get("message").asString())
                .isEqualTo("دلیل را بنویسید.");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(204);
        Reply own = api.get("/api/v1/listings/" + id, bearer(lender));
        assertThat(own.body().get("moderation").asString()).isEqualTo("REJECTED");
        assertThat(own.body().get("moderationNote").asString()).isEqualTo("Photos of another item");
        assertThat(audited("listing.rejected", id)).isTrue();
    }

    @Test
    void badListingFieldsAreNamedInTheCallersLanguageAndNothingIsCreated() {
        String email = uniqueEmail("api-badform");
        long userId = users.verified(email);
        String lender = api.accessToken(email);
        var negative = listing("Bad price", -5);
        var noCategory = listing("No category", 5_000);
        noCategory.remove("category");
        var strange = listing("Strange category", 5_000);
        strange.put("category", "SPACESHIP");
        var shortStay = listing("Short stay", 5_000);
        shortStay.put("maxDays", 0);

        Reply en = api.post("/api/v1/listings", negative, bearer(lender));
        Reply fa = api.post("/api/v1/listings", negative, bearer(lender, "Accept-Language", "fa"));

        assertField(en, "dailyPrice", "money.positive");
        assertField(fa, "dailyPrice", "money.positive");
        assertThat(fa.header("Content-Language")).isEqualTo("fa");
        assertThat(fa.body().get("errors").get(0).get("message").asString())
                .isNotEqualTo(en.body().get("errors").get(0).get("message").asString())
                .matches(".*[\\u0600-\\u06FF].*");
        assertField(api.post("/api/v1/listings", noCategory, bearer(lender)), "category", "listing.categoryRequired");
        assertField(api.post("/api/v1/listings", strange, bearer(lender)), "category", "api.oneOf");
        assertField(api.post("/api/v1/listings", shortStay, bearer(lender)), "maxDays", "listing.maxDaysRange");
        assertThat(jdbc.sql("select count(*) from listings where owner_user_id = ?")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    // ---- the lender's own ------------------------------------------------------------------------

    @Test
    void anEditNeedsTheLatestETagAndSendsTheListingBackToModeration() {
        String lender = api.newUser(users, "api-editor");
        String other = api.newUser(users, "api-other");
        String moderator = api.newUser(users, "api-moderator", "MODERATOR");
        long id = create(lender, uniqueWord() + " drill", 40_000);
        api.post("/api/v1/moderation/listings/" + id + "/approve", null, bearer(moderator));
        Reply read = api.get("/api/v1/listings/" + id, bearer(lender));
        String etag = read.header("ETag");

        Reply withoutIfMatch =
                api.send("PATCH", "/api/v1/listings/" + id, Map.of("dailyPrice", 45_000), bearer(lender));
        Reply someoneElses =
                api.send("PATCH", "/api/v1/listings/" + id, Map.of("dailyPrice", 1), bearer(other, "If-Match", etag));
        Reply badPrice =
                api.send("PATCH", "/api/v1/listings/" + id, Map.of("dailyPrice", 0), bearer(lender, "If-Match", etag));
        Reply changed = api.send(
                "PATCH",
                "/api/v1/listings/" + id,
                Map.of("dailyPrice", 45_000, "weeklyPrice", 0, "area", "Vanak"),
                bearer(lender, "If-Match", etag));
        Reply stale = api.send(
                "PATCH", "/api/v1/listings/" + id, Map.of("title", "Overwritten"), bearer(lender, "If-Match", etag));

        assertThat(withoutIfMatch.status()).isEqualTo(428);
        assertThat(withoutIfMatch.body().get("code").asString()).isEqualTo("api.ifMatchRequired");
        assertThat(someoneElses.status())
                .as("another user's listing is not found")
                .isEqualTo(404);
        assertField(badPrice, "dailyPrice", "money.positive");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.body().get("dailyPrice").asLong()).isEqualTo(45_000);
        assertThat(changed.body().get("weeklyPrice").isNull())
                .as("0 removes the weekly price")
                .isTrue();
        assertThat(changed.body().get("area").asString()).isEqualTo("Vanak");
        assertThat(changed.body().get("city").asString()).as("left out, kept").isEqualTo("Tehran");
        assertThat(changed.body().get("moderation").asString()).isEqualTo("PENDING");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("code").asString()).isEqualTo("api.listingChanged");
        assertThat(api.get("/api/v1/listings/" + id, bearer(lender))
                        .body()
                        .get("title")
                        .asString())
                .endsWith("drill");
        assertThat(jdbc.sql("select address from listings where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .as("the address a PATCH left out stays")
                .isEqualTo("Secret alley 7");
        assertThat(api.get("/api/v1/listings/" + id, bearer(other)).status())
                .as("back in moderation: hidden from others again")
                .isEqualTo(404);
    }

    @Test
    void myListingsShowsEveryStateOfMineOnly() {
        String lender = api.newUser(users, "api-mine");
        long first = create(lender, uniqueWord() + " guitar", 10_000);
        long second = create(lender, uniqueWord() + " amp", 20_000);
        create(api.newUser(users, "api-not-mine"), uniqueWord() + " drum", 30_000);

        Reply page = api.get("/api/v1/listings/mine?size=1", bearer(lender));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("total").asLong()).isEqualTo(2);
        assertThat(page.body().get("items").get(0).get("id").asLong()).isEqualTo(second);
        assertThat(api.get("/api/v1/listings/mine?page=1&size=1", bearer(lender))
                        .body()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asLong())
                .isEqualTo(first);
        assertField(api.get("/api/v1/listings/mine?size=500", bearer(lender)), "size", "api.page.size");
    }

    @Test
    void photosAreSniffedBoundedAndServedOnlyToThoseWhoMaySeeTheListing() throws IOException {
        String lender = api.newUser(users, "api-photos");
        String stranger = api.newUser(users, "api-stranger");
        long id = create(lender, uniqueWord() + " lens", 60_000);
        String photos = "/api/v1/listings/" + id + "/photos";

        Reply added = api.upload(photos, "file", "lens.png", "image/png", png(1), bearer(lender));
        Reply html = api.upload(
                photos,
                "file",
                "lens.png",
                "image/png",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                bearer(lender, "Accept-Language", "fa"));
        Reply fake = api.upload(photos, "file", "x.png", "image/png", fakePng(), bearer(lender));
        Reply tooLarge = api.upload(photos, "file", "big.png", "image/png", oversized(), bearer(lender));
        Reply twice = api.upload(photos, "file", "again.png", "image/png", png(1), bearer(lender));
        Reply strangers = api.upload(photos, "file", "s.png", "image/png", png(2), bearer(stranger));

        assertThat(added.status()).as(added.text()).isEqualTo(201);
        long photoId = added.body().get("id").asLong();
        assertThat(added.header("Location")).isEqualTo(photos + "/" + photoId);
        assertField(html, "file", "photo.notImage");
        assertThat(html.body().get("errors").get(0).get("message").asString()).matches(".*[\\u0600-\\u06FF].*");
        assertField(fake, "file", "photo.notImage");
        assertField(tooLarge, "file", "photo.tooLarge");
        assertField(twice, "file", "photo.duplicate");
        assertThat(strangers.status()).isEqualTo(404);
        for (int shade = 2; shade <= 5; shade++) {
            assertThat(api.upload(photos, "file", "p.png", "image/png", png(shade), bearer(lender))
                            .status())
                    .isEqualTo(201);
        }
        assertField(
                api.upload(photos, "file", "sixth.png", "image/png", png(6), bearer(lender)), "file", "photo.tooMany");
        assertThat(jdbc.sql("select count(*) from listing_photos where listing_id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);

        var download = api.getBytes(photos + "/" + photoId, bearer(lender));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.body()).isEqualTo(png(1));
        assertThat(api.getBytes(photos + "/" + photoId, bearer(stranger)).statusCode())
                .as("the listing is not approved: not for others")
                .isEqualTo(404);
        assertThat(api.getBytes(photos + "/" + photoId).statusCode())
                .as("anonymous")
                .isEqualTo(401);
        Reply listing = api.get("/api/v1/listings/" + id, bearer(lender));
        assertThat(listing.body().get("photos").get(0).get("url").asString()).isEqualTo(photos + "/" + photoId);

        assertThat(api.send("DELETE", photos + "/" + photoId, null, bearer(stranger))
                        .status())
                .isEqualTo(404);
        assertThat(api.send("DELETE", photos + "/" + photoId, null, bearer(lender))
                        .status())
                .isEqualTo(204);
        assertThat(api.send("DELETE", photos + "/" + photoId, null, bearer(lender))
                        .status())
                .as("gone")
                .isEqualTo(404);
    }

    @Test
    void anUploadOverTheMultipartLimitIsAProblemInTheCallersLanguage() {
        String lender = api.newUser(users, "api-huge-upload");
        long id = create(lender, uniqueWord() + " tripod", 20_000);

        Reply huge = api.upload(
                "/api/v1/listings/" + id + "/photos",
                "file",
                "huge.png",
                "image/png",
                new byte[6 * 1024 * 1024 + 64 * 1024],
                bearer(lender, "Accept-Language", "fa"));

        assertThat(huge.status()).as(huge.text()).isEqualTo(413);
        assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(huge.body().get("code").asString()).isEqualTo("api.status.413");
        assertThat(huge.body().get("detail").asString()).matches(".*[\\u0600-\\u06FF].*");
    }

    @Test
    void twoEditsOfTheSameVersionRacingOneWinsTheOtherIsToldToReadAgain() throws Exception {
        String lender = api.newUser(users, "api-race");
        long id = create(lender, uniqueWord() + " sup board", 50_000);
        var start = new CountDownLatch(1);
        Callable<Reply> edit = () -> {
            start.await();
            return api.send(
                    "PATCH",
                    "/api/v1/listings/" + id,
                    Map.of("dailyPrice", 60_000 + (int) (Math.random() * 1000)),
                    bearer(lender, "If-Match", "\"0\""));
        };
        var statuses = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            var first = pool.submit(edit);
            var second = pool.submit(edit);
            start.countDown();
            statuses.add(first.get().status());
            statuses.add(second.get().status());
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        assertThat(jdbc.sql("select version from listings where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPhotoAddedToAnApprovedListingSendsItBackToModeration() throws IOException {
        String lender = api.newUser(users, "api-photo-moderation");
        long id = create(lender, uniqueWord() + " kayak", 70_000);
        api.post(
                "/api/v1/moderation/listings/" + id + "/approve",
                null,
                bearer(api.newUser(users, "api-moderator", "MODERATOR")));

        api.upload("/api/v1/listings/" + id + "/photos", "file", "k.jpg", "image/jpeg", png(7), bearer(lender));

        assertThat(api.get("/api/v1/listings/" + id, bearer(lender))
                        .body()
                        .get("moderation")
                        .asString())
                .isEqualTo("PENDING");
    }

    // ---- search ----------------------------------------------------------------------------------

    @Test
    void searchFiltersSortsAndPagesApprovedListingsWithTotals() {
        String word = uniqueWord();
        String lender = api.newUser(users, "api-search-lender");
        String borrower = api.newUser(users, "api-search-borrower");
        String moderator = api.newUser(users, "api-moderator", "MODERATOR");
        long cheap = create(lender, word + " cheap bike", 10_000, "BIKE");
        long dear = create(lender, word + " dear bike", 90_000, "BIKE");
        long book = create(lender, word + " book", 50_000, "BOOKS");
        create(lender, word + " unapproved bike", 20_000, "BIKE");
        for (long id : new long[] {cheap, dear, book}) {
            api.post("/api/v1/moderation/listings/" + id + "/approve", null, bearer(moderator));
        }

        JsonNode bikes = search("q=" + word + "&category=bike&sort=price_desc", borrower);
        JsonNode priced = search("q=" + word + "&minPrice=20000&maxPrice=60000", borrower);
        JsonNode paged = search("q=" + word + "&sort=price&size=2&page=1", borrower);

        assertThat(bikes.get("total").asLong()).isEqualTo(2);
        assertThat(bikes.get("items").get(0).get("id").asLong()).isEqualTo(dear);
        assertThat(bikes.get("items").get(1).get("id").asLong()).isEqualTo(cheap);
        assertThat(priced.get("total").asLong()).isEqualTo(1);
        assertThat(priced.get("items").get(0).get("id").asLong()).isEqualTo(book);
        assertThat(paged.get("total").asLong()).isEqualTo(3);
        assertThat(paged.get("items")).hasSize(1);
        assertThat(paged.get("items").get(0).get("id").asLong()).isEqualTo(dear);
    }

    @Test
    void searchNamesEveryBadParameter() {
        String borrower = api.newUser(users, "api-search-bad");
        Map<String, String> cases = Map.of(
                "size=101", "size",
                "page=-1", "page",
                "sort=cheapest", "sort",
                "category=boat", "category",
                "minPrice=abc", "minPrice",
                "minRating=9", "minRating",
                "from=2026-13-01", "from",
                "from=2030-01-10&to=2030-01-05", "to",
                "page=200&size=100", "page");

        cases.forEach((query, field) -> {
            Reply reply = api.get("/api/v1/listings?" + query, bearer(borrower, "Accept-Language", "fa"));
            assertThat(reply.status()).as(query + ": " + reply.text()).isEqualTo(422);
            assertThat(reply.body().get("errors").get(0).get("field").asString())
                    .as(query)
                    .isEqualTo(field);
            assertThat(reply.body().get("errors").get(0).get("message").asString())
                    .as(query)
                    .matches(".*[\\u0600-\\u06FF].*");
        });
    }

    // ---- calendar --------------------------------------------------------------------------------

    @Test
    void theOwnerBlocksDaysOthersSeeThemBusyOnly() {
        String lender = api.newUser(users, "api-calendar");
        String borrower = api.newUser(users, "api-calendar-borrower");
        long id = create(lender, uniqueWord() + " projector", 30_000);
        api.post(
                "/api/v1/moderation/listings/" + id + "/approve",
                null,
                bearer(api.newUser(users, "api-moderator", "MODERATOR")));
        LocalDate start = calendar.today().plusDays(10);
        String blocks = "/api/v1/listings/" + id + "/blocks";

        Reply blocked = api.post(
                blocks,
                Map.of("start", start.toString(), "end", start.plusDays(3).toString(), "note", "family trip"),
                bearer(lender));
        Reply overlapping = api.post(
                blocks,
                Map.of(
                        "start",
                        start.plusDays(2).toString(),
                        "end",
                        start.plusDays(5).toString()),
                bearer(lender));
        Reply past = api.post(
                blocks,
                Map.of(
                        "start",
                        calendar.today().minusDays(2).toString(),
                        "end",
                        calendar.today().toString()),
                bearer(lender));
        Reply badDate = api.post(blocks, Map.of("start", "tomorrow", "end", "2030-01-01"), bearer(lender));
        Reply strangers = api.post(
                blocks,
                Map.of("start", start.toString(), "end", start.plusDays(1).toString()),
                bearer(borrower));

        assertThat(blocked.status()).as(blocked.text()).isEqualTo(201);
        long blockId = blocked.body().get("id").asLong();
        assertThat(blocked.body().get("kind").asString()).isEqualTo("BLOCKED");
        assertThat(blocked.body().get("ticketId").isNull())
                .as("a block has no ticket")
                .isTrue();
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.body().get("code").asString()).isEqualTo("calendar.datesTaken");
        assertField(past, "start", "calendar.pastDates");
        assertField(badDate, "start", "api.date.invalid");
        assertThat(strangers.status()).isEqualTo(404);

        JsonNode mine =
                api.get("/api/v1/listings/" + id + "/calendar", bearer(lender)).body();
        assertThat(mine.get("ranges")).hasSize(1);
        assertThat(mine.get("ranges").get(0).get("kind").asString()).isEqualTo("BLOCKED");
        assertThat(mine.get("ranges").get(0).get("note").asString()).isEqualTo("family trip");
        Reply theirs = api.get(
                "/api/v1/listings/" + id + "/calendar?from=" + start + "&to=" + start.plusDays(30), bearer(borrower));
        assertThat(theirs.status()).isEqualTo(200);
        var range = theirs.body().get("ranges").get(0);
        assertThat(range.get("kind").asString()).isEqualTo("BUSY");
        assertThat(range.get("start").asString()).isEqualTo(start.toString());
        assertThat(range.get("end").asString()).isEqualTo(start.plusDays(3).toString());
        assertThat(range.get("note").isNull()).isTrue();
        assertThat(range.get("id").isNull()).isTrue();
        assertField(
                api.get("/api/v1/listings/" + id + "/calendar?from=2030-01-10&to=2030-01-01", bearer(borrower)),
                "to",
                "search.datesOrder");

        assertThat(api.send("DELETE", blocks + "/" + blockId, null, bearer(borrower))
                        .status())
                .isEqualTo(404);
        assertThat(api.send("DELETE", blocks + "/" + blockId, null, bearer(lender))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/listings/" + id + "/calendar", bearer(lender))
                        .body()
                        .get("ranges"))
                .isEmpty();
    }

    @Test
    void aListingOthersMayNotSeeHasNoCalendarForThem() {
        String lender = api.newUser(users, "api-calendar-pending");
        long id = create(lender, uniqueWord() + " hammock", 30_000);

        assertThat(api.get("/api/v1/listings/" + id + "/calendar", bearer(api.newUser(users, "api-curious")))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/listings/" + id + "/calendar", bearer(lender))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aQuoteIsTheOneThePageShowsAfterTheSameChecksAsARequest() {
        String lender = api.newUser(users, "api-quote-lender");
        String borrower = api.newUser(users, "api-quote-borrower");
        var fields = listing(uniqueWord() + " scooter", 100_000);
        fields.put("weeklyPrice", 600_000);
        Reply created = api.post("/api/v1/listings", fields, bearer(lender));
        long id = created.body().get("id").asLong();
        String quote = "/api/v1/listings/" + id + "/quote";
        LocalDate start = calendar.today().plusDays(5);
        assertThat(api.get(quote + "?start=" + start + "&end=" + start.plusDays(7), bearer(borrower))
                        .status())
                .as("not approved yet")
                .isEqualTo(404);
        api.post(
                "/api/v1/moderation/listings/" + id + "/approve",
                null,
                bearer(api.newUser(users, "api-moderator", "MODERATOR")));
        api.post(
                "/api/v1/listings/" + id + "/blocks",
                Map.of(
                        "start",
                        start.plusDays(20).toString(),
                        "end",
                        start.plusDays(22).toString()),
                bearer(lender));

        Reply week = api.get(quote + "?start=" + start + "&end=" + start.plusDays(7), bearer(borrower));
        Reply own = api.get(quote + "?start=" + start + "&end=" + start.plusDays(7), bearer(lender));
        Reply backwards = api.get(quote + "?start=" + start + "&end=" + start.minusDays(1), bearer(borrower));
        Reply taken = api.get(quote + "?start=" + start.plusDays(19) + "&end=" + start.plusDays(21), bearer(borrower));

        assertThat(week.status()).as(week.text()).isEqualTo(200);
        assertThat(week.body().get("days").asInt()).isEqualTo(7);
        assertThat(week.body().get("rateKind").asString()).isEqualTo("WEEKLY");
        assertThat(week.body().get("price").asLong()).isEqualTo(600_000);
        assertThat(week.body().get("deposit").asLong()).isEqualTo(1_000_000);
        assertThat(week.body().get("total").asLong()).isEqualTo(1_600_000);
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.body().get("code").asString()).isEqualTo("ticket.ownListing");
        assertField(backwards, "end", "booking.endAfterStart");
        assertThat(taken.status()).isEqualTo(409);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String uniqueWord() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static Map<String, Object> listing(String title, long dailyPrice) {
        var fields = new HashMap<String, Object>();
        fields.put("title", title);
        fields.put("description", "In good order, with its case.");
        fields.put("category", "OTHER");
        fields.put("dailyPrice", dailyPrice);
        fields.put("city", "Tehran");
        fields.put("area", "Tajrish");
        fields.put("address", "Secret alley 7");
        fields.put("weeklyPrice", 900_000);
        fields.put("deposit", 1_000_000);
        return fields;
    }

    private long create(String token, String title, long dailyPrice) {
        return create(token, title, dailyPrice, "OTHER");
    }

    private long create(String token, String title, long dailyPrice, String category) {
        var fields = listing(title, dailyPrice);
        fields.put("category", category);
        Reply created = api.post("/api/v1/listings", fields, bearer(token));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    private JsonNode search(String query, String token) {
        Reply reply = api.get("/api/v1/listings?" + query, bearer(token));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    /** Every pending listing's id, page by page (other tests' listings wait in the same queue). */
    private java.util.List<Long> pendingIds(String moderator) {
        var ids = new java.util.ArrayList<Long>();
        for (int page = 0; ; page++) {
            Reply reply = api.get("/api/v1/moderation/listings?size=100&page=" + page, bearer(moderator));
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            reply.body().get("items").forEach(item -> ids.add(item.get("id").asLong()));
            if (reply.body().get("items").size() < 100) {
                return ids;
            }
        }
    }

    private boolean audited(String action, long listingId) {
        return jdbc.sql("select count(*) from audit_log where action = ? and entity_id = ?")
                        .params(action, Long.toString(listingId))
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private static void assertField(Reply reply, String field, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(422);
        assertThat(reply.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(reply.body().get("errors").get(0).get("code").asString()).isEqualTo(code);
    }

    private static byte[] png(int shade) throws IOException {
        var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x112233 * shade);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A PNG signature followed by no real image. */
    private static byte[] fakePng() {
        byte[] bytes = new byte[200];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    /** A real PNG padded past the 2 MB a photo may have. */
    private static byte[] oversized() throws IOException {
        byte[] image = png(9);
        byte[] bytes = new byte[2 * 1024 * 1024 + 10];
        System.arraycopy(image, 0, bytes, 0, image.length);
        return bytes;
    }
}
