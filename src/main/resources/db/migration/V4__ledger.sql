-- Double-entry ledger: accounts with maintained balances, immutable journal transactions and
-- entries, and holds. Amounts are whole Rials. PostgreSQL itself enforces the invariants:
--   * the entries of a transaction sum to zero (deferred constraint trigger, checked at commit);
--   * a user wallet's available balance (posted - held) never goes below zero (check constraint);
--   * an idempotency key is used once (unique);
--   * entries and transactions are never updated or deleted (triggers); corrections are reversals.

create table ledger_accounts (
    id            bigint generated always as identity primary key,
    kind          varchar(20) not null check (kind in ('USER_WALLET', 'ESCROW', 'GATEWAY_CLEARING',
                                                       'PLATFORM_FEES', 'WITHDRAWALS', 'ADJUSTMENTS')),
    owner_user_id bigint references users (id),
    reference     varchar(64),
    posted        bigint      not null default 0,
    held          bigint      not null default 0 check (held >= 0),
    created_at    timestamptz not null default now(),
    check ((kind = 'USER_WALLET') = (owner_user_id is not null)),
    -- user wallets and escrow accounts hold real money: never below zero, holds included
    constraint ledger_accounts_available_not_negative
        check (kind not in ('USER_WALLET', 'ESCROW') or posted - held >= 0)
);
create unique index ledger_accounts_one_wallet on ledger_accounts (owner_user_id) where kind = 'USER_WALLET';
create unique index ledger_accounts_reference on ledger_accounts (kind, reference) where reference is not null;

create table ledger_transactions (
    id              bigint generated always as identity primary key,
    idempotency_key varchar(120) not null unique,
    content_hash    char(64)     not null,
    type            varchar(32)  not null,
    description     varchar(500),
    reverses_id     bigint unique references ledger_transactions (id),
    actor           varchar(254),
    created_at      timestamptz  not null default now()
);
create index ledger_transactions_created on ledger_transactions (created_at);

create table ledger_entries (
    id             bigint generated always as identity primary key,
    transaction_id bigint      not null references ledger_transactions (id),
    account_id     bigint      not null references ledger_accounts (id),
    amount         bigint      not null check (amount <> 0),
    balance_after  bigint      not null,
    created_at     timestamptz not null default now()
);
create index ledger_entries_account on ledger_entries (account_id, id);
create index ledger_entries_transaction on ledger_entries (transaction_id);

create table ledger_holds (
    id                     bigint generated always as identity primary key,
    account_id             bigint       not null references ledger_accounts (id),
    amount                 bigint       not null check (amount > 0),
    status                 varchar(16)  not null check (status in ('ACTIVE', 'CAPTURED', 'RELEASED')),
    idempotency_key        varchar(120) not null unique,
    purpose                varchar(200),
    capture_transaction_id bigint references ledger_transactions (id),
    created_at             timestamptz  not null default now(),
    resolved_at            timestamptz
);
create index ledger_holds_account on ledger_holds (account_id) where status = 'ACTIVE';

-- Every entry moves its account's posted balance and records the balance after it, atomically.
create function ledger_apply_entry() returns trigger
    language plpgsql as
$$
begin
    update ledger_accounts set posted = posted + new.amount where id = new.account_id
    returning posted into new.balance_after;
    if not found then
        raise exception 'ledger account % does not exist', new.account_id using errcode = 'foreign_key_violation';
    end if;
    return new;
end;
$$;
create trigger ledger_entries_apply
    before insert on ledger_entries
    for each row execute function ledger_apply_entry();

-- At commit, each transaction touched must have at least two entries summing to zero.
create function ledger_check_balanced() returns trigger
    language plpgsql as
$$
declare
    total bigint;
    legs  integer;
begin
    select coalesce(sum(amount), 0), count(*) into total, legs
    from ledger_entries where transaction_id = new.transaction_id;
    if total <> 0 or legs < 2 then
        raise exception 'ledger transaction % is unbalanced (sum %, % entries)', new.transaction_id, total, legs
            using errcode = 'check_violation';
    end if;
    return null;
end;
$$;
create constraint trigger ledger_entries_balanced
    after insert on ledger_entries
    deferrable initially deferred
    for each row execute function ledger_check_balanced();

create function ledger_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger ledger_entries_immutable before update or delete on ledger_entries
    for each row execute function ledger_refuse_change();
create trigger ledger_transactions_immutable before update or delete on ledger_transactions
    for each row execute function ledger_refuse_change();
create trigger ledger_entries_no_truncate before truncate on ledger_entries
    for each statement execute function ledger_refuse_change();
create trigger ledger_transactions_no_truncate before truncate on ledger_transactions
    for each statement execute function ledger_refuse_change();

-- System accounts, and a wallet for every user who already exists.
insert into ledger_accounts (kind, reference) values
    ('GATEWAY_CLEARING', 'system'), ('PLATFORM_FEES', 'system'), ('WITHDRAWALS', 'system'), ('ADJUSTMENTS', 'system');
insert into ledger_accounts (kind, owner_user_id) select 'USER_WALLET', id from users;

-- Withdrawal requests: the amount is held on the wallet until ADMIN approves (capture) or rejects (release).
create table withdrawals (
    id          bigint generated always as identity primary key,
    user_id     bigint       not null references users (id),
    amount      bigint       not null check (amount > 0),
    hold_id     bigint       not null unique references ledger_holds (id),
    status      varchar(16)  not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    reason      varchar(500),
    decided_by  varchar(254),
    created_at  timestamptz  not null default now(),
    decided_at  timestamptz
);
create index withdrawals_pending on withdrawals (created_at) where status = 'PENDING';


-- Every run of the ledger check, scheduled or from the UI.
create table ledger_check_runs (
    id           bigint generated always as identity primary key,
    ran_at       timestamptz not null default now(),
    triggered_by varchar(254),
    ok           boolean     not null,
    accounts     integer     not null,
    transactions integer     not null,
    problems     text
);
