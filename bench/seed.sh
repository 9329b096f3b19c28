#!/usr/bin/env bash
# Seeds a PostgreSQL database with a year of made-up activity (1,000,000 ledger entries and 100,000
# tickets at scale 1) and computes its daily aggregates. See docs/reports.md.
#   bench/seed.sh [jdbc-url] [scale]      e.g. bench/seed.sh jdbc:postgresql://127.0.0.1:5432/assets_demo 0.1
# Without a URL it seeds a fresh throw-away test database (handy to time the seeding itself).
set -euo pipefail
cd "$(dirname "$0")/.."
URL="${1:-}"
SCALE="${2:-1}"
exec ./mvnw -B -ntp -Pbench test -Dtest=SeedDatabase -Dsurefire.failIfNoSpecifiedTests=false \
  -Dseed.url="$URL" -Dseed.scale="$SCALE" -Dseed.user="${SEED_DB_USER:-postgres}" -Dseed.password="${SEED_DB_PASSWORD:-}"
