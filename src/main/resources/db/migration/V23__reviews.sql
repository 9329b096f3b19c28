-- Reviews after a completed loan (docs/reviews.md): one round per completed ticket with its review
-- window, at most one review per side, reports of published reviews, and the moderator's permission.

-- A completed ticket's review round: when its window closes and when its reviews were published
-- (both written, or the window closed). Copied from the ticket on completion.
create table review_rounds (
    ticket_id        bigint      primary key references tickets (id),
    listing_id       bigint      not null references listings (id),
    borrower_user_id bigint      not null references users (id),
    lender_user_id   bigint      not null references users (id),
    completed_at     timestamptz not null,
    closes_at        timestamptz not null,
    published_at     timestamptz,
    check (closes_at >= completed_at)
);
-- The publishing job looks for these.
create index review_rounds_open on review_rounds (closes_at) where published_at is null;
create index review_rounds_borrower on review_rounds (borrower_user_id);
create index review_rounds_lender on review_rounds (lender_user_id);

-- One side's review of the other (and, from the borrower, of the item). Visible to others only once
-- its round is published and while no moderator has hidden it.
create table reviews (
    id              bigint generated always as identity primary key,
    ticket_id       bigint        not null references review_rounds (ticket_id),
    author_user_id  bigint        not null references users (id),
    subject_user_id bigint        not null references users (id),
    author_side     varchar(8)    not null check (author_side in ('BORROWER', 'LENDER')),
    stars           smallint      not null check (stars between 1 and 5),
    body            varchar(2000) not null default '',
    item_stars      smallint      check (item_stars between 1 and 5),
    created_at      timestamptz   not null default now(),
    hidden_at       timestamptz,
    hidden_by       bigint        references users (id),
    hidden_reason   varchar(500),
    check (author_user_id <> subject_user_id),
    -- only the borrower rates the item, and must
    check ((author_side = 'BORROWER') = (item_stars is not null)),
    check ((hidden_at is null) = (hidden_reason is null))
);
-- One review per side per ticket: the database refuses a second one whatever the Java does.
create unique index reviews_one_per_side on reviews (ticket_id, author_side);
create index reviews_subject on reviews (subject_user_id, created_at desc);
create index reviews_author on reviews (author_user_id);

-- Reports of abuse: once per user per review; resolved when a moderator hides or keeps the review.
create table review_reports (
    review_id        bigint       not null references reviews (id),
    reporter_user_id bigint       not null references users (id),
    reason           varchar(500) not null check (length(reason) > 0),
    created_at       timestamptz  not null default now(),
    resolved_at      timestamptz,
    primary key (review_id, reporter_user_id)
);
create index review_reports_open on review_reports (review_id) where resolved_at is null;

insert into permissions (code, description) values
    ('review.moderate', 'Read reported reviews and hide abusive ones');
insert into role_permissions (role_code, permission_code) values
    ('MODERATOR', 'review.moderate'),
    ('ADMIN', 'review.moderate');

-- "Review received": told to the reviewed user when the review is published.
with texts (event, language, subject, email_body, short_body) as (values
    ('REVIEW_RECEIVED', 'en', '{reviewer} reviewed you',
     E'Hello {name},\n\n{reviewer} reviewed your loan of {listing}: {stars} of 5 stars. The review is on your public profile.',
     'Assets: {reviewer} reviewed you ({stars}/5) for {listing}.'),
    ('REVIEW_RECEIVED', 'fa', '{reviewer} برای شما نظر نوشت',
     E'سلام {name}،\n\n{reviewer} دربارهٔ امانت {listing} برای شما نظر نوشت: {stars} از ۵ ستاره. این نظر در نمایهٔ عمومی شما دیده می‌شود.',
     'Assets: {reviewer} برای امانت {listing} به شما {stars} از ۵ ستاره داد.')
)
insert into notification_templates (event, channel, language, subject, body)
select t.event, c.channel, t.language, case when c.channel = 'EMAIL' then t.subject else '' end,
       case when c.channel = 'EMAIL' then t.email_body else t.short_body end
from texts t cross join (values ('EMAIL'), ('SMS'), ('WHATSAPP')) as c (channel);
