-- Transfers a user tried to addresses without an account: after a few distinct ones within a day
-- the user's transfers pause (TransferMisses), so trying addresses cannot tell at scale which are
-- registered. The address is kept only as a SHA-256 hash.
create table transfer_misses (
    user_id        bigint      not null references users (id) on delete cascade,
    recipient_hash text        not null,
    missed_at      timestamptz not null,
    primary key (user_id, recipient_hash)
);
