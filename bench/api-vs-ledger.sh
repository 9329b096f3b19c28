#!/usr/bin/env bash
# Transfers over the REST API against the ledger's postings (issue 13's "transfers at least half of
# the ledger benchmark's rate"), with the most a transfer could reach on this machine in the same run.
#
#   bench/api-vs-ledger.sh                 # runs ApiLoadBenchmarkTest and LedgerBenchmarkTest (10 s each)
#   bench/api-vs-ledger.sh --tables-only   # reads target/benchmarks/{api,ledger}.md of an earlier run
#   bench/api-vs-ledger.sh --variants      # where a transfer's time goes (see below)
#
# Both tests run in one Maven invocation, one after the other, on the same machine. For each client
# count both measured, it prints:
#   - transfers/s (POST /api/v1/wallet/transfer), ledger postings/s (10,000 accounts) and their ratio;
#   - the bound: a transfer does at least what GET /api/v1/wallet does (an HTTP call with a token and
#     one query) and one ledger posting. With the cores saturated, the core-time of the two adds up,
#     so transfers/s can be at most 1 / (1/W + 1/L) for W calls of /wallet and L postings per second,
#     that is W / (W + L) of the ledger's rate, before the idempotency claim, the audit row, the
#     recipient's lookup and the notification a real transfer also does.
#
# --variants measures transfers alone three times, with bench/transfer-variants.patch applied to the
# working tree for the run (and taken out again however the script ends; the tree's WalletService.java,
# WalletApi.java must be unchanged): "full" (the transfer as shipped), "no-notification" (without the
# recipient's notification: no rows, no relay, broker or consumer work) and "bare" (also without the
# Idempotency-Key claim, the pause check and the audit row: HTTP, token, JSON, the recipient's lookup
# and the posting), then the ledger benchmark, and prints each variant's ratio to the ledger.
#
# Environment: BENCH_SECONDS (10), BENCH_USERS (100).
set -euo pipefail
cd "$(dirname "$0")/.."
api=target/benchmarks/api.md
ledger=target/benchmarks/ledger.md
maven=(./mvnw -q -Pbench test -Dbench.seconds="${BENCH_SECONDS:-10}" -Dbench.users="${BENCH_USERS:-100}"
  -Djacoco.skip=true -Dspotless.check.skip=true -Dspotbugs.skip=true)

# The table of one API run (its api.md) against a ledger run (its ledger.md), per client count measured in both.
# Rows look like "| POST /api/v1/wallet/transfer | 8 | 646 | ..." and "| 8 | 2980 | 1262 | ..."; a transfers-only
# run has no /wallet row, so no bound.
ratios() {
  for f in "$1" "$2"; do
    [[ -f $f ]] || { echo "missing $f: run without --tables-only first" >&2; exit 1; }
  done
  awk -F'|' '
    FNR == NR && $2 ~ /wallet\/transfer/ { gsub(/ /, "", $3); gsub(/ /, "", $4); transfer[$3] = $4 }
    FNR == NR && $2 ~ /GET \/api\/v1\/wallet *$/ { gsub(/ /, "", $3); gsub(/ /, "", $4); wallet[$3] = $4 }
    FNR != NR && $2 ~ /^ *[0-9]+ *$/ { gsub(/ /, "", $2); gsub(/ /, "", $3); posting[$2] = $3 }
    END {
      print "| clients | transfers/s | GET /wallet/s | ledger postings/s | transfers / ledger | bound W/(W+L) |"
      print "| --- | --- | --- | --- | --- | --- |"
      for (c = 1; c <= 64; c++) {
        if (!(c in transfer) || !(c in posting) || posting[c] == 0) continue
        w = (c in wallet) ? wallet[c] : 0
        bound = (w > 0) ? sprintf("%.2f", w / (w + posting[c])) : "-"
        printf "| %d | %d | %s | %d | %.2f | %s |\n", c, transfer[c], (w > 0 ? w : "-"), posting[c], transfer[c] / posting[c], bound
      }
    }' "$1" "$2"
}

if [[ "${1:-}" == "--variants" ]]; then
  patch=bench/transfer-variants.patch
  git apply --check "$patch"
  git apply "$patch"
  trap 'git apply -R bench/transfer-variants.patch' EXIT
  for variant in full no-notification bare; do
    "${maven[@]}" -Dtest=ApiLoadBenchmarkTest -Dbench.only=transfer -DargLine="-Dbench.transfer-variant=$variant"
    cp "$api" "target/benchmarks/api-$variant.md"
  done
  git apply -R "$patch"
  trap - EXIT
  "${maven[@]}" -Dtest=LedgerBenchmarkTest -Dbench.clients=1,8,32
  for variant in full no-notification bare; do
    echo "transfer variant: $variant"
    ratios "target/benchmarks/api-$variant.md" "$ledger"
  done
  exit 0
fi

if [[ "${1:-}" != "--tables-only" ]]; then
  "${maven[@]}" -Dtest='ApiLoadBenchmarkTest,LedgerBenchmarkTest' -Dbench.clients=1,8,32
fi
ratios "$api" "$ledger"
