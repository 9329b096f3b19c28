#!/usr/bin/env bash
# Smoke test of a running Assets behind its proxy or Ingress, from outside: BASE_URL (https) answers,
# plain HTTP is sent to HTTPS, an anonymous visitor is sent to the sign-in page, the sign-in page
# renders, the proxy sets its routing cookie, and metrics are not readable from outside.
# Usage: ops/smoke.sh https://staging.assets.example.com   (needs curl)
set -euo pipefail

base="${1:?usage: $0 BASE_URL}"
base="${base%/}"
[[ "$base" == https://* ]] || { echo "smoke: BASE_URL must be https" >&2; exit 1; }
failures=0
check() {
    local what="$1" expected="$2" actual="$3"
    # the expected value is a glob pattern on purpose
    # shellcheck disable=SC2053
    if [[ "$actual" == $expected ]]; then
        echo "smoke: ok   $what"
    else
        echo "smoke: FAIL $what: expected $expected, got '$actual'" >&2
        failures=$((failures + 1))
    fi
}
get() { curl -sS --max-time 20 "$@"; }

check "plain HTTP redirects to HTTPS" "30[18] https://*" \
    "$(get -o /dev/null -w '%{http_code} %{redirect_url}' "http://${base#https://}/" || true)"
check "an anonymous visitor is sent to sign in" "302 *\/login" \
    "$(get -o /dev/null -w '%{http_code} %{redirect_url}' "$base/" || true)"
headers="$(get -D - -o /dev/null "$base/login" || true)"
check "the sign-in page answers" "HTTP/* 200*" "$(head -1 <<<"$headers" | tr -d '\r')"
check "the proxy sets its routing cookie" "*ASSETS_ROUTE=*" "$(grep -i '^set-cookie:' <<<"$headers" | tr -d '\r' || true)"
check "the sign-in page is Assets" "*<title>*" "$(get "$base/login" | tr -d '\n' | head -c 20000 || true)"
check "metrics are not readable from outside" "40[34]" \
    "$(get -o /dev/null -w '%{http_code}' "$base/actuator/prometheus" || true)"

[[ $failures -eq 0 ]] || { echo "smoke: $failures check(s) failed against $base" >&2; exit 1; }
echo "smoke: all good against $base"
