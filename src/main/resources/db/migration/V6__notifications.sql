-- Notifications: templates per event, channel and language; the outbox of notifications (one row
-- per message to send, written in the transaction of the event that caused it); per-user channel
-- preferences; broadcasts. Captured mail now records the channel too (SMS and WhatsApp are
-- captured when Twilio is not configured).

create table notification_templates (
    event      varchar(40)  not null,
    channel    varchar(10)  not null check (channel in ('EMAIL', 'SMS', 'WHATSAPP')),
    language   varchar(8)   not null check (language in ('en', 'fa')),
    subject    varchar(200) not null default '',
    body       text         not null check (length(body) between 1 and 4000),
    updated_at timestamptz  not null default now(),
    updated_by varchar(254),
    primary key (event, channel, language)
);

create table broadcasts (
    id             bigint generated always as identity primary key,
    subject        varchar(200) not null,
    body           text         not null,
    channels       varchar(40)  not null,
    audience       varchar(20)  not null check (audience in ('EVERYONE', 'ROLE', 'BALANCE_ABOVE')),
    audience_value varchar(64),
    recipients     integer      not null default 0,
    enqueued       integer      not null default 0,
    status         varchar(10)  not null default 'SENDING' check (status in ('SENDING', 'DONE')),
    created_by     varchar(254),
    created_at     timestamptz  not null default now(),
    finished_at    timestamptz
);

create table notifications (
    id            bigint generated always as identity primary key,
    delivery_id   uuid         not null unique,
    event         varchar(40)  not null,
    category      varchar(16)  not null,
    channel       varchar(10)  not null check (channel in ('EMAIL', 'SMS', 'WHATSAPP')),
    user_id       bigint references users (id) on delete set null,
    recipient     varchar(300) not null,
    language      varchar(8)   not null,
    subject       varchar(300) not null default '',
    body          text         not null,
    status        varchar(10)  not null default 'QUEUED' check (status in ('QUEUED', 'SENT', 'FAILED')),
    attempts      integer      not null default 0,
    created_at    timestamptz  not null default now(),
    published_at  timestamptz,
    claimed_until timestamptz,
    sent_at       timestamptz,
    provider_id     varchar(100),
    provider_status varchar(30),
    error_log     text,
    broadcast_id  bigint references broadcasts (id)
);
-- the relay's work list: rows not yet handed to RabbitMQ
create index notifications_unpublished on notifications (id) where published_at is null;
create index notifications_created on notifications (created_at desc);
create index notifications_status on notifications (status, channel);
create index notifications_provider on notifications (provider_id) where provider_id is not null;
create index notifications_broadcast on notifications (broadcast_id) where broadcast_id is not null;

-- Only what a user switched off or on differently from the default (every channel on).
create table notification_preferences (
    user_id  bigint      not null references users (id) on delete cascade,
    category varchar(16) not null check (category in ('ACCOUNT', 'MONEY', 'SUPPORT', 'ANNOUNCEMENTS')),
    channel  varchar(10) not null check (channel in ('EMAIL', 'SMS', 'WHATSAPP')),
    enabled  boolean     not null,
    primary key (user_id, category, channel)
);

alter table captured_mail add column channel varchar(10) not null default 'EMAIL';
alter table captured_mail alter column recipient type varchar(300);

-- Seed: one text per event and language; email gets a subject and a longer body, SMS and WhatsApp the short body.
with texts (event, language, subject, email_body, short_body) as (values
    ('EMAIL_VERIFICATION', 'en', 'Verify your email for Assets',
     E'Hello {name},\n\nOpen this link to verify your email and activate your Assets account:\n\n{link}\n\nThe link works once and expires in {minutes} minutes. If you did not sign up, ignore this email.',
     'Assets: verify your email: {link}'),
    ('EMAIL_VERIFICATION', 'fa', 'ایمیل خود را در Assets تأیید کنید',
     E'سلام {name}،\n\nبرای تأیید ایمیل و فعال شدن حساب Assets این پیوند را باز کنید:\n\n{link}\n\nاین پیوند یک بار کار می‌کند و تا {minutes} دقیقه معتبر است. اگر ثبت‌نام نکرده‌اید، این ایمیل را نادیده بگیرید.',
     'Assets: تأیید ایمیل: {link}'),
    ('PASSWORD_RESET', 'en', 'Reset your Assets password',
     E'Hello {name},\n\nOpen this link to choose a new password:\n\n{link}\n\nThe link works once and expires in {minutes} minutes. If you did not ask for this, ignore this email; your password stays as it is.',
     'Assets: reset your password: {link}'),
    ('PASSWORD_RESET', 'fa', 'بازنشانی گذرواژه Assets',
     E'سلام {name}،\n\nبرای انتخاب گذرواژه تازه این پیوند را باز کنید:\n\n{link}\n\nاین پیوند یک بار کار می‌کند و تا {minutes} دقیقه معتبر است. اگر شما درخواست نکرده‌اید، این ایمیل را نادیده بگیرید؛ گذرواژه شما تغییر نمی‌کند.',
     'Assets: بازنشانی گذرواژه: {link}'),
    ('NEW_SIGN_IN', 'en', 'New sign-in to your Assets account',
     E'Hello {name},\n\nYour account was signed in to at {time}. If this was not you, reset your password now.', 'Assets: new sign-in at {time}. Not you? Reset your password.'),
    ('NEW_SIGN_IN', 'fa', 'ورود تازه به حساب Assets',
     E'سلام {name}،\n\nدر {time} به حساب شما وارد شدند. اگر شما نبودید، همین حالا گذرواژه را بازنشانی کنید.', 'Assets: ورود تازه در {time}. شما نبودید؟ گذرواژه را بازنشانی کنید.'),
    ('TOPUP_SUCCEEDED', 'en', 'Your wallet was topped up', E'Hello {name},\n\n{amount} was added to your wallet.', 'Assets: {amount} added to your wallet.'),
    ('TOPUP_SUCCEEDED', 'fa', 'کیف پول شما شارژ شد', E'سلام {name}،\n\n{amount} به کیف پول شما افزوده شد.', 'Assets: {amount} به کیف پول شما افزوده شد.'),
    ('TOPUP_FAILED', 'en', 'Your top-up did not go through', E'Hello {name},\n\nThe top-up of {amount} failed: {reason}', 'Assets: top-up of {amount} failed: {reason}'),
    ('TOPUP_FAILED', 'fa', 'شارژ کیف پول انجام نشد', E'سلام {name}،\n\nشارژ {amount} انجام نشد: {reason}', 'Assets: شارژ {amount} انجام نشد: {reason}'),
    ('TRANSFER_RECEIVED', 'en', 'You received {amount}', E'Hello {name},\n\n{sender} sent you {amount}.', 'Assets: {sender} sent you {amount}.'),
    ('TRANSFER_RECEIVED', 'fa', '{amount} دریافت کردید', E'سلام {name}،\n\n{sender} مبلغ {amount} برای شما فرستاد.', 'Assets: {sender} مبلغ {amount} برای شما فرستاد.'),
    ('WITHDRAWAL_APPROVED', 'en', 'Your withdrawal was approved', E'Hello {name},\n\nYour withdrawal of {amount} was approved and will be paid to your bank account.', 'Assets: withdrawal of {amount} approved.'),
    ('WITHDRAWAL_APPROVED', 'fa', 'برداشت شما تأیید شد', E'سلام {name}،\n\nبرداشت {amount} تأیید شد و به حساب بانکی شما واریز می‌شود.', 'Assets: برداشت {amount} تأیید شد.'),
    ('WITHDRAWAL_REJECTED', 'en', 'Your withdrawal was rejected', E'Hello {name},\n\nYour withdrawal of {amount} was rejected: {reason}\nThe amount is available in your wallet again.', 'Assets: withdrawal of {amount} rejected: {reason}'),
    ('WITHDRAWAL_REJECTED', 'fa', 'برداشت شما رد شد', E'سلام {name}،\n\nبرداشت {amount} رد شد: {reason}\nاین مبلغ دوباره در کیف پول شما در دسترس است.', 'Assets: برداشت {amount} رد شد: {reason}'),
    ('TICKET_CREATED', 'en', 'New request for {listing}', E'Hello {name},\n\n{borrower} asks to borrow {listing} for {days} days at {amount}.', 'Assets: {borrower} asks to borrow {listing} for {days} days.'),
    ('TICKET_CREATED', 'fa', 'درخواست تازه برای {listing}', E'سلام {name}،\n\n{borrower} می‌خواهد {listing} را {days} روز با {amount} امانت بگیرد.', 'Assets: {borrower} می‌خواهد {listing} را {days} روز امانت بگیرد.'),
    ('TICKET_ACCEPTED', 'en', 'Your request for {listing} was accepted', E'Hello {name},\n\nYour request for {listing} was accepted. Pay {amount} to start the loan.', 'Assets: request for {listing} accepted; pay {amount}.'),
    ('TICKET_ACCEPTED', 'fa', 'درخواست شما برای {listing} پذیرفته شد', E'سلام {name}،\n\nدرخواست شما برای {listing} پذیرفته شد. برای شروع، {amount} بپردازید.', 'Assets: درخواست {listing} پذیرفته شد؛ {amount} بپردازید.'),
    ('TICKET_DECLINED', 'en', 'Your request for {listing} was declined', E'Hello {name},\n\nYour request for {listing} was declined.', 'Assets: request for {listing} declined.'),
    ('TICKET_DECLINED', 'fa', 'درخواست شما برای {listing} رد شد', E'سلام {name}،\n\nدرخواست شما برای {listing} رد شد.', 'Assets: درخواست {listing} رد شد.'),
    ('ESCROW_CAPTURED', 'en', 'Payment for {listing} is in escrow', E'Hello {name},\n\n{amount} for {listing} is held in escrow; the loan is active.', 'Assets: {amount} for {listing} in escrow.'),
    ('ESCROW_CAPTURED', 'fa', 'پرداخت {listing} در امانت است', E'سلام {name}،\n\n{amount} برای {listing} نزد Assets امانت است و امانت‌دهی آغاز شد.', 'Assets: {amount} برای {listing} در امانت است.'),
    ('LOAN_DUE_SOON', 'en', '{listing} is due on {date}', E'Hello {name},\n\nThe loan of {listing} ends on {date}.', 'Assets: {listing} is due on {date}.'),
    ('LOAN_DUE_SOON', 'fa', 'موعد {listing} در {date} است', E'سلام {name}،\n\nامانت {listing} در {date} به پایان می‌رسد.', 'Assets: موعد {listing} در {date} است.'),
    ('LOAN_OVERDUE', 'en', '{listing} is overdue', E'Hello {name},\n\nThe loan of {listing} ended on {date} and is overdue.', 'Assets: {listing} is overdue since {date}.'),
    ('LOAN_OVERDUE', 'fa', 'موعد {listing} گذشته است', E'سلام {name}،\n\nامانت {listing} در {date} به پایان رسید و دیر شده است.', 'Assets: موعد {listing} از {date} گذشته است.'),
    ('LOAN_COMPLETED', 'en', 'The loan of {listing} is completed', E'Hello {name},\n\nThe loan of {listing} is completed and settled: {amount}.', 'Assets: loan of {listing} completed, {amount} settled.'),
    ('LOAN_COMPLETED', 'fa', 'امانت {listing} به پایان رسید', E'سلام {name}،\n\nامانت {listing} به پایان رسید و تسویه شد: {amount}.', 'Assets: امانت {listing} تمام و {amount} تسویه شد.'),
    ('DISPUTE_OPENED', 'en', 'A dispute was opened on {listing}', E'Hello {name},\n\nA dispute was opened on the loan of {listing}. Support will read the thread.', 'Assets: dispute opened on {listing}.'),
    ('DISPUTE_OPENED', 'fa', 'برای {listing} اختلاف ثبت شد', E'سلام {name}،\n\nبرای امانت {listing} اختلاف ثبت شد. پشتیبانی گفت‌وگو را بررسی می‌کند.', 'Assets: برای {listing} اختلاف ثبت شد.'),
    ('DISPUTE_RESOLVED', 'en', 'The dispute on {listing} is resolved', E'Hello {name},\n\nThe dispute on {listing} is resolved: {reason}', 'Assets: dispute on {listing} resolved.'),
    ('DISPUTE_RESOLVED', 'fa', 'اختلاف {listing} حل شد', E'سلام {name}،\n\nاختلاف {listing} حل شد: {reason}', 'Assets: اختلاف {listing} حل شد.'),
    ('LISTING_APPROVED', 'en', '{listing} is published', E'Hello {name},\n\nYour listing {listing} was approved and is visible to others.', 'Assets: {listing} approved.'),
    ('LISTING_APPROVED', 'fa', '{listing} منتشر شد', E'سلام {name}،\n\nآگهی {listing} تأیید شد و برای دیگران دیده می‌شود.', 'Assets: {listing} تأیید شد.'),
    ('LISTING_REJECTED', 'en', '{listing} was not approved', E'Hello {name},\n\nYour listing {listing} was not approved: {reason}', 'Assets: {listing} not approved: {reason}'),
    ('LISTING_REJECTED', 'fa', '{listing} تأیید نشد', E'سلام {name}،\n\nآگهی {listing} تأیید نشد: {reason}', 'Assets: {listing} تأیید نشد: {reason}'),
    ('RECONCILIATION_MISMATCH', 'en', 'Payment reconciliation found a mismatch', E'Hello {name},\n\nReconciliation found a mismatch on payment {payment}: {reason}', 'Assets: reconciliation mismatch on {payment}.'),
    ('RECONCILIATION_MISMATCH', 'fa', 'تطبیق پرداخت‌ها ناهمخوانی یافت', E'سلام {name}،\n\nتطبیق پرداخت‌ها برای پرداخت {payment} ناهمخوانی یافت: {reason}', 'Assets: ناهمخوانی در پرداخت {payment}.'),
    ('BROADCAST', 'en', '{subject}', E'{message}', '{message}'),
    ('BROADCAST', 'fa', '{subject}', E'{message}', '{message}')
)
insert into notification_templates (event, channel, language, subject, body)
select t.event, c.channel, t.language, case when c.channel = 'EMAIL' then t.subject else '' end,
       case when c.channel = 'EMAIL' then t.email_body else t.short_body end
from texts t cross join (values ('EMAIL'), ('SMS'), ('WHATSAPP')) as c (channel);
