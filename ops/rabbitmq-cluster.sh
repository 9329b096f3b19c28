#!/usr/bin/env bash
# A throwaway three-node RabbitMQ cluster on this machine, beside (never touching) the machine's own
# node on 5672: nodes assets-a@localhost, assets-b@localhost and assets-c@localhost on AMQP ports
# 5681, 5682 and 5683 (distribution ports 25681..25683), their data, logs, configuration and Erlang
# cookie in one folder, no plugins (so no clash with the management or Prometheus ports).
#
#   ops/rabbitmq-cluster.sh start              start the three nodes and join b and c to a (idempotent)
#   ops/rabbitmq-cluster.sh stop               stop every node and delete the folder (idempotent)
#   ops/rabbitmq-cluster.sh stop-node NAME     stop one node (a, b or c), keeping its data
#   ops/rabbitmq-cluster.sh start-node NAME    start that node again; it rejoins the cluster
#   ops/rabbitmq-cluster.sh ctl NAME ARGS...   rabbitmqctl against a node, e.g. ctl a cluster_status
#   ops/rabbitmq-cluster.sh queues NAME ARGS...  rabbitmq-queues against a node, e.g. queues a quorum_status Q
#   ops/rabbitmq-cluster.sh addresses          prints the spring.rabbitmq.addresses value
#
# ASSETS_RABBITMQ_CLUSTER_DIR (default /tmp/assets-rabbitmq-cluster) and ASSETS_RABBITMQ_CLUSTER_PORT
# (default 5681; the nodes take it and the next two) move it. Used by RabbitMqClusterTest
# (docs/operations/scaling.md, "RabbitMQ cluster").
set -euo pipefail

dir="${ASSETS_RABBITMQ_CLUSTER_DIR:-/tmp/assets-rabbitmq-cluster}"
base_port="${ASSETS_RABBITMQ_CLUSTER_PORT:-5681}"
bin=/usr/lib/rabbitmq/bin
names=(a b c)

die() { echo "rabbitmq-cluster: $*" >&2; exit 1; }
[ -x "$bin/rabbitmq-server" ] || die "RabbitMQ is not installed ($bin/rabbitmq-server missing; apt-get install rabbitmq-server)"

index() {
  case "$1" in a) echo 0 ;; b) echo 1 ;; c) echo 2 ;; *) die "unknown node $1 (a, b or c)" ;; esac
}
node() { echo "assets-$1@localhost"; }

# The environment of one node (server and command line tools alike): HOME holds the shared cookie.
node_env() {
  local name="$1" i port
  i="$(index "$name")"
  port=$((base_port + i))
  echo HOME="$dir" \
    RABBITMQ_NODENAME="$(node "$name")" \
    RABBITMQ_USE_LONGNAME=false \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$port" \
    RABBITMQ_DIST_PORT=$((20000 + port)) \
    RABBITMQ_CTL_DIST_PORT_MIN=$((30000 + port * 10 % 10000)) \
    RABBITMQ_CTL_DIST_PORT_MAX=$((30000 + port * 10 % 10000 + 9)) \
    RABBITMQ_MNESIA_BASE="$dir/$name/mnesia" \
    RABBITMQ_LOG_BASE="$dir/$name/log" \
    RABBITMQ_PID_FILE="$dir/$name/pid" \
    RABBITMQ_CONFIG_FILE="$dir/$name/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/$name/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_PLUGINS_EXPAND_DIR="$dir/$name/plugins-expand"
}

run() {
  local name="$1"; shift
  # shellcheck disable=SC2046 # node_env prints KEY=VALUE words without spaces
  env $(node_env "$name") "$@"
}
ctl() { local name="$1"; shift; run "$name" "$bin/rabbitmqctl" -n "$(node "$name")" "$@"; }

running() { ctl "$1" -q ping >/dev/null 2>&1; }

prepare() {
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [ ! -f "$dir/.erlang.cookie" ]; then
    (umask 077; head -c 30 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/.erlang.cookie")
    chmod 400 "$dir/.erlang.cookie"
  fi
  echo '[].' >"$dir/enabled_plugins"
  for name in "${names[@]}"; do
    mkdir -p "$dir/$name/mnesia" "$dir/$name/log"
    cat >"$dir/$name/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$((base_port + $(index "$name")))
loopback_users.guest = true
log.file.level = info
log.console = false
disk_free_limit.absolute = 50MB
EOF
    echo '[].' >"$dir/$name/advanced.config"
  done
}

start_node() {
  local name="$1"
  if running "$name"; then return 0; fi
  run "$name" "$bin/rabbitmq-server" -detached >"$dir/$name/log/startup.out" 2>&1 \
    || die "node $(node "$name") did not start (see $dir/$name/log)"
}

# await_startup gives up at once while the node's Erlang VM is not reachable yet: ask again for up to 2 minutes.
await_node() {
  local name="$1"
  for _ in $(seq 1 60); do
    ctl "$name" -q await_startup --timeout 120 >/dev/null 2>&1 && return 0
    sleep 2
  done
  tail -n 20 "$dir/$name/log/$(node "$name").log" >&2 || true
  die "node $(node "$name") did not come up (see $dir/$name/log)"
}

clustered_with_a() {
  ctl "$1" -q cluster_status --formatter json 2>/dev/null | grep -q "\"$(node a)\""
}

start() {
  prepare
  for name in "${names[@]}"; do start_node "$name"; done
  for name in "${names[@]}"; do await_node "$name"; done
  for name in b c; do
    if ! clustered_with_a "$name"; then
      { ctl "$name" -q stop_app && ctl "$name" -q join_cluster "$(node a)" && ctl "$name" -q start_app; } \
        >"$dir/$name/log/join.out" 2>&1 || { cat "$dir/$name/log/join.out" >&2; die "$(node "$name") could not join $(node a)"; }
    fi
  done
  ctl a -q await_online_nodes 3 --timeout 60 >/dev/null 2>&1 || die "the cluster did not reach three running nodes"
  echo "RabbitMQ cluster running: $(node a) $(node b) $(node c) on $(addresses)"
}

stop_one() {
  local name="$1" pid
  if running "$name"; then
    ctl "$name" -q stop >/dev/null 2>&1 || true
  fi
  # A node that did not answer is ended by its own process id (it was started by this script).
  if [ -f "$dir/$name/pid" ]; then
    # the node removes its own pid file as it stops, possibly between the test above and this read
    pid="$(cat "$dir/$name/pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/$name/pid"
  fi
}

stop() {
  if [ -d "$dir" ]; then
    for name in "${names[@]}"; do stop_one "$name"; done
    rm -rf "$dir"
  fi
  echo "RabbitMQ cluster stopped and removed"
}

addresses() { echo "127.0.0.1:$base_port,127.0.0.1:$((base_port + 1)),127.0.0.1:$((base_port + 2))"; }

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  start) start ;;
  stop) stop ;;
  stop-node) [ $# -eq 1 ] || die "usage: stop-node a|b|c"; index "$1" >/dev/null; stop_one "$1" ;;
  start-node) [ $# -eq 1 ] || die "usage: start-node a|b|c"; index "$1" >/dev/null; start_node "$1"; await_node "$1" ;;
  ctl) [ $# -ge 1 ] || die "usage: ctl a|b|c ARGS..."; name="$1"; shift; ctl "$name" "$@" ;;
  queues) [ $# -ge 1 ] || die "usage: queues a|b|c ARGS..."; name="$1"; shift; run "$name" "$bin/rabbitmq-queues" -n "$(node "$name")" "$@" ;;
  addresses) addresses ;;
  *) die "usage: $0 start|stop|stop-node NAME|start-node NAME|ctl NAME ARGS...|queues NAME ARGS...|addresses" ;;
esac
