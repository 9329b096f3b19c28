-- Listings: assets a lender offers, moderated before others can see them, with a few photos.

create table listings (
    id               bigint generated always as identity primary key,
    owner_user_id    bigint        not null references users (id),
    title            varchar(120)  not null check (length(trim(title)) > 0),
    category         varchar(32)   not null,
    description      varchar(4000) not null default '',
    daily_price      bigint        not null check (daily_price > 0),
    availability     varchar(16)   not null default 'AVAILABLE' check (availability in ('AVAILABLE', 'PAUSED')),
    moderation       varchar(16)   not null default 'PENDING' check (moderation in ('PENDING', 'APPROVED', 'REJECTED', 'UNPUBLISHED')),
    moderation_note  varchar(500),
    moderated_by     varchar(254),
    moderated_at     timestamptz,
    created_at       timestamptz   not null default now(),
    updated_at       timestamptz   not null default now(),
    version          bigint        not null default 0
);
create index listings_owner on listings (owner_user_id, created_at desc);
create index listings_visible on listings (category, daily_price) where moderation = 'APPROVED' and availability = 'AVAILABLE';
create index listings_pending on listings (created_at) where moderation = 'PENDING';
create index listings_title_search on listings (lower(title) text_pattern_ops);

-- Photos live in the database: checked as real PNG, JPEG or WebP images on upload, served only as images.
create table listing_photos (
    id           bigint generated always as identity primary key,
    listing_id   bigint      not null references listings (id) on delete cascade,
    content_type varchar(32) not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
    bytes        bytea       not null,
    size_bytes   integer     not null check (size_bytes > 0 and size_bytes <= 2097152),
    sha256       char(64)    not null,
    position     integer     not null default 0,
    created_at   timestamptz not null default now(),
    unique (listing_id, sha256)
);
create index listing_photos_listing on listing_photos (listing_id, position);
