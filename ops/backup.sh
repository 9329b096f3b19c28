#!/usr/bin/env bash
# Backs up the Assets database: pg_dump in custom format, the exact row count of every table taken
# in the same snapshot as the dump (ops/restore.sh compares a restore against it), sha256 checksums
# of both, an optional upload, and retention (dailies of the last 30 days, the first backup of each
# month kept for 12 months). Run it once a day (cron, a Kubernetes CronJob).
#
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass,
# PGDATABASE; default database "assets").
# Settings:
#   BACKUP_DIR           where backups live (default /var/backups/assets); daily/ and monthly/ below it
#   BACKUP_KEEP_DAILY    days of daily backups kept (default 30)
#   BACKUP_KEEP_MONTHLY  monthly backups kept (default 12)
#   BACKUP_UPLOAD_CMD    optional shell command run after a good backup with the dump, row-count and
#                        checksum files as "$1" "$2" "$3", e.g. 'aws s3 cp "$1" s3://bucket/ && ...';
#                        a failing upload fails the backup
#   BACKUP_METRICS_FILE  optional node_exporter textfile-collector file (*.prom) that receives
#                        assets_backup_last_success_timestamp_seconds and assets_backup_size_bytes
#                        (the "backup older than a day" alert reads them)
#   BACKUP_TIME          the backup's UTC time as YYYYmmddTHHMMSSZ (default now; tests)
set -euo pipefail

export PGDATABASE="${PGDATABASE:-assets}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/assets}"
KEEP_DAILY="${BACKUP_KEEP_DAILY:-30}"
KEEP_MONTHLY="${BACKUP_KEEP_MONTHLY:-12}"
STAMP="${BACKUP_TIME:-$(date -u +%Y%m%dT%H%M%SZ)}"
SQL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/sql"

fail() {
    echo "backup: $*" >&2
    exit 1
}

[[ "$STAMP" =~ ^[0-9]{8}T[0-9]{6}Z$ ]] || fail "BACKUP_TIME must look like 20260131T021500Z, not '$STAMP'"
for tool in pg_dump pg_restore psql sha256sum; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
done

mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/monthly"
base="$BACKUP_DIR/daily/$PGDATABASE-$STAMP"
dump="$base.dump"
counts="$base.counts"
sums="$base.sha256"
[[ -e "$dump" ]] && fail "$dump exists already"
trap 'rm -f "$dump.part" "$counts.part"' EXIT

# One read-only transaction holds a snapshot open: pg_dump dumps exactly that snapshot, and the
# row counts are taken in it, so they match the dump even while the application keeps writing.
coproc SNAPSHOT { psql -X -q -A -t -v ON_ERROR_STOP=1 2>&1; }
psql_pid="$SNAPSHOT_PID"
snapshot_in="${SNAPSHOT[1]}"
snapshot_out="${SNAPSHOT[0]}"
echo "begin transaction isolation level repeatable read read only; select pg_export_snapshot();" >&"$snapshot_in"
read -r -t 60 snapshot <&"$snapshot_out" || fail "could not open a snapshot of $PGDATABASE"
[[ "$snapshot" =~ ^[0-9A-F-]+$ ]] || fail "could not open a snapshot of $PGDATABASE: $snapshot"

# Every table's exact row count, in the same snapshot.
{ cat "$SQL_DIR/row-counts.sql"; echo "select '-- end of counts';"; } >&"$snapshot_in"
: >"$counts.part"
while read -r -t 600 line <&"$snapshot_out"; do
    [[ "$line" == "-- end of counts" ]] && break
    [[ "$line" =~ ^.+\ [0-9]+$ ]] || fail "counting rows failed: $line"
    echo "$line" >>"$counts.part"
done
[[ -s "$counts.part" ]] || fail "no tables found in $PGDATABASE"

pg_dump --format=custom --snapshot="$snapshot" --file="$dump.part"
echo "commit;" >&"$snapshot_in"
exec {snapshot_in}>&-
wait "$psql_pid" || true

# A dump pg_restore cannot list is no backup.
pg_restore --list "$dump.part" >/dev/null || fail "pg_restore cannot read the dump just written"
mv "$dump.part" "$dump"
mv "$counts.part" "$counts"
(cd "$(dirname "$dump")" && sha256sum "$(basename "$dump")" "$(basename "$counts")") >"$sums"
trap - EXIT

# The first backup of a month is also that month's monthly backup (a hard link: no extra space).
month="${STAMP:0:6}"
if ! compgen -G "$BACKUP_DIR/monthly/$PGDATABASE-$month*.dump" >/dev/null; then
    for f in "$dump" "$counts" "$sums"; do
        ln "$f" "$BACKUP_DIR/monthly/$(basename "$f")" 2>/dev/null || cp "$f" "$BACKUP_DIR/monthly/"
    done
fi

if [[ -n "${BACKUP_UPLOAD_CMD:-}" ]]; then
    bash -c "$BACKUP_UPLOAD_CMD" upload "$dump" "$counts" "$sums" || fail "upload failed (BACKUP_UPLOAD_CMD)"
fi

# Retention, by the date in each name: dailies older than KEEP_DAILY days, and all but the newest
# KEEP_MONTHLY monthlies, go (with their counts and checksums).
oldest_daily="$(date -u -d "${STAMP:0:8} - $((KEEP_DAILY - 1)) days" +%Y%m%d)"
for f in "$BACKUP_DIR/daily/$PGDATABASE"-*.dump; do
    [[ -e "$f" ]] || continue
    day="$(basename "$f" .dump)"
    day="${day#"$PGDATABASE"-}"
    if [[ "${day:0:8}" < "$oldest_daily" ]]; then
        rm -f "$f" "${f%.dump}.counts" "${f%.dump}.sha256"
    fi
done
mapfile -t monthlies < <(find "$BACKUP_DIR/monthly" -maxdepth 1 -name "$PGDATABASE-*.dump" | sort -r)
for f in "${monthlies[@]:$KEEP_MONTHLY}"; do
    rm -f "$f" "${f%.dump}.counts" "${f%.dump}.sha256"
done

size="$(stat -c %s "$dump")"
if [[ -n "${BACKUP_METRICS_FILE:-}" ]]; then
    cat >"$BACKUP_METRICS_FILE.part" <<METRICS
# HELP assets_backup_last_success_timestamp_seconds When the last good backup of the database finished.
# TYPE assets_backup_last_success_timestamp_seconds gauge
assets_backup_last_success_timestamp_seconds{database="$PGDATABASE"} $(date -u +%s)
# HELP assets_backup_size_bytes Size of the last good backup.
# TYPE assets_backup_size_bytes gauge
assets_backup_size_bytes{database="$PGDATABASE"} $size
METRICS
    mv "$BACKUP_METRICS_FILE.part" "$BACKUP_METRICS_FILE"
fi
echo "backup: $dump ($size bytes, $(wc -l <"$counts") tables)"
