-- Outgoing email kept here when no SMTP server is configured, so a local run's links still work.

create table captured_mail (
    id         bigint generated always as identity primary key,
    recipient  varchar(254)  not null,
    subject    varchar(300)  not null,
    body       text          not null,
    created_at timestamptz   not null default now()
);
create index captured_mail_created on captured_mail (created_at desc);
