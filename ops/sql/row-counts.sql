-- The exact row count of every table, one "schema.table count" line each, in name order. ops/backup.sh
-- runs it in the snapshot it dumps; ops/restore.sh runs it on the restored database and compares.
select format('%I.%I', table_schema, table_name) || ' '
       || (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', table_schema, table_name),
                                              false, true, '')))[1]::text
from information_schema.tables
where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
order by 1;
