#!/usr/bin/env bash
# The README's two commands work in either order in one working tree: after the test command
# (`./mvnw -Pproduction verify`), the run command (`./mvnw spring-boot:run`) must still serve the
# application in development mode. Starts it on free ports with a throw-away data folder, waits
# until the development frontend bundle is ready and the sign-in page answers, and fails on any
# frontend build error. Used by .ci/run right after the test command.
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
http_port="$(free_port)"; pg_port="$(free_port)"; amqp_port="$(free_port)"
data="$(mktemp -d)"
log="$(mktemp)"
setsid ./mvnw -B -ntp -q spring-boot:run -Dspring-boot.run.arguments="--server.port=$http_port \
--assets.embedded.postgres-port=$pg_port --assets.embedded.amqp-port=$amqp_port --assets.embedded.data-dir=$data" \
  >"$log" 2>&1 &
pid=$!
# shellcheck disable=SC2317  # called by the EXIT trap
stop() { kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap stop EXIT

fail() { echo "run after test: $*" >&2; tail -40 "$log" >&2; exit 1; }
for _ in $(seq 1 300); do
  if grep -qE 'Could not initialize dev mode handler|Vite build exited|Vite process exited' "$log"; then
    fail "the development mode could not build the frontend"
  fi
  kill -0 "$pid" 2>/dev/null || fail "spring-boot:run exited"
  if grep -qE 'Development frontend bundle built|Using (the )?(existing|application) .*bundle|development mode bundle build is not needed' "$log" \
      && grep -q 'Started Application' "$log"; then
    status="$(curl -s -o "$log.page" -w '%{http_code}' "http://127.0.0.1:$http_port/login" || true)"
    if [ "$status" = 200 ] && ! grep -qi 'failed to start' "$log.page"; then
      echo "run after test: the sign-in page answers 200 in development mode (port $http_port)"
      exit 0
    fi
  fi
  sleep 1
done
fail "the application did not serve the sign-in page within 300 s"
