-- Single-use links (email verification, password reset) are no longer stored in clear.
-- The notification keeps its text with the token redacted; the link itself is sealed with the field key,
-- bound to this row, and wiped when it expires.
alter table notifications
    add column carries_secret    boolean not null default false,
    add column secret_encrypted  varchar(1000),
    add column secret_expires_at timestamptz;

create index notifications_secret_expiry on notifications (secret_expires_at) where secret_encrypted is not null;

-- Links already stored in clear: redacted. Unsent ones are then dead (the worker fails them, resend refuses).
update notifications
set body = regexp_replace(body, '([?&]token=)[A-Za-z0-9_-]+', '\1••••', 'g'),
    subject = regexp_replace(subject, '([?&]token=)[A-Za-z0-9_-]+', '\1••••', 'g'),
    carries_secret = true
where event in ('EMAIL_VERIFICATION', 'PASSWORD_RESET');

update captured_mail
set body = regexp_replace(body, '([?&]token=)[A-Za-z0-9_-]+', '\1••••', 'g'),
    subject = regexp_replace(subject, '([?&]token=)[A-Za-z0-9_-]+', '\1••••', 'g')
where body ~ '[?&]token=';

-- Re-encrypting field values under the active key, one job at a time across all nodes.
create table crypto_rotation_jobs (
    id          bigint generated always as identity primary key,
    status      varchar(10)  not null default 'RUNNING' check (status in ('RUNNING', 'DONE', 'FAILED')),
    key_version varchar(40)  not null,
    started_by  varchar(300),
    started_at  timestamptz  not null default now(),
    heartbeat   timestamptz  not null default now(),
    finished_at timestamptz,
    total       integer      not null default 0,
    done        integer      not null default 0,
    failed      integer      not null default 0,
    error       text
);
create unique index crypto_rotation_jobs_one_running on crypto_rotation_jobs ((true)) where status = 'RUNNING';

insert into permissions (code, description)
values ('crypto.rotate', 'Re-encrypt stored personal data under the active key');
insert into role_permissions (role_code, permission_code) values ('ADMIN', 'crypto.rotate');
