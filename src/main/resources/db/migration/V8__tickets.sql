-- Lending tickets: a borrower's request for a listing, its money in escrow, its history and its thread.

create table tickets (
    id                bigint generated always as identity primary key,
    request_key       varchar(64)  not null unique,
    listing_id        bigint       not null references listings (id),
    listing_title     varchar(120) not null,
    borrower_user_id  bigint       not null references users (id),
    lender_user_id    bigint       not null references users (id),
    days              integer      not null check (days between 1 and 365),
    price             bigint       not null check (price > 0),
    status            varchar(16)  not null default 'PENDING'
                      check (status in ('PENDING', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED', 'DISPUTED')),
    cancel_reason     varchar(32)  check (cancel_reason in ('WITHDRAWN', 'DECLINED', 'PENDING_EXPIRED', 'PAYMENT_EXPIRED')),
    hold_id           bigint       references ledger_holds (id),
    escrow_account_id bigint       references ledger_accounts (id),
    created_at        timestamptz  not null default now(),
    accepted_at       timestamptz,
    activated_at      timestamptz,
    due_at            timestamptz,
    ended_at          timestamptz,
    due_soon_sent_at  timestamptz,
    overdue_sent_at   timestamptz,
    disputed_at       timestamptz,
    dispute_reason    varchar(1000),
    lender_payout     bigint,
    platform_fee      bigint,
    borrower_refund   bigint,
    settlement_note   varchar(1000),
    updated_at        timestamptz  not null default now(),
    check (borrower_user_id <> lender_user_id)
);
create index tickets_borrower on tickets (borrower_user_id, created_at desc);
create index tickets_lender on tickets (lender_user_id, created_at desc);
-- The timers look for these.
create index tickets_pending on tickets (created_at) where status = 'PENDING';
create index tickets_accepted on tickets (accepted_at) where status = 'ACCEPTED';
create index tickets_active_due on tickets (due_at) where status = 'ACTIVE';

-- What happened to a ticket, in order: the timeline both sides see.
create table ticket_events (
    id         bigint generated always as identity primary key,
    ticket_id  bigint        not null references tickets (id),
    at         timestamptz   not null default now(),
    actor      varchar(254),
    kind       varchar(32)   not null,
    detail     varchar(1000)
);
create index ticket_events_ticket on ticket_events (ticket_id, id);

-- The thread between borrower and lender (and SUPPORT once disputed).
create table ticket_comments (
    id             bigint generated always as identity primary key,
    ticket_id      bigint        not null references tickets (id),
    author_user_id bigint        not null references users (id),
    body           varchar(2000) not null default '',
    created_at     timestamptz   not null default now()
);
create index ticket_comments_ticket on ticket_comments (ticket_id, id);

-- Attachments are recognised by their first bytes (images and PDF); the uploaded file name is never kept.
create table ticket_attachments (
    id           bigint generated always as identity primary key,
    comment_id   bigint      not null references ticket_comments (id),
    ticket_id    bigint      not null references tickets (id),
    content_type varchar(32) not null check (content_type in ('image/png', 'image/jpeg', 'image/webp', 'application/pdf')),
    bytes        bytea       not null,
    size_bytes   integer     not null check (size_bytes > 0 and size_bytes <= 5242880),
    sha256       char(64)    not null,
    created_at   timestamptz not null default now()
);
create index ticket_attachments_comment on ticket_attachments (comment_id);
