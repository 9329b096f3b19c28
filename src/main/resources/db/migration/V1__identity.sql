-- Identity: users, roles, permissions, role grants, sign-in tokens and throttling.

create table roles (
    code varchar(32) primary key
);

create table permissions (
    code        varchar(64) primary key,
    description varchar(200) not null
);

create table role_permissions (
    role_code       varchar(32) not null references roles (code) on delete cascade,
    permission_code varchar(64) not null references permissions (code) on delete cascade,
    primary key (role_code, permission_code)
);

create table users (
    id              bigint generated always as identity primary key,
    email           varchar(254) not null,
    password_hash   varchar(200),
    display_name    varchar(100) not null,
    phone_encrypted varchar(500),
    language        varchar(8)   not null default 'en' check (language in ('en', 'fa')),
    email_verified  boolean      not null default false,
    locked          boolean      not null default false,
    created_at      timestamptz  not null default now(),
    version         bigint       not null default 0,
    check (length(trim(display_name)) > 0),
    check (position('@' in email) > 1)
);
create unique index users_email_unique on users (lower(email));

create table user_roles (
    user_id   bigint      not null references users (id) on delete cascade,
    role_code varchar(32) not null references roles (code),
    primary key (user_id, role_code)
);

-- Single-use links for email verification and password reset; only a SHA-256 of the token is kept.
create table user_tokens (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references users (id) on delete cascade,
    purpose    varchar(20) not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    token_hash char(64)    not null unique,
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null default now()
);
create index user_tokens_user on user_tokens (user_id, purpose);

-- Spring Security's persistent remember-me tokens (rotated on every use).
create table persistent_logins (
    username  varchar(254) not null,
    series    varchar(64) primary key,
    token     varchar(64) not null,
    last_used timestamp   not null
);
create index persistent_logins_username on persistent_logins (username);

-- Accounts at external OAuth2/OIDC providers linked to a user.
create table oauth_identities (
    provider   varchar(64)  not null,
    subject    varchar(255) not null,
    user_id    bigint       not null references users (id) on delete cascade,
    created_at timestamptz  not null default now(),
    primary key (provider, subject)
);

-- Failed sign-ins per account and per client address, for throttling and temporary lockout.
create table login_throttle (
    throttle_key   varchar(300) primary key,
    failures       integer     not null,
    window_started timestamptz not null,
    blocked_until  timestamptz
);

insert into roles (code) values ('USER'), ('MODERATOR'), ('SUPPORT'), ('AUDITOR'), ('ADMIN');

insert into permissions (code, description) values
    ('user.manage', 'Manage users: lock, unlock, grant and revoke roles'),
    ('user.read', 'Read any user''s profile'),
    ('role.manage', 'Edit the permission matrix'),
    ('audit.read', 'Read the audit log'),
    ('mailbox.read', 'Read captured outgoing email'),
    ('listing.moderate', 'Approve, reject or unpublish listings'),
    ('ticket.read.any', 'Read any lending ticket'),
    ('dispute.settle', 'Settle disputed tickets'),
    ('wallet.read.any', 'Read any wallet'),
    ('wallet.adjust', 'Post manual ledger adjustments'),
    ('withdrawal.approve', 'Approve or reject withdrawals'),
    ('ledger.check', 'Run the ledger check'),
    ('payment.manage', 'Verify and refund payments'),
    ('report.read.all', 'Read all reports'),
    ('report.export', 'Export reports'),
    ('notification.broadcast', 'Send broadcasts'),
    ('notification.manage', 'Edit templates and resend notifications');

insert into role_permissions (role_code, permission_code) values
    ('MODERATOR', 'listing.moderate'),
    ('SUPPORT', 'ticket.read.any'),
    ('SUPPORT', 'dispute.settle'),
    ('SUPPORT', 'user.read'),
    ('AUDITOR', 'audit.read'),
    ('AUDITOR', 'wallet.read.any'),
    ('AUDITOR', 'ledger.check'),
    ('AUDITOR', 'report.read.all'),
    ('AUDITOR', 'report.export');

insert into role_permissions (role_code, permission_code)
select 'ADMIN', code from permissions;
