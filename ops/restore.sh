#!/usr/bin/env bash
# Restores a backup made by ops/backup.sh into a NEW database and proves it whole: the checksums
# match, every table has exactly the rows it had in the dumped snapshot (the .counts file written
# beside the dump), and the ledger check finds nothing wrong. Exits non-zero on any difference and
# leaves the restored database for inspection; it never touches an existing database.
#
#   ops/restore.sh BACKUP.dump NEW_DATABASE
#
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass) of a role
# that may create databases. Settings:
#   RESTORE_NO_OWNER=1  restore without the dump's owners and grants (into a cluster lacking its roles)
#   RESTORE_JOBS        parallel pg_restore jobs (default 1)
set -euo pipefail

SQL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/sql"

fail() {
    echo "restore: $*" >&2
    exit 1
}

[[ $# -eq 2 ]] || fail "usage: $0 BACKUP.dump NEW_DATABASE"
dump="$1"
target="$2"
counts="${dump%.dump}.counts"
sums="${dump%.dump}.sha256"
for f in "$dump" "$counts" "$sums"; do
    [[ -f "$f" ]] || fail "$f is missing"
done
[[ "$target" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "the new database's name must be lower case letters, digits and _"

(cd "$(dirname "$dump")" && sha256sum --check --quiet "$(basename "$sums")") || fail "checksums do not match: $sums"

exists="$(psql -X -A -t -v ON_ERROR_STOP=1 -v name="$target" -d postgres <<<"select count(*) from pg_database where datname = :'name';")"
[[ "$exists" == "0" ]] || fail "database $target exists: restore only into a new database"

createdb --template=template0 "$target"
options=(--exit-on-error --jobs="${RESTORE_JOBS:-1}" --dbname="$target")
if [[ "${RESTORE_NO_OWNER:-}" == "1" ]]; then
    options+=(--no-owner --no-privileges)
fi
pg_restore "${options[@]}" "$dump" || fail "pg_restore failed; $target is left as it got"

restored_counts="$(mktemp)"
trap 'rm -f "$restored_counts"' EXIT
psql -X -A -t -v ON_ERROR_STOP=1 -d "$target" -f "$SQL_DIR/row-counts.sql" >"$restored_counts"
if ! diff -u --label "rows in the backup" --label "rows restored into $target" "$counts" "$restored_counts"; then
    fail "row counts differ (above); $target is left for inspection"
fi

has_ledger="$(psql -X -A -t -v ON_ERROR_STOP=1 -d "$target" -c "select to_regclass('ledger_accounts') is not null")"
if [[ "$has_ledger" == "t" ]]; then
    problems="$(psql -X -A -t -v ON_ERROR_STOP=1 -d "$target" -f "$SQL_DIR/ledger-check.sql")"
    if [[ -n "$problems" ]]; then
        echo "$problems" >&2
        fail "the ledger check found problems (above); $target is left for inspection"
    fi
    ledger="ledger check passed"
else
    ledger="no ledger tables, ledger check skipped"
fi
echo "restore: $dump restored into $target: $(wc -l <"$counts") tables with the same row counts, $ledger"
