#!/usr/bin/env bash
# Stops the Elasticsearch test node that scripts/provision-elasticsearch.sh started, by the pid in
# its pidfile (SIGTERM, then SIGKILL after 30 s). Does nothing when none is running. Takes the same
# MOTTAK_ES_VERSION / MOTTAK_ES_PORT as the provisioner.
# Usage: bash scripts/stop-elasticsearch.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ES_VERSION=${MOTTAK_ES_VERSION:-8.19.21}
ES_PORT=${MOTTAK_ES_PORT:-9250}
PID_FILE=$PWD/.cache/elasticsearch/node-$ES_VERSION-$ES_PORT/elasticsearch.pid

log() { printf '%s\n' "$*" >&2; }

if [[ ! -s $PID_FILE ]]; then
  log "==> no Elasticsearch test node on port $ES_PORT (no $PID_FILE)"
  exit 0
fi
pid=$(cat "$PID_FILE")
if ! kill -0 "$pid" 2>/dev/null; then
  log "==> Elasticsearch (pid $pid) is not running; removing the stale pidfile"
  rm -f "$PID_FILE"
  exit 0
fi

log "==> stopping Elasticsearch (pid $pid, port $ES_PORT)"
kill -TERM "$pid"
for _ in $(seq 1 60); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  log "    still running after 30 s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$PID_FILE"
log "==> stopped"
