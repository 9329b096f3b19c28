-- The database defends itself against the application's own role (issue 12, section 7; docs/security.md).
--   * An account's posted balance changes only through ledger entries, and its held sum only through
--     holds: a trigger refuses any other change of ledger_accounts.posted or .held. The entry trigger
--     (ledger_apply_entry) and the hold trigger below change them from inside a trigger, which is how
--     the guard tells them apart from a statement of the caller's (pg_trigger_depth()).
--   * Nobody but the owner keeps UPDATE, DELETE or TRUNCATE on the append-only tables; their triggers
--     refuse even the owner, and only an owner or a superuser could disable them.

-- Holds move the account's held sum themselves, so the application never writes ledger_accounts.held.
create function ledger_holds_apply() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        raise exception 'ledger_holds: a hold is never deleted (release it)' using errcode = 'insufficient_privilege';
    end if;
    if tg_op = 'INSERT' then
        if new.status <> 'ACTIVE' then
            raise exception 'ledger_holds: a hold starts ACTIVE' using errcode = 'check_violation';
        end if;
        update ledger_accounts set held = held + new.amount where id = new.account_id;
        return new;
    end if;
    if new.account_id <> old.account_id or new.amount <> old.amount then
        raise exception 'ledger_holds: the account and amount of hold % never change', old.id
            using errcode = 'insufficient_privilege';
    end if;
    if old.status = 'ACTIVE' and new.status <> 'ACTIVE' then
        update ledger_accounts set held = held - old.amount where id = old.account_id;
    elsif old.status <> new.status then
        raise exception 'ledger_holds: hold % is % and stays so', old.id, old.status using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;
create trigger ledger_holds_move_held
    before insert or update or delete on ledger_holds
    for each row execute function ledger_holds_apply();

create function ledger_accounts_guard_balances() returns trigger
    language plpgsql as
$$
begin
    -- Depth 1 is a statement of the caller's; the entry and hold triggers run this one at depth 2.
    if pg_trigger_depth() = 1
       and ((tg_op = 'INSERT' and (new.posted <> 0 or new.held <> 0))
            or (tg_op = 'UPDATE' and (new.posted <> old.posted or new.held <> old.held))) then
        raise exception 'ledger_accounts: balances change only through ledger entries and holds (% refused)', tg_op
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;
create trigger ledger_accounts_balances_from_entries
    before insert or update on ledger_accounts
    for each row execute function ledger_accounts_guard_balances();

-- Append-only by design: the audit log, the journal, and the timelines and records of what happened.
do
$$
declare
    privilege record;
begin
    for privilege in
        select distinct c.relname as table_name,
                        case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end as grantee
        from pg_class c
                 cross join lateral aclexplode(c.relacl) a
                 left join pg_roles r on r.oid = a.grantee
        where c.relnamespace = 'public'::regnamespace
          and c.relname in ('audit_log', 'ledger_transactions', 'ledger_entries', 'ledger_check_runs',
                            'payment_events', 'payment_reconciliation_runs', 'payment_mismatches', 'ticket_events')
          and a.grantee <> c.relowner
          and a.privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')
        loop
            execute format('revoke update, delete, truncate on table %I from %s', privilege.table_name, privilege.grantee);
        end loop;
end;
$$;
