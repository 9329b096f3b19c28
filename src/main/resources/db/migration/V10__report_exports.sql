-- Report exports that run in the background (bigger than assets.report.export.background-threshold rows),
-- kept for a day so their owner can download them later. Only the owner may download one.

create table report_exports (
    id          bigint generated always as identity primary key,
    user_id     bigint        not null references users (id) on delete cascade,
    dataset     varchar(20)   not null check (dataset in ('TRANSACTIONS', 'PAYMENTS', 'TICKETS', 'NOTIFICATIONS', 'AUDIT_LOG')),
    format      varchar(4)    not null check (format in ('CSV', 'PDF')),
    language    varchar(8)    not null,
    filters     varchar(1000) not null default '',
    status      varchar(8)    not null default 'RUNNING' check (status in ('RUNNING', 'DONE', 'FAILED')),
    rows_total  integer       not null default 0 check (rows_total >= 0),
    rows_done   integer       not null default 0 check (rows_done >= 0),
    file_name   varchar(200),
    content     bytea,
    created_at  timestamptz   not null default now(),
    finished_at timestamptz,
    error       varchar(500),
    check ((status = 'DONE') = (content is not null))
);
create index report_exports_owner on report_exports (user_id, created_at desc);
create index report_exports_created on report_exports (created_at);
