package app.assets.listing.service;

import app.assets.base.files.FileKind;
import app.assets.base.i18n.Formats;
import app.assets.identity.UserDirectory;
import app.assets.listing.ListingCategory;
import app.assets.listing.domain.Listing;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The run command's shop window: a dozen approved listings of the demo lender across categories
 * and cities, in Persian and English, with rates, deposits, rental lengths, drawn photos and a few
 * blocked dates. Only with the demo accounts on (never in production, never in a database seeded by
 * URL: the same switch as DemoAccounts and DemoWallets) and {@code assets.listing.demo-catalogue};
 * each listing once, recognised by its owner and title, so restarts add nothing.
 */
@Component
@Order(20)
class DemoCatalogue implements ApplicationRunner {

    static final String LENDER = "lender@assets.local";

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    /** One demo listing; blocked days, when any, count from the day it is first seeded. */
    record Item(
            String title,
            ListingCategory category,
            String description,
            String city,
            String area,
            long daily,
            Long weekly,
            Long monthly,
            long deposit,
            int minDays,
            int maxDays,
            int photos,
            int blockedFrom,
            int blockedDays) {}

    static final List<Item> ITEMS = List.of(
            new Item(
                    "دوربین کانن EOS R6 با لنز ۲۴-۱۰۵",
                    ListingCategory.CAMERA,
                    "بدنه فول‌فریم با لنز ۲۴-۱۰۵ میلی‌متری، دو باتری، شارژر و کیف. مناسب عکاسی مراسم و سفر.",
                    "تهران",
                    "ونک",
                    950_000L,
                    5_500_000L,
                    18_000_000L,
                    20_000_000L,
                    1,
                    14,
                    2,
                    3,
                    3),
            new Item(
                    "MacBook Pro 14 (M3) for designers",
                    ListingCategory.LAPTOP,
                    "Apple M3 Pro, 18 GB memory, 512 GB. Comes with the charger and a sleeve; Adobe apps not included.",
                    "تهران",
                    "Saadat Abad",
                    1_200_000L,
                    7_000_000L,
                    null,
                    40_000_000L,
                    2,
                    30,
                    1,
                    0,
                    0),
            new Item(
                    "گوشی سامسونگ گلکسی S23",
                    ListingCategory.PHONE,
                    "۲۵۶ گیگ، سالم و بدون خط و خش، با قاب و گلس. برای سفر یا وقتی گوشی خودتان در تعمیر است.",
                    "شیراز",
                    "معالی‌آباد",
                    400_000L,
                    2_200_000L,
                    null,
                    8_000_000L,
                    1,
                    30,
                    1,
                    0,
                    0),
            new Item(
                    "Bose SoundLink speaker for parties",
                    ListingCategory.AUDIO,
                    "Loud, clear and 12 hours on a charge. Bluetooth and cable; fits a backpack.",
                    "اصفهان",
                    "Jolfa",
                    250_000L,
                    1_400_000L,
                    null,
                    3_000_000L,
                    1,
                    14,
                    1,
                    5,
                    2),
            new Item(
                    "پلی‌استیشن ۵ با دو دسته و سه بازی",
                    ListingCategory.GAMES,
                    "کنسول PS5 نسخه دیسک‌خور با دو دسته DualSense و بازی‌های FIFA، Spider-Man و Gran Turismo.",
                    "مشهد",
                    "سجاد",
                    600_000L,
                    3_500_000L,
                    12_000_000L,
                    15_000_000L,
                    1,
                    30,
                    2,
                    10,
                    3),
            new Item(
                    "چادر کوهنوردی چهار نفره",
                    ListingCategory.TENT,
                    "چادر دوپوش ضدآب، وزن ۴ کیلو، با زیرانداز و میخ اضافه. برای کمپ در طبیعت و کوه.",
                    "تبریز",
                    "ائل‌گلی",
                    180_000L,
                    1_000_000L,
                    null,
                    3_000_000L,
                    2,
                    21,
                    1,
                    0,
                    0),
            new Item(
                    "Trek mountain bike, size M",
                    ListingCategory.BIKE,
                    "Hydraulic disc brakes, 29\" wheels, helmet and lock included. Serviced last month.",
                    "اصفهان",
                    "Chaharbagh",
                    350_000L,
                    2_000_000L,
                    6_500_000L,
                    10_000_000L,
                    1,
                    60,
                    1,
                    1,
                    2),
            new Item(
                    "دریل شارژی بوش با دو باتری",
                    ListingCategory.TOOLS,
                    "دریل پیچ‌گوشتی ۱۸ ولت، دو باتری و جعبه مته. برای نصب قفسه و تعمیرات خانه.",
                    "تهران",
                    "تجریش",
                    150_000L,
                    null,
                    null,
                    2_000_000L,
                    1,
                    7,
                    1,
                    0,
                    0),
            new Item(
                    "شاهنامه فردوسی، چاپ نفیس",
                    ListingCategory.BOOKS,
                    "کتاب دوجلدی با نگاره‌های رنگی؛ برای پژوهش یا شب‌های شاهنامه‌خوانی.",
                    "شیراز",
                    "ارم",
                    50_000L,
                    null,
                    900_000L,
                    1_000_000L,
                    3,
                    90,
                    1,
                    0,
                    0),
            new Item(
                    "DJI Mini 4 Pro drone with three batteries",
                    ListingCategory.CAMERA,
                    "4K video, obstacle sensing, under 249 g. Three batteries and a charging hub. Fly where it is allowed.",
                    "مشهد",
                    "Ahmadabad",
                    800_000L,
                    4_800_000L,
                    null,
                    25_000_000L,
                    1,
                    10,
                    1,
                    0,
                    0),
            new Item(
                    "ویدئو پروژکتور اپسون با پرده ۲ متری (Epson projector)",
                    ListingCategory.OTHER,
                    "Full HD, 3,000 lumens. Screen and HDMI cable included. برای فیلم‌دیدن در حیاط یا ارائه در جلسه.",
                    "تبریز",
                    "ولیعصر",
                    300_000L,
                    1_600_000L,
                    null,
                    5_000_000L,
                    1,
                    14,
                    1,
                    7,
                    4),
            new Item(
                    "Camping kit: two sleeping bags, stove and lantern",
                    ListingCategory.TENT,
                    "Everything but the tent for a weekend outside: two bags rated to -5 °C, a gas stove and an LED lantern.",
                    "شیراز",
                    "Qasr ol-Dasht",
                    220_000L,
                    1_200_000L,
                    null,
                    2_500_000L,
                    2,
                    14,
                    1,
                    0,
                    0));

    private final boolean enabled;
    private final UserDirectory directory;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoCatalogue(
            @Value("${assets.identity.demo-accounts:false}") boolean demoAccounts,
            @Value("${assets.listing.demo-catalogue:true}") boolean demoCatalogue,
            UserDirectory directory,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.enabled = demoAccounts && demoCatalogue;
        this.directory = directory;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        var lender = directory.byEmail(LENDER).orElse(null);
        if (lender == null) {
            return;
        }
        Integer added = transactions.execute(status -> {
            // Two nodes starting together: one seeds, the other then finds every title.
            jdbc.sql("select count(*) from (select pg_advisory_xact_lock(hashtext('demo-catalogue'))) as locked")
                    .query(Integer.class)
                    .single();
            LocalDate today = LocalDate.now(clock.withZone(Formats.ZONE));
            int count = 0;
            for (int i = 0; i < ITEMS.size(); i++) {
                if (seed(lender.id(), ITEMS.get(i), i, today)) {
                    count++;
                }
            }
            return count;
        });
        if (added != null && added > 0) {
            log.info("Demo catalogue: {} listings of {}", added, LENDER);
        }
    }

    private boolean seed(long owner, Item item, int index, LocalDate today) {
        boolean exists = jdbc.sql("select exists (select 1 from listings where owner_user_id = ? and title = ?)")
                .params(owner, item.title())
                .query(Boolean.class)
                .single();
        if (exists) {
            return false;
        }
        long id = jdbc.sql("""
                        insert into listings (owner_user_id, title, category, description, daily_price, moderation,
                                              moderated_by, moderated_at, city, area, min_days, max_days,
                                              weekly_price, monthly_price, deposit)
                        values (?, ?, ?, ?, ?, 'APPROVED', 'moderator@assets.local', now(), ?, ?, ?, ?, ?, ?, ?)
                        returning id""")
                .params(
                        owner,
                        item.title(),
                        item.category().name(),
                        item.description(),
                        item.daily(),
                        item.city(),
                        item.area(),
                        item.minDays(),
                        item.maxDays(),
                        item.weekly(),
                        item.monthly(),
                        item.deposit())
                .query(Long.class)
                .single();
        for (int photo = 0; photo < item.photos(); photo++) {
            addPhoto(id, DemoPictures.draw(item.category(), index + photo), photo);
        }
        if (item.blockedDays() > 0) {
            jdbc.sql("""
                            insert into listing_calendar (listing_id, during, kind, note)
                            values (?, daterange(?, ?, '[)'), 'BLOCKED', ?)""")
                    .params(
                            id,
                            today.plusDays(item.blockedFrom()),
                            today.plusDays(item.blockedFrom() + item.blockedDays()),
                            "demo")
                    .update();
        }
        return true;
    }

    /** The checks of a lender's upload (a real image within the size limit), then the same table. */
    private void addPhoto(long listingId, byte[] bytes, int position) {
        var kind = FileKind.sniff(bytes)
                .filter(k -> k.isImage() && k.isGenuine(bytes))
                .orElseThrow(() -> new IllegalStateException("demo photo is not an image"));
        if (bytes.length > Listing.PHOTO_BYTES_MAX) {
            throw new IllegalStateException("demo photo too large: " + bytes.length);
        }
        jdbc.sql("""
                        insert into listing_photos (listing_id, content_type, bytes, size_bytes, sha256, position)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(listingId, kind.contentType(), bytes, bytes.length, FileKind.sha256(bytes), position)
                .update();
    }
}
