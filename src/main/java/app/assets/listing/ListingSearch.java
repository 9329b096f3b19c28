package app.assets.listing;

import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.LikePattern;
import app.assets.identity.UserDirectory;
import app.assets.listing.domain.Listing;
import app.assets.listing.domain.SearchText;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds approved, available listings for anyone: full text over title and description in Persian
 * and English (whole words through the full-text vector, parts of words through the trigram
 * index, both over {@link SearchText}'s normal form), filters and sorting, paged. One plain method
 * with a filter record, for the listings view and the REST API alike. See docs/search.md.
 */
@Component
@Transactional(readOnly = true)
public class ListingSearch {

    /** The largest page. */
    public static final int PAGE_MAX = 100;

    /** How deep paging goes: beyond this, narrow the search. */
    public static final int OFFSET_MAX = 10_000;

    /**
     * How far {@link #total} counts: beyond this, "more than COUNT_MAX" (shown as "1,000+"). An exact
     * count of a broad search reads every matching row; a page never needs more than its own.
     */
    public static final int COUNT_MAX = 1_000;

    /**
     * A text matching more than this many listings is "broad": its ranked ids are kept for
     * {@link #RANKING_TTL} (see {@link #find}). Package-private and settable for tests, which cannot
     * publish a thousand listings.
     */
    static final int BROAD_MATCHES = COUNT_MAX;

    /** How long a broad text's ranking is reused: a new match may be missing from it that long. */
    public static final Duration RANKING_TTL = Duration.ofSeconds(60);

    /** The deepest a ranking needs to go: the last row of the deepest page. */
    static final int RANKED_MAX = OFFSET_MAX + PAGE_MAX;

    /** How deep a page walks its text's ranking, in times the page's depth, before the query answers. */
    private static final int WALK_MAX = 6;

    /** The most ranked ids kept in all, over every text. */
    private static final long RANKED_IDS_MAX = 2_000_000;

    /** The longest stay the date filter accepts, in days. */
    public static final int DAYS_MAX = 365;

    /** Query words matched as parts of words; more are matched by the full-text vector only. */
    static final int PARTIAL_WORDS_MAX = 8;

    /** The shortest word matched as a part of a word: one trigram. */
    static final int PARTIAL_MIN = 3;

    /** Result order; RELEVANCE without a text is NEWEST. */
    public enum Sort {
        RELEVANCE,
        PRICE_ASC,
        PRICE_DESC,
        RATING,
        NEWEST
    }

    /**
     * What to look for; null (or blank) means any. Dates are Tehran days, [from, to): the listing
     * must have no blocked or booked day in between, and allow a stay of that length.
     * minRating is whole stars (1-5) of the item's average rating.
     */
    public record Filter(
            String text,
            ListingCategory category,
            String city,
            Long minPrice,
            Long maxPrice,
            LocalDate from,
            LocalDate to,
            Integer minRating,
            Sort sort) {

        public static Filter any() {
            return new Filter(null, null, null, null, null, null, null, null, Sort.RELEVANCE);
        }

        public Filter withText(String text) {
            return new Filter(text, category, city, minPrice, maxPrice, from, to, minRating, sort);
        }

        public Filter withSort(Sort sort) {
            return new Filter(text, category, city, minPrice, maxPrice, from, to, minRating, sort);
        }
    }

    /** How many listings match, counted up to {@link #COUNT_MAX}; {@code more} when there are more than that. */
    public record Total(int count, boolean more) {}

    /** One listing found, with what a result row shows. */
    public record Hit(
            long id,
            String title,
            ListingCategory category,
            String city,
            long ownerUserId,
            String ownerName,
            long dailyPrice,
            Long weeklyPrice,
            Long monthlyPrice,
            long deposit,
            int ratingCount,
            int ratingSum,
            Instant createdAt,
            Long firstPhotoId) {

        Hit withOwnerName(String name) {
            return new Hit(
                    id,
                    title,
                    category,
                    city,
                    ownerUserId,
                    name,
                    dailyPrice,
                    weeklyPrice,
                    monthlyPrice,
                    deposit,
                    ratingCount,
                    ratingSum,
                    createdAt,
                    firstPhotoId);
        }

        /** The average stars, or 0 without ratings. */
        public double rating() {
            return ratingCount == 0 ? 0 : (double) ratingSum / ratingCount;
        }
    }

    private static final String SELECT = """
            select l.id, l.title, l.category, l.city, l.daily_price, l.weekly_price, l.monthly_price, l.deposit,
                   l.rating_count, l.rating_sum, l.created_at, l.owner_user_id,
                   (select p.id from listing_photos p where p.listing_id = l.id order by p.position, p.id limit 1) as first_photo
            from listings l""";

    /**
     * The listing ids a normal-form text matches, best first (at most {@link #RANKED_MAX}); empty for
     * a text that is not broad, which is always searched afresh.
     */
    private final Cache<String, long[]> rankings;

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private volatile int broadMatches = BROAD_MATCHES;

    public ListingSearch(JdbcClient jdbc, UserDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
        // Node-local on purpose: it holds public search results only, and each node's copy is at most
        // RANKING_TTL old, so nodes never disagree by more than that.
        // At most RANKED_IDS_MAX ids in all (8 bytes each, 16 MB): about 200 of the broadest texts.
        this.rankings = Caffeine.newBuilder()
                .maximumWeight(RANKED_IDS_MAX)
                .<String, long[]>weigher((text, ids) -> 1 + ids.length)
                .expireAfterWrite(RANKING_TTL)
                .build();
    }

    /** For tests: texts matching more than this many listings count as broad. */
    void broadFrom(int matches) {
        broadMatches = matches;
        forgetRankings();
    }

    /**
     * Forgets every kept ranking, so the next search of each text ranks afresh, as the first in a
     * minute does: for the benchmark's "ranking not kept" figure (the cache expires by itself).
     */
    public void forgetRankings() {
        rankings.invalidateAll();
    }

    /** A page of the listings matching the filter, in its order. */
    public List<Hit> find(Filter filter, int offset, int limit) {
        if (limit < 1 || limit > PAGE_MAX) {
            throw new UserInputException("search.pageSize", PAGE_MAX);
        }
        if (offset < 0 || offset > OFFSET_MAX) {
            throw new UserInputException("search.tooDeep", OFFSET_MAX);
        }
        var query = new Query(filter);
        planForTheseValues();
        var hits = query.rankedByTextAlone() ? fromRanking(query, offset, limit) : null;
        if (hits == null) {
            query.params.put("limit", limit);
            query.params.put("offset", offset);
            hits = jdbc.sql(SELECT + query.where + query.orderBy() + " limit :limit offset :offset")
                    .params(query.params)
                    .query(ListingSearch::map)
                    .list();
        }
        // Lenders' names through the identity module's API, one query for the page.
        var names = directory.displayNames(hits.stream().map(Hit::ownerUserId).collect(Collectors.toSet()));
        return hits.stream()
                .map(hit -> hit.withOwnerName(names.getOrDefault(hit.ownerUserId(), "")))
                .toList();
    }

    /**
     * A page by relevance for a broad text, from the text's ranking: ranking every match reads every
     * matching row (4,700 for a broad word, 25-40 ms), so the ranked ids of a broad text are kept for
     * {@link #RANKING_TTL} and a page reads only its own rows, by primary key, in ranked order, each
     * tested against the whole filter again (a listing paused or changed since drops out at once).
     * Null when the text is not broad, or the ranking ran out before the page was full while more
     * matches lie beyond it: then the query proper answers.
     */
    private List<Hit> fromRanking(Query query, int offset, int limit) {
        long[] ranked = rankings.get(query.text, text -> rank(query));
        if (ranked.length == 0) {
            return null;
        }
        var page = new ArrayList<Hit>(limit);
        int skip = offset;
        // Twice the rows the page needs: dates usually leave most of a broad word's listings in, so one
        // read. When they leave few (a busy week), reading the ranking by primary key costs more than
        // the query proper (three pages a row against one), so after WALK_MAX times the page's depth
        // the query answers.
        int need = offset + limit;
        int chunk = 2 * need;
        for (int from = 0; from < ranked.length && page.size() < limit; from += chunk, chunk *= 2) {
            if (from >= WALK_MAX * need) {
                return null;
            }
            var ids = Arrays.stream(ranked, from, Math.min(from + chunk, ranked.length))
                    .boxed()
                    .toList();
            var params = new LinkedHashMap<>(query.params);
            params.put("ids", ids);
            Map<Long, Hit> found = new HashMap<>();
            jdbc.sql(SELECT + query.where + " and l.id in (:ids)")
                    .params(params)
                    .query(ListingSearch::map)
                    .list()
                    .forEach(hit -> found.put(hit.id(), hit));
            for (Long id : ids) {
                Hit hit = found.get(id);
                if (hit == null) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                } else if (page.size() < limit) {
                    page.add(hit);
                }
            }
        }
        return page.size() < limit && ranked.length >= RANKED_MAX ? null : page;
    }

    /**
     * The ids of the listings a text matches, best first, up to {@link #RANKED_MAX}; empty when they
     * are {@link #broadMatches} or fewer (the query proper is then as fast, and always fresh).
     */
    private long[] rank(Query query) {
        var text = new Query(Filter.any().withText(query.text));
        text.params.put("rankedMax", RANKED_MAX);
        var ids = jdbc.sql("select l.id from listings l" + text.where + text.orderBy() + " limit :rankedMax")
                .params(text.params)
                .query(Long.class)
                .list();
        return ids.size() > broadMatches
                ? ids.stream().mapToLong(Long::longValue).toArray()
                : new long[0];
    }

    /**
     * How many listings match the filter, exactly. A broad search reads every matching row for it:
     * what a person sees wants {@link #total} instead.
     */
    public int count(Filter filter) {
        var query = new Query(filter);
        planForTheseValues();
        return jdbc.sql("select count(*) from listings l" + query.where)
                .params(query.params)
                .query(Integer.class)
                .single();
    }

    /**
     * How many listings match the filter, up to {@link #COUNT_MAX}: what "1,000+ found" needs, at most
     * 1,001 rows read; none for a broad text alone whose ranking {@link #find} keeps (docs/search.md).
     */
    public Total total(Filter filter) {
        var query = new Query(filter);
        // A text alone whose kept ranking holds more than COUNT_MAX: "1,000+" without reading 1,001 rows
        // again (12 ms under load for a broad word), as old as the ranking the page comes from.
        long[] ranked = query.textOnly() ? rankings.getIfPresent(query.text) : null;
        if (ranked != null && ranked.length > COUNT_MAX) {
            return new Total(COUNT_MAX, true);
        }
        planForTheseValues();
        query.params.put("countLimit", COUNT_MAX + 1);
        int counted = jdbc.sql(
                        "select count(*) from (select 1 from listings l" + query.where + " limit :countLimit) as m")
                .params(query.params)
                .query(Integer.class)
                .single();
        return new Total(Math.min(counted, COUNT_MAX), counted > COUNT_MAX);
    }

    /**
     * The cities of the listings anyone can find, for the city filter: one per normal form (so "كرج"
     * and "کرج" are one), spelt as most of its listings spell it.
     */
    public List<String> cities() {
        return jdbc.sql("""
                        select mode() within group (order by city) from listings
                        where moderation = 'APPROVED' and availability = 'AVAILABLE' and search_city <> ''
                        group by search_city order by 1 limit 500""").query(String.class).list();
    }

    /**
     * Plans each search for its own values and in one process, for the rest of this transaction.
     * The JDBC driver prepares a statement it has run five times on the server, and PostgreSQL then
     * tends to keep one generic plan for all values: for a search that plan walks a city's price index
     * testing the words on every row (and parses the query text again on each), 120 ms where a plan
     * for the actual words reads 400 rows from the text index in 3 ms; planning costs a fraction of a
     * millisecond. Parallel workers, which PostgreSQL starts for a broad word with dates, cost more to
     * start and gather than the few thousand rows they share (171 ms against 24 ms on 2 busy cores).
     */
    private void planForTheseValues() {
        jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true),"
                        + " set_config('max_parallel_workers_per_gather', '0', true)")
                .query()
                .listOfRows();
    }

    /** The SQL of one filter: fixed text with named parameters, never the typed text itself. */
    private static final class Query {
        final Map<String, Object> params = new LinkedHashMap<>();
        final String where;
        final Sort sort;
        final boolean hasText;
        final String text;
        final boolean hasDates;
        /** Whether nothing but the text and dates narrow the search, ordered by relevance. */
        final boolean textAndDatesOnly;

        Query(Filter filter) {
            var sql = new StringBuilder(" where l.moderation = 'APPROVED' and l.availability = 'AVAILABLE'");
            text = SearchText.normalise(UserText.line(filter.text()));
            if (text.length() > SearchText.QUERY_MAX) {
                throw new UserInputException("search.tooLong", SearchText.QUERY_MAX);
            }
            hasText = !text.isEmpty();
            if (hasText) {
                // Whole words (websearch syntax: "phrases", -not, or), or every word a part of a word. A
                // part shorter than a trigram gives the trigram index nothing to look up (a scan of the
                // whole index), so words of one or two characters must be whole words there too.
                params.put("text", text);
                sql.append(" and (l.search_vector @@ websearch_to_tsquery('simple', :text) or (true");
                var words =
                        Arrays.stream(text.split(" ")).limit(PARTIAL_WORDS_MAX).toList();
                var shortWords = new ArrayList<String>();
                for (String word : words) {
                    if (word.length() < PARTIAL_MIN) {
                        shortWords.add(word);
                    } else {
                        String name = "part" + params.size();
                        sql.append(" and l.search_text like :").append(name);
                        params.put(name, LikePattern.containing(word));
                    }
                }
                if (!shortWords.isEmpty()) {
                    sql.append(" and l.search_vector @@ plainto_tsquery('simple', :shortWords)");
                    params.put("shortWords", String.join(" ", shortWords));
                }
                sql.append("))");
            }
            if (filter.category() != null) {
                sql.append(" and l.category = :category");
                params.put("category", filter.category().name());
            }
            // The city as search compares it (V28's search_city): one normal form, like the text.
            String city = SearchText.normalise(UserText.line(filter.city()));
            if (city.length() > Listing.CITY_MAX) {
                throw new UserInputException("listing.cityTooLong", Listing.CITY_MAX);
            }
            if (!city.isEmpty()) {
                sql.append(" and l.search_city = :city");
                params.put("city", city);
            }
            if (filter.minPrice() != null) {
                sql.append(" and l.daily_price >= :minPrice");
                params.put("minPrice", filter.minPrice());
            }
            if (filter.maxPrice() != null) {
                sql.append(" and l.daily_price <= :maxPrice");
                params.put("maxPrice", filter.maxPrice());
            }
            if (filter.minRating() != null) {
                if (filter.minRating() < ListingRatings.STARS_MIN || filter.minRating() > ListingRatings.STARS_MAX) {
                    throw new UserInputException(
                            "search.rating.range", ListingRatings.STARS_MIN, ListingRatings.STARS_MAX);
                }
                // average >= minRating without dividing: sum >= minRating * count
                sql.append(" and l.rating_count > 0 and l.rating_sum >= :minRating * l.rating_count");
                params.put("minRating", filter.minRating());
            }
            if (filter.from() != null || filter.to() != null) {
                LocalDate from =
                        filter.from() != null ? filter.from() : filter.to().minusDays(1);
                LocalDate to = filter.to() != null ? filter.to() : filter.from().plusDays(1);
                long days = ChronoUnit.DAYS.between(from, to);
                if (days < 1) {
                    throw new UserInputException("search.datesOrder");
                }
                if (days > DAYS_MAX) {
                    throw new UserInputException("search.datesTooLong", DAYS_MAX);
                }
                // listings.calendar_ranges: the listing's blocked and booked days, kept by V28's triggers.
                sql.append(" and l.min_days <= :days and l.max_days >= :days"
                        + " and not listing_calendar_overlaps(l.calendar_ranges, daterange(:from, :to, '[)'))");
                params.put("days", (int) days);
                params.put("from", from);
                params.put("to", to);
            }
            hasDates = filter.from() != null || filter.to() != null;
            where = sql.toString();
            sort = filter.sort() == null ? Sort.RELEVANCE : filter.sort();
            textAndDatesOnly = filter.category() == null
                    && city.isEmpty()
                    && filter.minPrice() == null
                    && filter.maxPrice() == null
                    && filter.minRating() == null;
        }

        /** Whether the text is the only filter. */
        boolean textOnly() {
            return hasText && textAndDatesOnly && !hasDates;
        }

        /** Whether a page can come from the text's ranking: by relevance, narrowed by dates at most. */
        boolean rankedByTextAlone() {
            return hasText && sort == Sort.RELEVANCE && textAndDatesOnly;
        }

        String orderBy() {
            return switch (sort) {
                case RELEVANCE ->
                    hasText
                            // ts_rank reads only the vector; word_similarity over whole texts cost ~0.15 ms a
                            // row, a second for a broad word (docs/benchmarks.md, search).
                            ? " order by ts_rank(l.search_vector, websearch_to_tsquery('simple', :text)) desc,"
                                    + " l.created_at desc, l.id desc"
                            : " order by l.created_at desc, l.id desc";
                case PRICE_ASC -> " order by l.daily_price, l.id";
                case PRICE_DESC -> " order by l.daily_price desc, l.id desc";
                case RATING ->
                    // the expression of V28's listings_visible_rating, word for word
                    " order by (case when l.rating_count = 0 then 0 else l.rating_sum::numeric / l.rating_count end) desc,"
                            + " l.rating_count desc, l.id desc";
                case NEWEST -> " order by l.created_at desc, l.id desc";
            };
        }
    }

    private static Hit map(ResultSet rs, int row) throws SQLException {
        return new Hit(
                rs.getLong("id"),
                rs.getString("title"),
                ListingCategory.valueOf(rs.getString("category")),
                rs.getString("city"),
                rs.getLong("owner_user_id"),
                "",
                rs.getLong("daily_price"),
                rs.getObject("weekly_price", Long.class),
                rs.getObject("monthly_price", Long.class),
                rs.getLong("deposit"),
                rs.getInt("rating_count"),
                rs.getInt("rating_sum"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("first_photo", Long.class));
    }
}
