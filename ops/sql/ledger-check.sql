-- The ledger check of app.assets.ledger.LedgerCheck as one query, for a database no application
-- runs on (a restored backup): one line per problem, none when the ledger is sound. Keep the two in step.
select 'account ' || a.id || ': posted ' || a.posted || ' but entries sum to ' || coalesce(sum(e.amount), 0)
from ledger_accounts a left join ledger_entries e on e.account_id = a.id
group by a.id having a.posted <> coalesce(sum(e.amount), 0)
union all
select 'account ' || a.id || ': held ' || a.held || ' but active holds sum to ' || coalesce(h.total, 0)
from ledger_accounts a
left join (select account_id, sum(amount) as total from ledger_holds where status = 'ACTIVE' group by account_id) h
       on h.account_id = a.id
where a.held <> coalesce(h.total, 0)
union all
select 'account ' || a.id || ' is below zero'
from ledger_accounts a where a.kind in ('USER_WALLET', 'ESCROW') and a.posted - a.held < 0
union all
select 'transaction ' || t.id || ' sums to ' || coalesce(sum(e.amount), 0) || ' over ' || count(e.id) || ' entries'
from ledger_transactions t left join ledger_entries e on e.transaction_id = t.id
group by t.id having coalesce(sum(e.amount), 0) <> 0 or count(e.id) < 2
union all
select 'the ledger as a whole sums to ' || total || ' instead of 0'
from (select coalesce(sum(posted), 0) as total from ledger_accounts) s where total <> 0;
