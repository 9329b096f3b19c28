-- A user has at most one background export waiting or running. ReportExports inserts with
-- "on conflict (user_id) where status = 'RUNNING' do nothing", so of two requests at the same
-- moment only one gets a row; the other is told to wait for the first.
-- Failed exports now keep a code the view translates (QUEUE_FULL, INTERRUPTED, TOO_MANY_ROWS,
-- FAILED) instead of English text with exception details; the details are in the log.

update report_exports e set status = 'FAILED', error = 'INTERRUPTED', finished_at = now()
where e.status = 'RUNNING'
  and exists (select 1 from report_exports n where n.user_id = e.user_id and n.status = 'RUNNING' and n.id > e.id);

update report_exports set error = case
        when error = 'interrupted' then 'INTERRUPTED'
        when error = 'too many exports waiting' then 'QUEUE_FULL'
        when error in ('QUEUE_FULL', 'INTERRUPTED', 'TOO_MANY_ROWS', 'FAILED') then error
        else 'FAILED' end
where error is not null;

create unique index report_exports_one_running on report_exports (user_id) where status = 'RUNNING';
