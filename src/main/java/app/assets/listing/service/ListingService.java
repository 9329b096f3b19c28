package app.assets.listing.service;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.files.FileKind;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.listing.ListingCategory;
import app.assets.listing.ListingModerated;
import app.assets.listing.RentalTerms;
import app.assets.listing.domain.Listing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Listing use cases: lenders create, edit, pause and illustrate their listings; everyone sees
 * approved ones (search: {@link app.assets.listing.ListingSearch}); moderators approve, reject or unpublish. Only approved listings are visible to
 * others, and an edit sends a listing back to moderation.
 */
@Service
@Transactional
public class ListingService {

    /**
     * What a lender types. Location and rental terms are optional in the sense that blanks mean
     * "not given" (city, area, address) or the defaults (1 to 30 days, no lead time, no weekly or
     * monthly price, no deposit).
     */
    public record ListingForm(
            String title,
            ListingCategory category,
            String description,
            Long dailyPrice,
            String city,
            String area,
            String address,
            Integer minDays,
            Integer maxDays,
            Integer leadDays,
            Long weeklyPrice,
            Long monthlyPrice,
            Long deposit) {

        /** A listing with the default location and terms (no location, 1 to 30 days, daily price only). */
        public ListingForm(String title, ListingCategory category, String description, Long dailyPrice) {
            this(title, category, description, dailyPrice, "", "", "", 1, 30, 0, null, null, 0L);
        }
    }

    /** A stored photo, as served. */
    public record Photo(long id, String contentType, byte[] bytes) {}

    // Owners' names come from identity (UserDirectory), one lookup per list, not a join on its table.
    private static final String SELECT = """
            select l.*,
                   (select p.id from listing_photos p where p.listing_id = l.id order by p.position, p.id limit 1) as first_photo
            from listings l""";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final UserDirectory directory;

    public ListingService(
            JdbcClient jdbc,
            CurrentUser currentUser,
            AuditLog audit,
            ApplicationEventPublisher events,
            UserDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.currentUser = currentUser;
        this.audit = audit;
        this.events = events;
    }

    /** The listing changed since the version the caller based its change on. */
    public static final class StaleListingException extends RuntimeException {
        StaleListingException() {
            super("the listing changed since it was read");
        }
    }

    // ---- lender ----------------------------------------------------------------------------

    public long create(ListingForm form) {
        var checked = check(form);
        long owner = currentUser.require().id();
        long id = jdbc.sql("""
                        insert into listings (owner_user_id, title, category, description, daily_price, city, area, address,
                                              min_days, max_days, lead_days, weekly_price, monthly_price, deposit)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        owner,
                        checked.title(),
                        checked.category().name(),
                        checked.description(),
                        checked.dailyPrice(),
                        checked.city(),
                        checked.area(),
                        checked.address(),
                        checked.minDays(),
                        checked.maxDays(),
                        checked.leadDays(),
                        checked.weeklyPrice(),
                        checked.monthlyPrice(),
                        checked.deposit())
                .query(Long.class)
                .single();
        audit.success("listing.create", "listing", id, checked.title());
        return id;
    }

    /** Saves the owner's changes; the listing goes back to moderation before others see the new text. */
    public void update(long id, ListingForm form) {
        update(id, null, form);
    }

    /**
     * Saves the owner's changes only if the listing is still at {@code expectedVersion} (the API's
     * If-Match): a change made in between, from another device, is refused with {@link
     * StaleListingException} instead of being overwritten. The row is locked while checking.
     */
    public void update(long id, Long expectedVersion, ListingForm form) {
        var checked = check(form);
        var listing = ownListing(id);
        if (expectedVersion != null && listing.version() != expectedVersion) {
            throw new StaleListingException();
        }
        jdbc.sql("""
                        update listings set title = ?, category = ?, description = ?, daily_price = ?, city = ?, area = ?,
                               address = ?, min_days = ?, max_days = ?, lead_days = ?, weekly_price = ?, monthly_price = ?,
                               deposit = ?, moderation = 'PENDING', moderation_note = null, updated_at = now(),
                               version = version + 1 where id = ?""")
                .params(
                        checked.title(),
                        checked.category().name(),
                        checked.description(),
                        checked.dailyPrice(),
                        checked.city(),
                        checked.area(),
                        checked.address(),
                        checked.minDays(),
                        checked.maxDays(),
                        checked.leadDays(),
                        checked.weeklyPrice(),
                        checked.monthlyPrice(),
                        checked.deposit(),
                        listing.id())
                .update();
        audit.success("listing.update", "listing", id, checked.title());
    }

    public void setPaused(long id, boolean paused) {
        ownListing(id);
        jdbc.sql("update listings set availability = ?, updated_at = now() where id = ?")
                .params(paused ? "PAUSED" : "AVAILABLE", id)
                .update();
        audit.success(paused ? "listing.pause" : "listing.resume", "listing", id, null);
    }

    /**
     * Adds a photo after checking it is a real PNG, JPEG or WebP image of at most 2 MB; the file name
     * is never kept. A photo added to an approved listing sends it back to moderation.
     */
    public long addPhoto(long listingId, byte[] bytes) {
        ownListing(listingId);
        if (bytes == null || bytes.length == 0) {
            throw new UserInputException("photo.empty");
        }
        if (bytes.length > Listing.PHOTO_BYTES_MAX) {
            throw new UserInputException("photo.tooLarge", Listing.PHOTO_BYTES_MAX / (1024 * 1024));
        }
        var kind = FileKind.sniff(bytes)
                .filter(FileKind::isImage)
                .orElseThrow(() -> new UserInputException("photo.notImage"));
        if (!kind.isGenuine(bytes)) {
            throw new UserInputException("photo.notImage");
        }
        int count = jdbc.sql("select count(*) from listing_photos where listing_id = ?")
                .param(listingId)
                .query(Integer.class)
                .single();
        if (count >= Listing.PHOTOS_MAX) {
            throw new UserInputException("photo.tooMany", Listing.PHOTOS_MAX);
        }
        String sha = FileKind.sha256(bytes);
        if (jdbc.sql("select count(*) from listing_photos where listing_id = ? and sha256 = ?")
                        .params(listingId, sha)
                        .query(Integer.class)
                        .single()
                > 0) {
            throw new UserInputException("photo.duplicate");
        }
        long id = jdbc.sql("""
                        insert into listing_photos (listing_id, content_type, bytes, size_bytes, sha256, position)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(listingId, kind.contentType(), bytes, bytes.length, sha, count)
                .query(Long.class)
                .single();
        // A new photo is new content others have not seen reviewed: an approved listing goes back to moderation.
        jdbc.sql("""
                        update listings set moderation = 'PENDING', moderation_note = null, updated_at = now(), version = version + 1
                        where id = ? and moderation = 'APPROVED'""").param(listingId).update();
        audit.success("listing.photo.add", "listing", listingId, kind.contentType() + ", " + bytes.length + " bytes");
        return id;
    }

    public void removePhoto(long listingId, long photoId) {
        ownListing(listingId);
        int removed = jdbc.sql("delete from listing_photos where id = ? and listing_id = ?")
                .params(photoId, listingId)
                .update();
        if (removed == 0) {
            throw new UserInputException("photo.notFound");
        }
        audit.success("listing.photo.remove", "listing", listingId, "photo " + photoId);
    }

    @Transactional(readOnly = true)
    public List<Listing> mine(int offset, int limit) {
        return named(
                jdbc.sql(SELECT + " where l.owner_user_id = ? order by l.created_at desc, l.id desc limit ? offset ?")
                        .params(currentUser.require().id(), limit, offset)
                        .query(ListingService::map)
                        .list());
    }

    @Transactional(readOnly = true)
    public int mineCount() {
        return jdbc.sql("select count(*) from listings where owner_user_id = ?")
                .param(currentUser.require().id())
                .query(Integer.class)
                .single();
    }

    // ---- everyone --------------------------------------------------------------------------

    /** A listing if the current user may see it (approved, their own, or they moderate). */
    @Transactional(readOnly = true)
    public Optional<Listing> find(long id) {
        var me = currentUser.require();
        boolean moderator = currentUser.has(Permissions.LISTING_MODERATE);
        return jdbc.sql(SELECT + " where l.id = ?")
                .param(id)
                .query(ListingService::map)
                .optional()
                .filter(l -> l.visibleTo(me.id(), moderator))
                .map(this::named);
    }

    /** The exact address, for the ticket module to give to an accepted borrower (see ListingLookup). */
    @Transactional(readOnly = true)
    public Optional<String> exactAddress(long id) {
        return jdbc.sql("select address from listings where id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    /** A listing of the current user's own, for editing. */
    @Transactional(readOnly = true)
    public Optional<Listing> findOwn(long id) {
        long me = currentUser.require().id();
        return jdbc.sql(SELECT + " where l.id = ? and l.owner_user_id = ?")
                .params(id, me)
                .query(ListingService::map)
                .optional()
                .map(this::named);
    }

    @Transactional(readOnly = true)
    public List<Long> photoIds(long listingId) {
        return find(listingId)
                .map(l -> jdbc.sql("select id from listing_photos where listing_id = ? order by position, id")
                        .param(listingId)
                        .query(Long.class)
                        .list())
                .orElse(List.of());
    }

    /**
     * The photo ids of several listings the caller already read through this service (so may
     * see), in one query, by listing id; a listing without photos maps to an empty list.
     */
    @Transactional(readOnly = true)
    public Map<Long, List<Long>> photoIdsOf(List<Listing> visible) {
        var result = new HashMap<Long, List<Long>>();
        visible.forEach(l -> result.put(l.id(), new ArrayList<>()));
        if (!visible.isEmpty()) {
            jdbc.sql("select listing_id, id from listing_photos where listing_id = any(?) order by position, id")
                    .param(visible.stream().map(Listing::id).toArray(Long[]::new))
                    .query(rs -> {
                        result.get(rs.getLong(1)).add(rs.getLong(2));
                    });
        }
        return result;
    }

    /** A photo, only if its listing is visible to the current user. */
    @Transactional(readOnly = true)
    public Optional<Photo> photo(long photoId) {
        var row = jdbc.sql("select id, listing_id, content_type, bytes from listing_photos where id = ?")
                .param(photoId)
                .query((rs, n) ->
                        new Object[] {rs.getLong(2), new Photo(rs.getLong(1), rs.getString(3), rs.getBytes(4))})
                .optional();
        return row.filter(r -> find((Long) r[0]).isPresent()).map(r -> (Photo) r[1]);
    }

    // ---- moderation ------------------------------------------------------------------------

    @PreAuthorize("hasAuthority('" + Permissions.LISTING_MODERATE + "')")
    @Transactional(readOnly = true)
    public List<Listing> pending(int offset, int limit) {
        return named(jdbc.sql(SELECT + " where l.moderation = 'PENDING' order by l.updated_at, l.id limit ? offset ?")
                .params(limit, offset)
                .query(ListingService::map)
                .list());
    }

    @PreAuthorize("hasAuthority('" + Permissions.LISTING_MODERATE + "')")
    @Transactional(readOnly = true)
    public int pendingCount() {
        return jdbc.sql("select count(*) from listings where moderation = 'PENDING'")
                .query(Integer.class)
                .single();
    }

    @PreAuthorize("hasAuthority('" + Permissions.LISTING_MODERATE + "')")
    public void approve(long id) {
        moderate(id, Listing.Moderation.APPROVED, null);
    }

    @PreAuthorize("hasAuthority('" + Permissions.LISTING_MODERATE + "')")
    public void reject(long id, String reason) {
        moderate(id, Listing.Moderation.REJECTED, UserText.reason(reason, Listing.NOTE_MAX));
    }

    @PreAuthorize("hasAuthority('" + Permissions.LISTING_MODERATE + "')")
    public void unpublish(long id, String reason) {
        moderate(id, Listing.Moderation.UNPUBLISHED, UserText.reason(reason, Listing.NOTE_MAX));
    }

    // ---- internals -------------------------------------------------------------------------

    private void moderate(long id, Listing.Moderation outcome, String note) {
        var listing = jdbc.sql(SELECT + " where l.id = ? for update of l")
                .param(id)
                .query(ListingService::map)
                .optional()
                .orElseThrow(() -> new UserInputException("listing.notFound"));
        if (listing.moderation() == outcome) {
            return;
        }
        if (outcome == Listing.Moderation.UNPUBLISHED && listing.moderation() != Listing.Moderation.APPROVED) {
            throw new UserInputException("listing.notPublished");
        }
        jdbc.sql(
                        "update listings set moderation = ?, moderation_note = ?, moderated_by = ?, moderated_at = now() where id = ?")
                .params(outcome.name(), note, currentUser.email().orElse(null), id)
                .update();
        audit.success("listing." + outcome.name().toLowerCase(), "listing", id, note);
        events.publishEvent(new ListingModerated(
                id, listing.ownerUserId(), listing.title(), ListingModerated.Outcome.valueOf(outcome.name()), note));
    }

    private Listing ownListing(long id) {
        var listing = jdbc.sql(SELECT + " where l.id = ? for update of l")
                .param(id)
                .query(ListingService::map)
                .optional()
                .orElseThrow(() -> new UserInputException("listing.notFound"));
        if (listing.ownerUserId() != currentUser.require().id()) {
            audit.denied("listing.edit", "listing", id, "not the owner");
            throw new UserInputException("listing.notFound");
        }
        return listing;
    }

    private static ListingForm check(ListingForm form) {
        String title = UserText.line(form.title());
        if (title.isEmpty()) {
            throw new UserInputException("listing.titleRequired");
        }
        if (title.length() > Listing.TITLE_MAX) {
            throw new UserInputException("listing.titleTooLong", Listing.TITLE_MAX);
        }
        if (form.category() == null) {
            throw new UserInputException("listing.categoryRequired");
        }
        String description = UserText.lines(form.description());
        if (description.length() > Listing.DESCRIPTION_MAX) {
            throw new UserInputException("listing.descriptionTooLong", Listing.DESCRIPTION_MAX);
        }
        if (form.dailyPrice() == null) {
            throw new UserInputException("money.required");
        }
        if (form.dailyPrice() <= 0) {
            throw new UserInputException("money.positive");
        }
        if (form.dailyPrice() > Listing.DAILY_PRICE_MAX) {
            throw new UserInputException("listing.priceTooHigh");
        }
        String city = text(form.city(), Listing.CITY_MAX, "listing.cityTooLong");
        String area = text(form.area(), Listing.AREA_MAX, "listing.areaTooLong");
        String address = text(form.address(), Listing.ADDRESS_MAX, "listing.addressTooLong");
        int minDays = form.minDays() == null ? RentalTerms.DAYS_MIN : form.minDays();
        int maxDays = form.maxDays() == null ? 30 : form.maxDays();
        if (minDays < RentalTerms.DAYS_MIN || minDays > RentalTerms.DAYS_MAX) {
            throw new UserInputException("listing.minDaysRange", RentalTerms.DAYS_MIN, RentalTerms.DAYS_MAX);
        }
        if (maxDays < RentalTerms.DAYS_MIN || maxDays > RentalTerms.DAYS_MAX) {
            throw new UserInputException("listing.maxDaysRange", RentalTerms.DAYS_MIN, RentalTerms.DAYS_MAX);
        }
        if (maxDays < minDays) {
            throw new UserInputException("listing.maxDaysBelowMin");
        }
        int leadDays = form.leadDays() == null ? 0 : form.leadDays();
        if (leadDays < 0 || leadDays > RentalTerms.LEAD_DAYS_MAX) {
            throw new UserInputException("listing.leadDaysRange", RentalTerms.LEAD_DAYS_MAX);
        }
        Long weekly = optionalPrice(form.weeklyPrice(), "listing.weeklyPrice");
        Long monthly = optionalPrice(form.monthlyPrice(), "listing.monthlyPrice");
        long deposit = form.deposit() == null ? 0 : form.deposit();
        if (deposit < 0) {
            throw new UserInputException("listing.depositNegative");
        }
        if (deposit > Listing.DAILY_PRICE_MAX) {
            throw new UserInputException("listing.depositTooHigh");
        }
        return new ListingForm(
                title,
                form.category(),
                description,
                form.dailyPrice(),
                city,
                area,
                address,
                minDays,
                maxDays,
                leadDays,
                weekly,
                monthly,
                deposit);
    }

    private static String text(String value, int max, String tooLong) {
        String line = UserText.line(value);
        if (line.length() > max) {
            throw new UserInputException(tooLong, max);
        }
        return line;
    }

    /** A weekly or monthly price: none, or positive and not absurd. The key names the field in messages. */
    private static Long optionalPrice(Long price, String field) {
        if (price == null) {
            return null;
        }
        if (price <= 0) {
            throw new UserInputException(field + "Positive");
        }
        if (price > Listing.DAILY_PRICE_MAX * RentalTerms.MONTH) {
            throw new UserInputException(field + "TooHigh");
        }
        return price;
    }

    /** The listings with their owners' names, from one lookup. */
    private List<Listing> named(List<Listing> listings) {
        var names = directory.displayNames(
                listings.stream().map(Listing::ownerUserId).collect(Collectors.toSet()));
        return listings.stream()
                .map(l -> l.withOwnerName(names.get(l.ownerUserId())))
                .toList();
    }

    private Listing named(Listing listing) {
        return listing.withOwnerName(directory
                .byId(listing.ownerUserId())
                .map(UserDirectory.Person::displayName)
                .orElse(null));
    }

    /** A listing without its owner's name (see {@link #named}). */
    private static Listing map(ResultSet rs, int row) throws SQLException {
        Long photo = rs.getObject("first_photo", Long.class);
        return new Listing(
                rs.getLong("id"),
                rs.getLong("owner_user_id"),
                null,
                rs.getString("title"),
                ListingCategory.valueOf(rs.getString("category")),
                rs.getString("description"),
                rs.getLong("daily_price"),
                Listing.Availability.valueOf(rs.getString("availability")),
                Listing.Moderation.valueOf(rs.getString("moderation")),
                rs.getString("moderation_note"),
                rs.getTimestamp("created_at").toInstant(),
                photo,
                rs.getString("city"),
                rs.getString("area"),
                rs.getString("address"),
                new RentalTerms(
                        rs.getLong("id"),
                        rs.getInt("min_days"),
                        rs.getInt("max_days"),
                        rs.getInt("lead_days"),
                        rs.getLong("daily_price"),
                        rs.getObject("weekly_price", Long.class),
                        rs.getObject("monthly_price", Long.class),
                        rs.getLong("deposit")),
                rs.getLong("version"));
    }
}
