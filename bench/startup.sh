#!/usr/bin/env bash
# Start-up time to ready and idle memory of the packaged jar with embedded services.
# Usage: bench/startup.sh [runs]   (build first: ./mvnw -Pproduction -DskipTests package)
# Each run starts the jar on free ports with a fresh data folder (so the embedded PostgreSQL
# runs initdb and Flyway migrates: the first-run cost a new user pays), polls /actuator/health
# until it answers 200, waits 20 s idle, and reads the resident memory of the Java process and of
# the embedded PostgreSQL processes it started.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="$(ls target/assets-*.jar | grep -v plain | head -1)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])'; }
rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
printf 'run\tready_s\tjava_rss_mb\tpostgres_rss_mb\tload_1min\n'
for run in $(seq 1 "$runs"); do
  data="$(mktemp -d)"; port="$(free_port)"
  start=$(date +%s.%N)
  PORT=$port ASSETS_DATA_DIR="$data" ASSETS_EMBEDDED_POSTGRES_PORT="$(free_port)" ASSETS_EMBEDDED_AMQP_PORT="$(free_port)" \
    "$java_bin" -jar "$jar" > "$data/app.log" 2>&1 &
  pid=$!
  until curl -sf "http://localhost:$port/actuator/health" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "app died, see $data/app.log" >&2; exit 1; }
    sleep 0.1
  done
  ready=$(echo "$(date +%s.%N) - $start" | bc)
  sleep 20
  java_mb=$(( $(rss_kb $pid) / 1024 ))
  pg_kb=0
  # the embedded postmaster (its command line names the data folder) and its worker processes
  for master in $(pgrep -f "$data/postgres" || true); do
    for p in $master $(pgrep -P "$master" || true); do pg_kb=$(( pg_kb + $(rss_kb "$p" || echo 0) )); done
  done
  printf '%s\t%.1f\t%s\t%s\t%s\n' "$run" "$ready" "$java_mb" "$(( pg_kb / 1024 ))" "$(cut -d' ' -f1 /proc/loadavg)"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$data"
done
