#!/usr/bin/env bash
# Makes sure a real RabbitMQ 3.10 node answers AMQP on 127.0.0.1:5672 for the conformance suite
# (src/engine/brokers/rabbitmq/conformance). Idempotent: a node that already answers is reused.
#
#   bash scripts/ensure-rabbitmq.sh          install if missing, start a private node, wait
#   bash scripts/ensure-rabbitmq.sh stop     stop the node this script started (if any)
#
# The node runs as the `rabbitmq` user with its own mnesia and log dirs under /tmp (the log dir
# must belong to `rabbitmq` or the node refuses to start), and every socket it opens (AMQP, epmd,
# Erlang distribution) listens on 127.0.0.1 only, so nothing is reachable from outside the machine.
set -uo pipefail

NODE="${RABBITMQ_NODENAME:-rabbit@localhost}"
DIR="${BROKERLAB_RABBITMQ_DIR:-/tmp/brokerlab-rabbitmq}"
PORT=5672

answers() {
  # A TCP connect is enough to know something listens; await_startup below checks it is RabbitMQ.
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

ctl() {
  ERL_EPMD_ADDRESS=127.0.0.1 rabbitmqctl -q -n "$NODE" "$@"
}

if [ "${1:-}" = "stop" ]; then
  if [ -f "$DIR/started-by-brokerlab" ]; then
    ctl stop >/dev/null 2>&1 || true
    rm -f "$DIR/started-by-brokerlab"
    echo "rabbitmq: stopped $NODE"
  fi
  exit 0
fi

if answers; then
  echo "rabbitmq: reusing the node already listening on 127.0.0.1:$PORT"
  exit 0
fi

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  if [ "$(id -u)" != "0" ]; then
    echo "rabbitmq: rabbitmq-server is missing and this is not root; install it with apt" >&2
    exit 1
  fi
  echo "rabbitmq: installing rabbitmq-server with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y rabbitmq-server >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && apt-get install -y rabbitmq-server >/dev/null 2>&1; } ||
    { echo "rabbitmq: apt-get install rabbitmq-server failed" >&2; exit 1; }
fi

mkdir -p "$DIR/mnesia" "$DIR/log"
chown -R rabbitmq:rabbitmq "$DIR"
# The Debian package starts nothing; this node is ours, so `stop` may stop it later.
touch "$DIR/started-by-brokerlab"

echo "rabbitmq: starting $NODE (data in $DIR)"
runner=()
if [ "$(id -u)" = "0" ]; then runner=(setsid); fi
# rabbitmq-server drops to the rabbitmq user itself when started as root (Debian wrapper).
env RABBITMQ_NODENAME="$NODE" \
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_NODE_PORT="$PORT" \
  RABBITMQ_MNESIA_BASE="$DIR/mnesia" \
  RABBITMQ_LOG_BASE="$DIR/log" \
  ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  "${runner[@]}" rabbitmq-server >"$DIR/server.out" 2>&1 </dev/null &

# await_startup fails at once while the Erlang VM is not reachable yet, so retry it until the
# deadline (a cold start takes 15-20 s here).
deadline=$((SECONDS + 120))
until ctl await_startup --timeout 30 >/dev/null 2>&1; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "rabbitmq: the node did not start; last lines of its output:" >&2
    tail -n 30 "$DIR/server.out" >&2
    exit 1
  fi
  sleep 1
done
echo "rabbitmq: $NODE is up on 127.0.0.1:$PORT"
