-- Search over listings in Persian and English: a normalised copy of title and description, a
-- full-text vector over it, and trigram indexes so parts of words match. See docs/search.md.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
create extension if not exists pg_trgm;

-- The one rule for search text, kept identical to the Java side (listing/domain/SearchText,
-- SearchNormalisationTest compares both): A-Z lower-cased (ASCII only, so no locale decides);
-- Persian and Arabic-Indic digits to Latin; Arabic letter forms to the Persian ones (ي ى -> ی,
-- ك -> ک, ة ۀ -> ه, أ إ ٱ -> ا); tatweel, zero-width (non-)joiners, direction marks and the Arabic
-- diacritics (U+064B-U+065F, U+0670) removed; runs of white space to one space; ends trimmed.
create function listing_search_normalise(raw text) returns text
    language sql immutable strict parallel safe
return btrim(regexp_replace(
        translate(raw,
                  'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || U&'\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9'
                      || U&'\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669'
                      || U&'\064A\0649\0643\0629\06C0\0623\0625\0671'
                      || U&'\0640\200C\200D\200E\200F\0670'
                      || U&'\064B\064C\064D\064E\064F\0650\0651\0652\0653\0654\0655\0656\0657\0658\0659\065A\065B\065C\065D\065E\065F',
                  'abcdefghijklmnopqrstuvwxyz' || '0123456789' || '0123456789'
                      || U&'\06CC\06CC\06A9\0647\0647\0627\0627\0627'),
        U&'[ \0009\000A\000B\000C\000D\00A0]+', ' ', 'g'), ' ');

alter table listings
    -- What partial-word matching (LIKE over the trigram index) and similarity read.
    add column search_text   text     generated always as (listing_search_normalise(title || ' ' || description)) stored,
    -- Whole words; the title weighs more than the description in the ranking.
    add column search_vector tsvector generated always as (
        setweight(to_tsvector('simple'::regconfig, listing_search_normalise(title)), 'A')
            || setweight(to_tsvector('simple'::regconfig, listing_search_normalise(description)), 'B')) stored;

-- Search reads only approved, available listings: every index below covers just those.
create index listings_search_vector on listings using gin (search_vector)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';
create index listings_search_trigrams on listings using gin (search_text gin_trgm_ops)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';
create index listings_visible_city_price on listings (city, daily_price)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';
create index listings_visible_price on listings (daily_price, id)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';
create index listings_visible_newest on listings (created_at desc, id desc)
    where moderation = 'APPROVED' and availability = 'AVAILABLE';
