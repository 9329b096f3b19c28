-- Bookings by date: where a listing is, how long and how soon it may be rented, its weekly and
-- monthly rates and deposit; the dates its lender blocks; and the dates, quote and deposit of each
-- ticket. PostgreSQL itself keeps two accepted tickets of one listing from overlapping.
-- btree_gist is a trusted extension (PostgreSQL 13+): the database owner may create it.
create extension if not exists btree_gist;

alter table listings
    add column city           varchar(60)  not null default '',
    add column area           varchar(60)  not null default '',
    -- The exact address: shown to a borrower only once the lender has accepted their request.
    add column address        varchar(300) not null default '',
    add column min_days       integer      not null default 1 check (min_days between 1 and 365),
    add column max_days       integer      not null default 30 check (max_days between 1 and 365),
    -- Whole days between today (Tehran) and the earliest start a borrower may ask for.
    add column lead_days      integer      not null default 0 check (lead_days between 0 and 90),
    -- Optional cheaper rates: the price of 7 and of 30 days.
    add column weekly_price   bigint       check (weekly_price > 0),
    add column monthly_price  bigint       check (monthly_price > 0),
    add column deposit        bigint       not null default 0 check (deposit >= 0),
    -- The secret in the lender's iCalendar feed URL; replaced when the lender asks for a new one.
    add column calendar_token varchar(64)  unique,
    -- The item's published review stars (kept by the review module through ListingRatings), for
    -- the listing page, search's minimum-rating filter and sorting by rating.
    add column rating_count   integer      not null default 0 check (rating_count >= 0),
    add column rating_sum     integer      not null default 0 check (rating_sum >= 0),
    add constraint listings_rental_length check (min_days <= max_days);
create index listings_city on listings (city) where moderation = 'APPROVED';

-- A listing's calendar, [start, end) in Tehran days: the dates its lender keeps for themselves
-- (BLOCKED) and the dates of its accepted tickets (BOOKED, written by the ticket module through the
-- listing module's API). No two ranges of one listing overlap, whatever their kind. Search and
-- the iCalendar feed read availability from here.
create table listing_calendar (
    id          bigint generated always as identity primary key,
    listing_id  bigint       not null references listings (id) on delete cascade,
    during      daterange    not null check (not isempty(during) and lower_inc(during) and not upper_inc(during)
                                             and not lower_inf(during) and not upper_inf(during)),
    kind        varchar(8)   not null check (kind in ('BLOCKED', 'BOOKED')),
    ticket_id   bigint       unique,
    note        varchar(200) not null default '',
    created_at  timestamptz  not null default now(),
    check ((kind = 'BOOKED') = (ticket_id is not null)),
    exclude using gist (listing_id with =, during with &&)
);
create index listing_calendar_during on listing_calendar using gist (during);

-- A ticket's dates, [start_date, end_date) in Tehran days: end_date is the return day, days = end_date - start_date.
-- Tickets made before bookings by date have none.
alter table tickets
    add column start_date      date,
    add column end_date        date,
    -- The quote shown before the request and kept with it: which rate applied, the platform's fee
    -- (taken from the lender's payout) and the deposit held on the borrower's wallet on payment.
    add column rate_kind       varchar(8)   check (rate_kind in ('DAILY', 'WEEKLY', 'MONTHLY')),
    add column quoted_fee      bigint       not null default 0 check (quoted_fee >= 0),
    add column deposit         bigint       not null default 0 check (deposit >= 0),
    add column deposit_hold_id bigint       references ledger_holds (id),
    add constraint tickets_dates check ((start_date is null) = (end_date is null) and end_date > start_date),
    add constraint tickets_booked_dates_do_not_overlap
        exclude using gist (listing_id with =, daterange(start_date, end_date, '[)') with &&)
        where (start_date is not null and status in ('ACCEPTED', 'ACTIVE', 'DISPUTED'));

-- Accepting a request declines the pending requests for overlapping dates.
alter table tickets drop constraint tickets_cancel_reason_check;
alter table tickets add constraint tickets_cancel_reason_check
    check (cancel_reason in ('WITHDRAWN', 'DECLINED', 'PENDING_EXPIRED', 'PAYMENT_EXPIRED', 'DATES_TAKEN'));
create index tickets_listing_dates on tickets (listing_id, start_date) where start_date is not null;
