-- Security deposits, condition reports and damage claims (issue 15, docs/deposits.md).
--   * A hold may be captured in part: the captured amount goes to an account, the rest is released.
--   * Condition reports at handover and return, with photos; once confirmed they never change
--     (triggers refuse updates and deletes of a confirmed report and any change to its photos).
--   * A ticket's deposit: held on payment, then released, or claimed in part or whole by the
--     lender, accepted by the borrower or decided by SUPPORT.

-- What a capture took; the rest of the hold went back to the account. Null while not captured.
alter table ledger_holds add column captured_amount bigint check (captured_amount > 0 and captured_amount <= amount);
update ledger_holds set captured_amount = amount where status = 'CAPTURED';
alter table ledger_holds add constraint ledger_holds_captured_amount
    check ((status = 'CAPTURED') = (captured_amount is not null));

-- A condition report: one per ticket and stage, written by one side and confirmed by the other
-- (or automatically once assets.ticket.deposit.condition-confirm-after has passed).
create table ticket_condition_reports (
    id                   bigint generated always as identity primary key,
    ticket_id            bigint        not null references tickets (id),
    stage                varchar(8)    not null check (stage in ('HANDOVER', 'RETURN')),
    author_user_id       bigint        not null references users (id),
    notes                varchar(2000) not null default '',
    status               varchar(12)   not null default 'SUBMITTED' check (status in ('SUBMITTED', 'CONFIRMED')),
    -- null when confirmed automatically
    confirmed_by_user_id bigint        references users (id),
    created_at           timestamptz   not null default now(),
    confirmed_at         timestamptz,
    unique (ticket_id, stage),
    check ((status = 'CONFIRMED') = (confirmed_at is not null)),
    check (confirmed_by_user_id is null or confirmed_by_user_id <> author_user_id)
);
create index ticket_condition_reports_submitted on ticket_condition_reports (created_at) where status = 'SUBMITTED';

-- Photos are real images (recognised by their bytes, decoded); the uploaded file name is never kept.
create table ticket_condition_photos (
    id           bigint generated always as identity primary key,
    report_id    bigint      not null references ticket_condition_reports (id),
    ticket_id    bigint      not null references tickets (id),
    content_type varchar(32) not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
    bytes        bytea       not null,
    size_bytes   integer     not null check (size_bytes > 0 and size_bytes <= 5242880),
    sha256       char(64)    not null,
    created_at   timestamptz not null default now()
);
create index ticket_condition_photos_report on ticket_condition_photos (report_id, id);

create function ticket_condition_report_frozen() returns trigger
    language plpgsql as
$$
begin
    if old.status = 'CONFIRMED' then
        raise exception 'condition report % is confirmed: % refused', old.id, tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger ticket_condition_reports_frozen before update or delete on ticket_condition_reports
    for each row execute function ticket_condition_report_frozen();

create function ticket_condition_photo_frozen() returns trigger
    language plpgsql as
$$
declare
    report bigint := case when tg_op = 'INSERT' then new.report_id else old.report_id end;
begin
    if exists (select 1 from ticket_condition_reports where id = report and status = 'CONFIRMED')
       or (tg_op = 'UPDATE' and exists (select 1 from ticket_condition_reports where id = new.report_id and status = 'CONFIRMED')) then
        raise exception 'condition report % is confirmed: % of a photo refused', report, tg_op using errcode = 'insufficient_privilege';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger ticket_condition_photos_frozen before insert or update or delete on ticket_condition_photos
    for each row execute function ticket_condition_photo_frozen();

-- A ticket's deposit, from the hold on payment to its end (tickets.deposit_hold_id names the hold).
--   HELD      during the loan (and while a dispute over it is open)
--   AWAITING  returned: the lender releases it or files a claim before decide_by
--   CLAIMED   the lender claims claim_amount; the borrower accepts or disputes (before answer_by)
--   DISPUTED  SUPPORT decides (captured_amount 0..claim_amount)
--   RELEASED  all of it back to the borrower (by the lender, or automatically after decide_by)
--   SETTLED   captured_amount to the lender, the rest back to the borrower
create table ticket_deposits (
    ticket_id          bigint        primary key references tickets (id),
    amount             bigint        not null check (amount > 0),
    status             varchar(10)   not null default 'HELD'
                       check (status in ('HELD', 'AWAITING', 'CLAIMED', 'DISPUTED', 'RELEASED', 'SETTLED')),
    decide_by          timestamptz,
    claim_amount       bigint        check (claim_amount > 0 and claim_amount <= amount),
    claim_text         varchar(2000),
    claimed_at         timestamptz,
    answer_by          timestamptz,
    dispute_reason     varchar(1000),
    disputed_at        timestamptz,
    captured_amount    bigint        check (captured_amount >= 0 and captured_amount <= claim_amount),
    resolution         varchar(16)   check (resolution in ('RELEASED', 'AUTO_RELEASED', 'ACCEPTED', 'DECIDED')),
    decided_by_user_id bigint        references users (id),
    decision_reason    varchar(1000),
    resolved_at        timestamptz,
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now(),
    check ((status in ('RELEASED', 'SETTLED')) = (resolution is not null and resolved_at is not null)),
    check ((status in ('CLAIMED', 'DISPUTED', 'SETTLED')) = (claim_amount is not null))
);
create index ticket_deposits_awaiting on ticket_deposits (decide_by) where status = 'AWAITING';
create index ticket_deposits_claimed on ticket_deposits (answer_by) where status = 'CLAIMED';
create index ticket_deposits_disputed on ticket_deposits (disputed_at) where status = 'DISPUTED';

-- The evidence of a claim: condition reports of its ticket (with their photos).
create table ticket_claim_evidence (
    ticket_id bigint not null references ticket_deposits (ticket_id),
    report_id bigint not null references ticket_condition_reports (id),
    primary key (ticket_id, report_id)
);

-- SUPPORT decides disputed damage claims (ADMIN holds every permission).
insert into permissions (code, description) values ('claim.decide', 'Decide disputed damage claims on deposits');
insert into role_permissions (role_code, permission_code) values ('SUPPORT', 'claim.decide'), ('ADMIN', 'claim.decide');

-- Notifications: deposit held and released, claim filed and decided, in both languages.
with texts (event, language, subject, email_body, short_body) as (values
    ('DEPOSIT_HELD', 'en', 'Deposit held for {listing}',
     E'Hello {name},\n\nA deposit of {amount} for {listing} is held on your wallet during the loan. It is not paid to anyone: it comes back to you after the return unless the lender claims damage.',
     'Assets: deposit of {amount} held for {listing}.'),
    ('DEPOSIT_HELD', 'fa', 'ودیعه {listing} نگه داشته شد',
     E'سلام {name}،\n\nودیعه‌ای به مبلغ {amount} برای {listing} در مدت امانت در کیف پول شما نگه داشته می‌شود. این مبلغ به کسی پرداخت نمی‌شود: پس از بازگرداندن به شما برمی‌گردد، مگر آنکه امانت‌دهنده ادعای خسارت کند.',
     'Assets: ودیعه {amount} برای {listing} نگه داشته شد.'),
    ('DEPOSIT_RELEASED', 'en', 'Your deposit for {listing} is free again',
     E'Hello {name},\n\nThe deposit of {amount} for {listing} is released and available in your wallet again.',
     'Assets: deposit of {amount} for {listing} released.'),
    ('DEPOSIT_RELEASED', 'fa', 'ودیعه {listing} آزاد شد',
     E'سلام {name}،\n\nودیعه {amount} برای {listing} آزاد شد و دوباره در کیف پول شما در دسترس است.',
     'Assets: ودیعه {amount} برای {listing} آزاد شد.'),
    ('CLAIM_FILED', 'en', 'Damage claim on {listing}',
     E'Hello {name},\n\nThe lender of {listing} claims {amount} from your deposit for damage. Open the ticket to accept the claim or dispute it.',
     'Assets: damage claim of {amount} on {listing}. Accept or dispute it in the ticket.'),
    ('CLAIM_FILED', 'fa', 'ادعای خسارت برای {listing}',
     E'سلام {name}،\n\nامانت‌دهنده {listing} مبلغ {amount} از ودیعه شما را بابت خسارت ادعا کرده است. درخواست را باز کنید تا ادعا را بپذیرید یا به آن اعتراض کنید.',
     'Assets: ادعای خسارت {amount} برای {listing}. در درخواست بپذیرید یا اعتراض کنید.'),
    ('CLAIM_DECIDED', 'en', 'The damage claim on {listing} is decided',
     E'Hello {name},\n\nThe damage claim on {listing} is decided: {amount} of the deposit goes to the lender, the rest is released. {reason}',
     'Assets: claim on {listing} decided: {amount} to the lender. {reason}'),
    ('CLAIM_DECIDED', 'fa', 'درباره ادعای خسارت {listing} تصمیم گرفته شد',
     E'سلام {name}،\n\nدرباره ادعای خسارت {listing} تصمیم گرفته شد: {amount} از ودیعه به امانت‌دهنده می‌رسد و باقی آزاد می‌شود. {reason}',
     'Assets: تصمیم ادعای {listing}: {amount} به امانت‌دهنده. {reason}')
)
insert into notification_templates (event, channel, language, subject, body)
select t.event, c.channel, t.language, case when c.channel = 'EMAIL' then t.subject else '' end,
       case when c.channel = 'EMAIL' then t.email_body else t.short_body end
from texts t cross join (values ('EMAIL'), ('SMS'), ('WHATSAPP')) as c (channel);

-- Reports: deposits and claims can be exported like the other datasets.
alter table report_exports drop constraint report_exports_dataset_check;
alter table report_exports add constraint report_exports_dataset_check
    check (dataset in ('TRANSACTIONS', 'PAYMENTS', 'TICKETS', 'NOTIFICATIONS', 'AUDIT_LOG', 'DEPOSITS'));
