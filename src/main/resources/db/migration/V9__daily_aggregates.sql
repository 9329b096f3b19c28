-- Daily aggregates: the admin dashboard's read model (docs/reports.md, "Daily aggregates and the
-- admin dashboard"). A scheduled job (report/service/AggregateJob) writes one row per calendar day
-- of assets.report.zone (Asia/Tehran by default) and may rewrite any past day; the dashboard reads
-- only these tables, never the raw ledger. Amounts are whole Rials.

create table daily_aggregates (
    report_date          date        primary key,
    total_users          bigint      not null,   -- users created before the end of the day
    new_users            bigint      not null,   -- users created during the day
    total_tickets        bigint      not null,   -- tickets created before the end of the day
    new_tickets          bigint      not null,
    active_loans         bigint      not null,   -- tickets paid into escrow and not yet ended at the end of the day
    completed_tickets    bigint      not null,   -- tickets that ended COMPLETED during the day (returns and settled disputes)
    cancelled_tickets    bigint      not null,   -- tickets that ended CANCELLED during the day
    total_volume         bigint      not null,   -- price of the tickets paid into escrow during the day
    fees                 bigint      not null,   -- net ledger entries into PLATFORM_FEES during the day (platform revenue)
    top_up_volume        bigint      not null,   -- amount of the payments verified during the day (all purposes)
    payments_verified    bigint      not null,   -- payments verified during the day
    payments_failed      bigint      not null,   -- payments closed FAILED, CANCELLED or EXPIRED during the day
    payments_pending     bigint      not null,   -- payments created and not yet closed at the end of the day
    email_sent           bigint      not null,   -- notifications created during the day, by channel and status now
    email_failed         bigint      not null,
    sms_sent             bigint      not null,
    sms_failed           bigint      not null,
    whatsapp_sent        bigint      not null,
    whatsapp_failed      bigint      not null,
    wallet_balance_sum   bigint      not null,   -- sum of ledger entries on USER_WALLET accounts up to the end of the day
    ledger_wallet_sum    bigint,                 -- sum of ledger_accounts.posted of USER_WALLET accounts, only for today
    computed_at          timestamptz not null
);

-- The ticket figures again, split by the listing's category and the borrower's segment
-- (NEW: account younger than 30 days when the ticket was created; ESTABLISHED otherwise), so the
-- dashboard filters without touching the tickets table. A day has a row for each category and
-- segment with tickets created by its end.
create table daily_ticket_aggregates (
    report_date    date        not null references daily_aggregates (report_date) on delete cascade,
    category       varchar(32) not null,
    segment        varchar(16) not null check (segment in ('NEW', 'ESTABLISHED')),
    total_tickets  bigint      not null,  -- created before the end of the day
    new_tickets    bigint      not null,
    activated      bigint      not null,  -- paid into escrow during the day
    completed      bigint      not null,
    cancelled      bigint      not null,
    active_at_end  bigint      not null,
    volume         bigint      not null,  -- price of the tickets activated during the day
    fees           bigint      not null,  -- platform_fee of the tickets completed during the day
    primary key (report_date, category, segment)
);

-- What the job's day-bounded queries need.
create index if not exists ledger_entries_created on ledger_entries (created_at);
create index if not exists users_created on users (created_at);
create index if not exists tickets_created on tickets (created_at);
create index if not exists tickets_activated on tickets (activated_at) where activated_at is not null;
create index if not exists tickets_ended on tickets (ended_at) where ended_at is not null;
create index if not exists payments_created on payments (created_at);
create index if not exists payments_closed on payments (closed_at) where closed_at is not null;

insert into permissions (code, description) values ('report.recompute', 'Recompute daily aggregates');
insert into role_permissions (role_code, permission_code) values ('ADMIN', 'report.recompute');
