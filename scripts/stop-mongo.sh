#!/usr/bin/env bash
# Stops the MongoDB test server (mongo-java-server) that scripts/provision-mongo.sh started, by the
# pid in its pidfile and only if that pid still runs our launcher jar. Idempotent.
# Usage: bash scripts/stop-mongo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PIDFILE=.cache/mongo-test-server/server.pid

log() { printf '%s\n' "$*" >&2; }

if [[ ! -f $PIDFILE ]]; then
  log "==> no MongoDB test server of ours is running (no $PIDFILE)"
  exit 0
fi
pid=$(<"$PIDFILE")
if ! [[ $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null ||
  ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'mongo-test-server.jar'; then
  log "==> the MongoDB test server (pid $pid) is not running any more"
  rm -f "$PIDFILE"
  exit 0
fi
kill "$pid"
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  log "    pid $pid did not stop within 10s; killing it"
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$PIDFILE"
log "==> stopped the MongoDB test server (mongo-java-server, pid $pid)"
