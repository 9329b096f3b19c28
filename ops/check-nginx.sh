#!/usr/bin/env bash
# Validates ops/nginx/assets.conf offline: makes a throw-away certificate with ops/nginx/dev-cert.sh,
# checks the configuration with `nginx -t`, then runs it against two stand-in web nodes and proves
# what the runbook promises: HTTP goes to HTTPS, a browser keeps reaching one node once it has its
# routing cookie, browsers without one are spread over both nodes, the X-Forwarded-* headers carry
# the client's address and https, /actuator is not served, and bodies over 10 MB are refused.
# Everything runs in private mount and network namespaces (unshare, as root): the upstream names
# web1 and web2 resolve through a private /etc/hosts, ports 80 and 443 are the namespace's own.
# Needs nginx (Debian package nginx), openssl, curl, python3 and unshare (util-linux).
set -euo pipefail

self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$(dirname "$self")"
if [[ "${1:-}" != "--inside" ]]; then
    for tool in nginx openssl curl python3 unshare; do
        command -v "$tool" >/dev/null || { echo "check-nginx: $tool is not installed" >&2; exit 1; }
    done
    exec unshare --mount --net "$self" --inside
fi

fail() {
    echo "check-nginx: $*" >&2
    [[ -s "${work:-}/error.log" ]] && sed 's/^/nginx: /' "$work/error.log" >&2
    exit 1
}

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

ip link set lo up
printf '127.0.0.1 localhost\n127.0.0.2 web1\n127.0.0.3 web2\n' >"$work/hosts"
mount --bind "$work/hosts" /etc/hosts

cp nginx/assets.conf "$work/nginx.conf"
cp /etc/nginx/mime.types "$work/"
TLS_DIR="$work/tls" TLS_NAMES="localhost assets.local" sh nginx/dev-cert.sh
before="$(sha256sum "$work/tls/assets.crt")"
TLS_DIR="$work/tls" sh nginx/dev-cert.sh
[[ "$(sha256sum "$work/tls/assets.crt")" == "$before" ]] || fail "dev-cert.sh replaced an existing certificate"
openssl x509 -in "$work/tls/assets.crt" -noout -ext subjectAltName | grep -q "DNS:assets.local" \
    || fail "the development certificate does not name assets.local"

nginx -t -q -p "$work" -c "$work/nginx.conf"

# Two stand-in web nodes answering with their name and the forwarded headers they received.
for node in web1:127.0.0.2 web2:127.0.0.3; do
    python3 - "${node%%:*}" "${node##*:}" <<'PY' &
import http.server, sys
name, address = sys.argv[1], sys.argv[2]
class Node(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = (f"{name} for={self.headers.get('X-Forwarded-For')} proto={self.headers.get('X-Forwarded-Proto')}"
                f" host={self.headers.get('X-Forwarded-Host')} port={self.headers.get('X-Forwarded-Port')}\n").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_POST = do_GET
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer((address, 8080), Node).serve_forever()
PY
    pids+=("$!")
done
for address in 127.0.0.2 127.0.0.3; do
    for _ in $(seq 1 100); do
        curl -sf "http://$address:8080/" -o /dev/null && break
        sleep 0.1
    done
done
# Its access log to nothing, its error log kept for a failure (refused bodies are logged as errors).
nginx -p "$work" -c "$work/nginx.conf" -g "pid $work/nginx.pid;" >/dev/null 2>"$work/error.log"
for _ in $(seq 1 50); do
    [[ -s "$work/nginx.pid" ]] && break
    sleep 0.1
done
pids+=("$(cat "$work/nginx.pid")")

get() { curl -sk --resolve assets.local:443:127.0.0.1 --resolve assets.local:80:127.0.0.1 "$@"; }

[[ "$(get -o /dev/null -w '%{http_code} %{redirect_url}' http://assets.local/x)" == "301 https://assets.local/x" ]] \
    || fail "plain HTTP is not redirected to HTTPS"

# One browser (a cookie jar) stays on the node of its first request.
jar="$work/cookies"
first="$(get -c "$jar" -b "$jar" https://assets.local/)"
grep -q "ASSETS_ROUTE" "$jar" || fail "no routing cookie was set"
get -D - -o /dev/null -c "$jar" -b "$jar" https://assets.local/ | grep -qi "^set-cookie: ASSETS_ROUTE" \
    && fail "the routing cookie is set again on every response"
for _ in $(seq 1 20); do
    [[ "$(get -c "$jar" -b "$jar" https://assets.local/ | cut -d' ' -f1)" == "${first%% *}" ]] \
        || fail "a browser with a routing cookie reached another node"
done

# Browsers without a cookie are spread over both nodes.
nodes="$(for _ in $(seq 1 40); do get https://assets.local/ | cut -d' ' -f1; done | sort -u | tr '\n' ' ')"
[[ "$nodes" == "web1 web2 " ]] || fail "new browsers all went to: $nodes"

# What the application's forward-headers handling reads, and a client cannot forge its address.
seen="$(get -H "X-Forwarded-For: 203.0.113.9" https://assets.local/)"
[[ "$seen" == *"for=127.0.0.1 proto=https host=assets.local port=443"* ]] || fail "forwarded headers wrong: $seen"

[[ "$(get -o /dev/null -w '%{http_code}' https://assets.local/actuator/prometheus)" == "404" ]] \
    || fail "/actuator is served through the proxy"
head -c $((11 * 1024 * 1024)) /dev/zero >"$work/big"
[[ "$(get -o /dev/null -w '%{http_code}' --data-binary @"$work/big" https://assets.local/upload)" == "413" ]] \
    || fail "a body over 10 MB was not refused"
head -c $((6 * 1024 * 1024)) /dev/zero >"$work/attachment"
[[ "$(get -o /dev/null -w '%{http_code}' --data-binary @"$work/attachment" https://assets.local/upload)" == "200" ]] \
    || fail "a 6 MB upload was refused"

nginx -p "$work" -c "$work/nginx.conf" -g "pid $work/nginx.pid;" -s quit 2>/dev/null
echo "check-nginx: all good"
