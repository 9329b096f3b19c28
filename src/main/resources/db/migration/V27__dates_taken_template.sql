-- A pending request whose dates the lender gave to another request (accepting it) is cancelled with
-- DATES_TAKEN; the borrower now hears that, with the listing and the dates asked for ({from} is the
-- first day, {to} the last, written in the borrower's language), instead of a plain "declined".
with texts (event, language, subject, email_body, short_body) as (values
    ('TICKET_DATES_TAKEN', 'en', 'The dates you asked for {listing} were taken',
     E'Hello {name},\n\nThe lender of {listing} accepted another request for the days you asked for, {from} to {to}, so your request was cancelled. Nothing was charged. Other dates may still be free: open the listing to pick them.',
     'Assets: the lender of {listing} accepted another request for {from} to {to}; yours was cancelled.'),
    ('TICKET_DATES_TAKEN', 'fa', 'تاریخ‌های درخواستی شما برای {listing} گرفته شد',
     E'سلام {name}،\n\nامانت‌دهنده {listing} درخواست دیگری را برای روزهایی که شما خواسته بودید، {from} تا {to}، پذیرفت؛ بنابراین درخواست شما لغو شد. مبلغی از شما کسر نشده است. شاید تاریخ‌های دیگری هنوز آزاد باشند: آگهی را باز کنید و آن‌ها را انتخاب کنید.',
     'Assets: امانت‌دهنده {listing} درخواست دیگری را برای {from} تا {to} پذیرفت؛ درخواست شما لغو شد.')
)
insert into notification_templates (event, channel, language, subject, body)
select t.event, c.channel, t.language, case when c.channel = 'EMAIL' then t.subject else '' end,
       case when c.channel = 'EMAIL' then t.email_body else t.short_body end
from texts t cross join (values ('EMAIL'), ('SMS'), ('WHATSAPP')) as c (channel);
