-- REST API v1 (docs/api.md): refresh tokens and idempotency keys of money-moving requests.
-- Numbered 20 to stay clear of migrations other branches add meanwhile (V13, V14, ...).

-- A refresh token is stored only as the SHA-256 of its random value. Every refresh marks the row
-- used and issues a new one in the same family; presenting a used token again revokes the family.
create table api_refresh_tokens (
    id             bigint generated always as identity primary key,
    user_id        bigint       not null references users (id) on delete cascade,
    family         uuid         not null,
    token_hash     char(64)     not null unique,
    -- SHA-256 of the password hash when the family started: a changed password ends the family.
    password_stamp char(64)     not null,
    user_agent     varchar(300),
    client_address varchar(64),
    created_at     timestamptz  not null default now(),
    expires_at     timestamptz  not null,
    used_at        timestamptz,
    revoked_at     timestamptz
);
create index api_refresh_tokens_family on api_refresh_tokens (family);
create index api_refresh_tokens_user on api_refresh_tokens (user_id);

-- The first request with a key fixes the request's fingerprint; the same key with another body is refused.
create table api_idempotency_keys (
    user_id         bigint      not null references users (id) on delete cascade,
    idempotency_key varchar(100) not null,
    operation       varchar(50) not null,
    request_hash    char(64)    not null,
    created_at      timestamptz not null default now(),
    primary key (user_id, idempotency_key)
);
