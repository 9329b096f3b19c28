-- Four eyes on large manual adjustments: an adjustment above assets.wallet.adjustment-approval-above
-- waits here until a second ADMIN (neither its requester nor the wallet's owner) approves or rejects it.
create table adjustment_requests (
    id                bigint generated always as identity primary key,
    request_key       varchar(64)  not null unique,
    user_id           bigint       not null references users (id),
    amount            bigint       not null check (amount <> 0),
    reason            varchar(500) not null,
    status            varchar(16)  not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    requested_by      bigint       not null references users (id),
    decided_by        varchar(254),
    decision_reason   varchar(500),
    transaction_id    bigint references ledger_transactions (id),
    created_at        timestamptz  not null default now(),
    decided_at        timestamptz,
    check (status <> 'APPROVED' or transaction_id is not null)
);
create index adjustment_requests_pending on adjustment_requests (created_at) where status = 'PENDING';
