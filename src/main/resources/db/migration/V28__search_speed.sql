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
