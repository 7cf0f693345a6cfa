#!/usr/bin/env bash
# Provisions a real Elasticsearch 8.x for the tests, without Docker, and prints its URL on stdout
# (everything else goes to stderr), so a caller can do
#   ELASTICSEARCH_URL=$(bash scripts/provision-elasticsearch.sh) || exit 1
# Idempotent: reuses a node that already answers on the port; otherwise fetches the official
# integ-test-zip distribution from Maven Central with `mvn dependency:copy` (cached in ~/.m2 and
# unpacked under .cache/elasticsearch/<version>, which git ignores), and starts it in the
# background as the unprivileged system user mottak-es (Elasticsearch refuses to run as root),
# single-node, security off, 512 MB heap, bound to 127.0.0.1. Stop it with
# scripts/stop-elasticsearch.sh.
#
# The integ-test-zip is a real Elasticsearch but a minimal one: no analysis-common (so no
# `norwegian` analyzer), no painless, no _reindex and no `GET /`. Readiness is read from
# cluster health instead.
#
# Environment (all optional):
#   MOTTAK_ES_VERSION        8.x version to run                     (default 8.19.21)
#   MOTTAK_ES_PORT           HTTP port on 127.0.0.1                 (default 9250, clear of a dev 9200)
#   MOTTAK_ES_START_TIMEOUT  seconds to wait for a yellow cluster   (default 120)
#   ES_JAVA_HOME             Java 17+ to run it with                (default: a Java 17 in /usr/lib/jvm)
set -euo pipefail
cd "$(dirname "$0")/.."

ES_VERSION=${MOTTAK_ES_VERSION:-8.19.21}
ES_PORT=${MOTTAK_ES_PORT:-9250}
START_TIMEOUT=${MOTTAK_ES_START_TIMEOUT:-120}
ES_USER=mottak-es
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
CACHE=$PWD/.cache/elasticsearch
ES_HOME=$CACHE/$ES_VERSION
NODE_DIR=$CACHE/node-$ES_VERSION-$ES_PORT
PID_FILE=$NODE_DIR/elasticsearch.pid
URL=http://127.0.0.1:$ES_PORT
BEGAN=$SECONDS

log() { printf '%s\n' "$*" >&2; }
fail() {
  log "error: $*"
  exit 1
}

# True when a cluster answers on the port with at least yellow health.
healthy() {
  curl -fsS --max-time 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1
}

# The version the node on the port reports (the integ-test-zip has no `GET /`).
node_version() {
  curl -fsS --max-time 5 "$URL/_nodes/_local?filter_path=nodes.*.version" 2>/dev/null |
    sed -n 's/.*"version":"\([^"]*\)".*/\1/p'
}

ready() {
  local version
  version=$(node_version)
  log "==> Elasticsearch ${version:-of unknown version} (integ-test-zip, single node) ready at $URL ($1, $((SECONDS - BEGAN))s)"
  printf '%s\n' "$URL"
  exit 0
}

pid_alive() {
  [[ -s $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

command -v curl >/dev/null 2>&1 || fail "curl is needed to talk to Elasticsearch (apt-get install -y curl)."

if healthy; then ready "reused the running node"; fi

mkdir -p "$CACHE"
# Two test runs provisioning at once must not unpack or start twice.
exec 9>"$CACHE/.provision.lock"
flock -w $((START_TIMEOUT + 60)) 9 || fail "another provisioning run holds $CACHE/.provision.lock"
if healthy; then ready "reused the running node"; fi

# --- Java 17 ---------------------------------------------------------------------------------
if [[ -z ${ES_JAVA_HOME:-} ]]; then
  for candidate in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/*17*; do
    if [[ -x $candidate/bin/java ]]; then
      ES_JAVA_HOME=$candidate
      break
    fi
  done
fi
[[ -n ${ES_JAVA_HOME:-} && -x $ES_JAVA_HOME/bin/java ]] ||
  fail "no Java 17 found under /usr/lib/jvm; install one (apt-get install -y openjdk-17-jre-headless) or set ES_JAVA_HOME."

# --- Distribution ----------------------------------------------------------------------------
if [[ ! -x $ES_HOME/bin/elasticsearch ]]; then
  command -v mvn >/dev/null 2>&1 || fail "mvn is needed to fetch $ARTIFACT (apt-get install -y maven)."
  command -v unzip >/dev/null 2>&1 || fail "unzip is needed to unpack Elasticsearch (apt-get install -y unzip)."
  log "==> fetching $ARTIFACT from Maven Central"
  mvn_log=$CACHE/.mvn-$ES_VERSION.log
  if ! mvn -q -B dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$CACHE" >"$mvn_log" 2>&1; then
    tail -n 20 "$mvn_log" >&2
    fail "mvn could not fetch $ARTIFACT; set MOTTAK_ES_VERSION to an 8.x version Maven Central has."
  fi
  rm -f "$mvn_log"
  staging=$(mktemp -d "$CACHE/.unpack-XXXXXX")
  unzip -q "$CACHE/elasticsearch-$ES_VERSION.zip" -d "$staging"
  rm -rf "$ES_HOME"
  # Rename last, so a half-unpacked tree is never mistaken for a complete one.
  mv "$staging/elasticsearch-$ES_VERSION" "$ES_HOME"
  rm -rf "$staging" "$CACHE/elasticsearch-$ES_VERSION.zip"
  chmod -R a+rX "$ES_HOME"
fi

# --- Who runs it -------------------------------------------------------------------------------
RUN_AS=()
RUN_USER=$(id -un)
if ((EUID == 0)); then
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    log "==> creating the system user $ES_USER (Elasticsearch refuses to run as root)"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER" ||
      fail "could not create the user $ES_USER"
  fi
  RUN_AS=(runuser -u "$ES_USER" --)
  RUN_USER=$ES_USER
  "${RUN_AS[@]}" test -x "$ES_HOME/bin/elasticsearch" ||
    fail "$ES_USER cannot read $ES_HOME; make the folders above it world-readable (chmod o+rx)."
fi

# --- Node directory: its own config copy (the keystore is written there), data and logs ---------
if pid_alive; then
  log "==> a node from $PID_FILE is running but not healthy yet; waiting for it"
else
  if ss -ltn "sport = :$ES_PORT" 2>/dev/null | grep -q LISTEN; then
    fail "port $ES_PORT is taken by something that is not a healthy Elasticsearch; set MOTTAK_ES_PORT to a free port."
  fi
  mkdir -p "$NODE_DIR/data" "$NODE_DIR/logs"
  [[ -d $NODE_DIR/config ]] || cp -r "$ES_HOME/config" "$NODE_DIR/config"
  rm -f "$PID_FILE"
  if ((EUID == 0)); then chown -R "$ES_USER:" "$NODE_DIR"; fi

  if ((EUID == 0)) && [[ $(sysctl -n vm.max_map_count 2>/dev/null || echo 0) -lt 262144 ]]; then
    # Only a bootstrap-check warning on a loopback node; raise it where the kernel lets us.
    sysctl -qw vm.max_map_count=262144 >/dev/null 2>&1 || true
  fi

  log "==> starting Elasticsearch $ES_VERSION on $URL as $RUN_USER (logs: $NODE_DIR/logs)"
  # cwd is the node directory: jvm.options writes gc logs and heap dumps relative to it.
  (
    cd "$NODE_DIR"
    "${RUN_AS[@]}" env \
      ES_JAVA_HOME="$ES_JAVA_HOME" \
      ES_PATH_CONF="$NODE_DIR/config" \
      ES_JAVA_OPTS="-Xms512m -Xmx512m" \
      timeout "$START_TIMEOUT" "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" \
      -Ecluster.name=mottak-test \
      -Enode.name=mottak-test \
      -Ediscovery.type=single-node \
      -Expack.security.enabled=false \
      -Enetwork.host=127.0.0.1 \
      -Ehttp.port="$ES_PORT" \
      -Etransport.port=0 \
      -Epath.data="$NODE_DIR/data" \
      -Epath.logs="$NODE_DIR/logs" \
      -Ecluster.routing.allocation.disk.threshold_enabled=false \
      >"$NODE_DIR/logs/startup.out" 2>&1
  ) || {
    tail -n 30 "$NODE_DIR/logs/startup.out" >&2 || true
    fail "Elasticsearch did not start; see $NODE_DIR/logs"
  }
fi

deadline=$((SECONDS + START_TIMEOUT))
until healthy; do
  if ! pid_alive; then
    tail -n 30 "$NODE_DIR/logs/mottak-test.log" >&2 2>/dev/null || tail -n 30 "$NODE_DIR/logs/startup.out" >&2 || true
    fail "Elasticsearch exited during start-up; see $NODE_DIR/logs"
  fi
  ((SECONDS < deadline)) || fail "Elasticsearch on $URL was not yellow within ${START_TIMEOUT}s; see $NODE_DIR/logs"
  sleep 1
done
ready "started"
