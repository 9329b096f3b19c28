-- Zarinpal top-ups: one row per payment attempt, its timeline, and reconciliation findings.
-- Crediting is made exactly-once by a row lock on the payment plus the ledger's idempotency key
-- ('topup:' || id); the unique authority ties a gateway session to exactly one payment.

create table payments (
    id                bigint generated always as identity primary key,
    user_id           bigint       not null references users (id),
    amount            bigint       not null check (amount > 0),
    purpose           varchar(24)  not null check (purpose in ('WALLET_TOP_UP', 'TICKET_SHORTFALL')),
    purpose_reference varchar(64),
    status            varchar(16)  not null check (status in ('CREATED', 'REDIRECTED', 'VERIFIED', 'FAILED',
                                                              'CANCELLED', 'EXPIRED', 'REFUNDED')),
    -- the signed callback state's nonce: a callback must carry exactly this one
    nonce             varchar(64)  not null unique,
    authority         varchar(64) unique,
    ref_id            varchar(32),
    card_pan          varchar(32),
    fee               bigint check (fee >= 0),
    fee_type          varchar(16),
    last_code         integer,
    last_error        varchar(500),
    ledger_transaction_id bigint references ledger_transactions (id),
    refund_transaction_id bigint references ledger_transactions (id),
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now(),
    redirected_at     timestamptz,
    verified_at       timestamptz,
    closed_at         timestamptz,
    check (status in ('CREATED', 'FAILED') or authority is not null),
    check (status not in ('VERIFIED', 'REFUNDED') or ledger_transaction_id is not null)
);
create index payments_user on payments (user_id, id desc);
create index payments_open on payments (status, redirected_at) where status = 'REDIRECTED';

create table payment_events (
    id         bigint generated always as identity primary key,
    payment_id bigint       not null references payments (id),
    status     varchar(16)  not null,
    note       varchar(500),
    actor      varchar(254),
    created_at timestamptz  not null default now()
);
create index payment_events_payment on payment_events (payment_id, id);

create table payment_reconciliation_runs (
    id          bigint generated always as identity primary key,
    kind        varchar(16)  not null check (kind in ('PENDING', 'DAILY')),
    ran_at      timestamptz  not null default now(),
    checked     integer      not null,
    verified    integer      not null,
    expired     integer      not null,
    mismatches  integer      not null,
    triggered_by varchar(254) not null
);

create table payment_mismatches (
    id          bigint generated always as identity primary key,
    run_id      bigint       not null references payment_reconciliation_runs (id),
    payment_id  bigint references payments (id),
    authority   varchar(64),
    problem     varchar(500) not null,
    created_at  timestamptz  not null default now()
);
create index payment_mismatches_run on payment_mismatches (run_id);
