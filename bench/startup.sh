#!/usr/bin/env bash
# Start-up time of the packaged jar with the embedded PostgreSQL and AMQP broker (issue 11).
#
#   ./mvnw -Pproduction -DskipTests package      # once (or: bench/startup.sh --build)
#   bench/startup.sh [rounds]                     # default 5 rounds
#
# Each round: a fresh data folder, so the first start pays initdb, every Flyway migration and the
# demo data; the time runs from `java -jar` until the sign-in page (/login) answers 200. Then the
# app is stopped (SIGTERM, waited for) and started again on the same data folder: the restart.
# At the end: median and minimum of both, and the load average before and after (the machine is
# shared: read the figures beside the load). Ports are free ones picked per start, never the
# defaults, so a running copy of the app is not disturbed.
#
# Environment:
#   JAR           the jar to start (default: target/assets-*.jar)
#   JAVA_OPTS     extra JVM options for both starts (e.g. "-XX:AOTCache=target/app.aot")
#   IDLE_SECONDS  if set, wait this long after the restart is ready and print the resident memory
#                 of the Java process and of the embedded PostgreSQL (the old idle-memory figure)
#   KEEP_LOGS     if set, keep each round's data folder and logs (printed at the end)
#   AOT           if set, start from the extracted jar with a Java 25 AOT cache (JEP 483/514/515):
#                 the jar is extracted to target/aot (java -Djarmode=tools -jar ... extract), one
#                 training run on a throw-away data folder writes target/aot/assets.aot the way the
#                 image's cache is made (ops/check-image.sh --aot): started with -XX:AOTCacheOutput, /login
#                 asked once, stopped with SIGTERM; every start then adds -XX:AOTCache=target/aot/assets.aot
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--build" ]]; then
  shift
  ./mvnw -q -Pproduction -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true -Dspotbugs.skip=true package
fi
rounds="${1:-5}"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="${JAR:-$(ls target/assets-*.jar | grep -v plain | head -1)}"
read -r -a java_opts <<< "${JAVA_OPTS:-}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { ps -o rss= -p "$1" 2>/dev/null | tr -d ' ' || echo 0; }
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Starts the jar on the data folder $1 (log to $2) and waits for /login; sets $pid and $elapsed (seconds).
start_app() {
  local data="$1" log="$2" port t0
  port="$(free_port)"
  t0=$(now)
  PORT=$port ASSETS_DATA_DIR="$data" ASSETS_EMBEDDED_POSTGRES_PORT="$(free_port)" \
    ASSETS_EMBEDDED_AMQP_PORT="$(free_port)" \
    "$java_bin" "${java_opts[@]}" -jar "$jar" >> "$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/login"; do
    kill -0 "$pid" 2>/dev/null || { echo "app died, see $log" >&2; exit 1; }
    sleep 0.05
  done
  elapsed=$(echo "$(now) - $t0" | bc)
}

stop_app() {
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}

stats() { # median and min of the numbers on stdin
  sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median %.2f s, min %.2f s", m, a[1]}'
}

pid=""
trap 'stop_app' EXIT
if [[ -n "${AOT:-}" ]]; then
  rm -rf target/aot
  "$java_bin" -Djarmode=tools -jar "$jar" extract --destination target/aot > /dev/null
  jar="target/aot/$(basename "$jar")"
  training="$(mktemp -d)"
  training_opts=("${java_opts[@]}")
  java_opts+=("-XX:AOTCacheOutput=target/aot/assets.aot")
  start_app "$training" "$training/training.log"
  stop_app
  java_opts=("${training_opts[@]}" "-XX:AOTCache=target/aot/assets.aot")
  [[ -s target/aot/assets.aot ]] || { echo "the AOT training run wrote no cache, see $training/training.log" >&2; exit 1; }
  rm -rf "$training"
fi
echo "jar: $jar (built $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC'); worktree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')), JVM options: ${java_opts[*]:-none}"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load before: $(load)"
printf 'round\tfirst_start_s\trestart_s\tload_1min\n'
firsts=() restarts=() folders=()
for round in $(seq 1 "$rounds"); do
  data="$(mktemp -d)"
  folders+=("$data")
  start_app "$data" "$data/app.log"; first=$elapsed
  stop_app
  start_app "$data" "$data/app.log"; again=$elapsed
  if [[ -n "${IDLE_SECONDS:-}" ]]; then
    sleep "$IDLE_SECONDS"
    pg_kb=0
    for master in $(pgrep -f "$data/postgres" || true); do
      for p in $master $(pgrep -P "$master" || true); do pg_kb=$(( pg_kb + $(rss_kb "$p") )); done
    done
    echo "  idle ${IDLE_SECONDS}s: java RSS $(( $(rss_kb "$pid") / 1024 )) MB, embedded PostgreSQL RSS $(( pg_kb / 1024 )) MB"
  fi
  stop_app
  firsts+=("$first") restarts+=("$again")
  printf '%s\t%.2f\t%.2f\t%s\n' "$round" "$first" "$again" "$(cut -d' ' -f1 /proc/loadavg)"
  [[ -n "${KEEP_LOGS:-}" ]] || rm -rf "$data"
done
echo "first start: $(printf '%s\n' "${firsts[@]}" | stats)"
echo "restart:     $(printf '%s\n' "${restarts[@]}" | stats)"
echo "load after: $(load)"
[[ -z "${KEEP_LOGS:-}" ]] || echo "logs: ${folders[*]}"
