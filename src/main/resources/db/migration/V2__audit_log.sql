-- Append-only audit log: the database itself refuses UPDATE, DELETE and TRUNCATE.

create table audit_log (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz  not null default now(),
    actor          varchar(254),
    client_address varchar(64),
    method         varchar(200),
    entity         varchar(64),
    entity_id      varchar(64),
    action         varchar(64)  not null,
    outcome        varchar(16)  not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    details        varchar(2000)
);
create index audit_log_occurred on audit_log (occurred_at desc);
create index audit_log_actor on audit_log (lower(actor));

create function audit_log_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_delete
    before update or delete on audit_log
    for each row execute function audit_log_refuse_change();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_refuse_change();
