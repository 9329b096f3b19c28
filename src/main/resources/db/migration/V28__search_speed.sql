-- Search under 50 ms (docs/search.md, "Speed"; docs/benchmarks.md, "Search"): the city filter
-- compares normal forms, and city and category narrow a text search inside its GIN indexes, so
-- PostgreSQL reads only the rows of one city instead of every listing the words match.
-- btree_gin (trusted, PostgreSQL 13+) lets a GIN index hold plain columns beside the text.
create extension if not exists btree_gin;

-- The city as search compares it: the one normal form of V24 (Arabic yeh and kaf, digits, spaces,
-- ASCII case), so "كرج" and "کرج " are one city in the filter and in the city list.
alter table listings
    add column search_city text generated always as (listing_search_normalise(city)) stored;

-- V24's text indexes, now with city and category inside: "دوربین in Tehran" is one index lookup.
-- A multicolumn GIN index serves any subset of its columns, so text alone still uses them.
drop index listings_search_vector;
drop index listings_search_trigrams;
create index listings_search_vector on listings using gin (search_vector, search_city, category)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';
create index listings_search_trigrams on listings using gin (search_text gin_trgm_ops, search_city, category)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';

-- Without text: a city's listings by price, and a city's listings of one category newest first,
-- each read in order so a page stops after its rows.
drop index listings_visible_city_price;
create index listings_visible_city_price on listings (search_city, daily_price, id)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';
create index listings_visible_city_category_newest on listings (search_city, category, created_at desc, id desc)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';

-- Best rated first, the order ListingSearch writes (the average, then the number of ratings): read
-- in order instead of sorting every listing.
create index listings_visible_rating on listings (
        (case when rating_count = 0 then 0 else rating_sum::numeric / rating_count end) desc, rating_count desc, id desc)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';

-- The days a listing is taken (every BLOCKED and BOOKED range of listing_calendar, as one
-- multirange) on its own row, so the date filter is a test of a row search has read anyway
-- instead of an index look-up per listing: 4,700 look-ups took 50-400 ms for a broad word with
-- dates. Kept by the triggers below; ranges of one listing never overlap (V21's exclusion
-- constraint), so removing a range's days removes exactly that range.
alter table listings
    add column calendar_ranges datemultirange not null default '{}';
update listings l set calendar_ranges = c.taken
from (select listing_id, range_agg(during) as taken from listing_calendar group by listing_id) c
where c.listing_id = l.id;

-- One statement-level function for inserts, updates and deletes (transition tables, so a bulk
-- change updates each listing once). Adding and subtracting on the row's current value stays right
-- when two transactions change one listing's calendar at once: the second update waits for the
-- first and recomputes from the committed row.
create function listing_calendar_ranges_kept() returns trigger
    language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        update listings l set calendar_ranges = l.calendar_ranges - r.taken
        from (select listing_id, range_agg(during) as taken from removed group by listing_id) r
        where l.id = r.listing_id;
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        update listings l set calendar_ranges = l.calendar_ranges + a.taken
        from (select listing_id, range_agg(during) as taken from added group by listing_id) a
        where l.id = a.listing_id;
    end if;
    return null;
end $$;
create trigger listing_calendar_added after insert on listing_calendar
    referencing new table as added for each statement execute function listing_calendar_ranges_kept();
create trigger listing_calendar_changed after update on listing_calendar
    referencing old table as removed new table as added for each statement execute function listing_calendar_ranges_kept();
create trigger listing_calendar_removed after delete on listing_calendar
    referencing old table as removed for each statement execute function listing_calendar_ranges_kept();

create function listing_calendar_ranges_emptied() returns trigger
    language plpgsql as $$
begin
    update listings set calendar_ranges = '{}' where calendar_ranges <> '{}';
    return null;
end $$;
create trigger listing_calendar_truncated after truncate on listing_calendar
    for each statement execute function listing_calendar_ranges_emptied();

-- Whether any taken day falls in the wanted dates. plpgsql on purpose: the planner estimates a
-- multirange overlap from each row's bounding range, which spans every booking a listing ever had,
-- so "not taken" is estimated at almost no rows and it would sort whole tables instead of reading an
-- index in order; a function call gets a neutral estimate. About a microsecond a row.
create function listing_calendar_overlaps(taken datemultirange, wanted daterange) returns boolean
    language plpgsql immutable strict parallel safe as $$
begin
    return taken && wanted;
end $$;
