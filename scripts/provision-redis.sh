#!/usr/bin/env bash
# Ensures a Redis answers on 127.0.0.1:6379 for the production-engine tests (the BullMQ queue), idempotently:
#   - a Redis already answering is used as it is;
#   - otherwise redis-server is installed from Debian when missing (apt-get update only if the first
#     install attempt fails) and started as a throw-away test server: bound to 127.0.0.1, no RDB
#     snapshots, no AOF (tests clean their own key prefixes; nothing here must survive a restart).
# Prints the engine and version; exits non-zero with a message saying what failed.
# Usage: bash scripts/provision-redis.sh     (then: export REDIS_URL=redis://127.0.0.1:6379)
set -uo pipefail

HOST=127.0.0.1
# The port can be overridden (e.g. to try this script beside a Redis already running on 6379).
PORT=${REDIS_PROVISION_PORT:-6379}

fail() {
  echo "provision-redis: $*" >&2
  exit 1
}

# Sends one inline command and prints the raw reply, using bash's /dev/tcp so that no redis-cli is
# needed to find out whether a server answers. A subshell, so that exec's redirections stay local.
redis_command() (
  exec 3<>"/dev/tcp/$HOST/$PORT" || exit 1
  printf '%s\r\nQUIT\r\n' "$1" >&3
  timeout 5 cat <&3
)

answers() {
  [[ $(redis_command PING 2>/dev/null) == *PONG* ]]
}

# Runs a command as root: directly when we are root, else through passwordless sudo.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

install_redis() {
  echo "provision-redis: installing redis-server from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q redis-server >/dev/null && return 0
  echo "provision-redis: install failed; running apt-get update once and retrying"
  as_root apt-get update -q >/dev/null && as_root apt-get install -y -q redis-server >/dev/null
}

if ! answers; then
  if ! command -v redis-server >/dev/null; then
    install_redis || fail "could not install redis-server (needs root or passwordless sudo, and a reachable Debian mirror)"
  fi
  echo "provision-redis: starting redis-server on $HOST:$PORT"
  redis-server --daemonize yes --bind "$HOST" --port "$PORT" --save "" --appendonly no --dir /tmp >/dev/null ||
    fail "redis-server did not start (is port $PORT taken by something that is not Redis?)"
  for _ in $(seq 1 50); do
    answers && break
    sleep 0.2
  done
  answers || fail "redis-server was started but does not answer PING on $HOST:$PORT within 10 s"
fi

info=$(redis_command 'INFO server' 2>/dev/null)
version=$(grep -m1 '^valkey_version:' <<<"$info" | cut -d: -f2 | tr -d '\r')
engine=valkey
if [[ -z $version ]]; then
  version=$(grep -m1 '^redis_version:' <<<"$info" | cut -d: -f2 | tr -d '\r')
  engine=redis
fi
[[ -n $version ]] || fail "a server answers on $HOST:$PORT but INFO server names no Redis version"
echo "provision-redis: $engine $version on $HOST:$PORT (REDIS_URL=redis://$HOST:$PORT)"
