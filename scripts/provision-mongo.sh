#!/usr/bin/env bash
# Starts a MongoDB-compatible test server for the mongoose adapter's contract tests, unless one
# already answers. Real MongoDB binaries cannot be downloaded here, so this is
# de.bwaldvogel:mongo-java-server (in-memory backend) from Maven Central: it speaks MongoDB's wire
# protocol but is NOT MongoDB (no transactions, no $text, no durability, its own query engine).
# Set MONGO_URL to a real MongoDB to test against that instead; this script is then not needed.
#
# Idempotent: reuses a server of ours that is running (pidfile), or anything that already answers
# `ping` on the port. The launcher (scripts/mongo-test-server: pom.xml + Main.java) is built with
# Maven into .cache/mongo-test-server (git-ignored) and rebuilt only when its sources change.
# Stop it with scripts/stop-mongo.sh.
#
# Usage: bash scripts/provision-mongo.sh
# Environment (all optional):
#   MONGO_TEST_PORT           port on 127.0.0.1 (default 27117)
#   MONGO_TEST_START_TIMEOUT  seconds to wait for the first `ping` (default 60)
#   MONGO_TEST_HEAP           JVM heap of the server (default 512m)
# Prints the URL to use on its last line of stdout: mongodb://127.0.0.1:<port>
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${MONGO_TEST_PORT:-27117}
START_TIMEOUT=${MONGO_TEST_START_TIMEOUT:-60}
HEAP=${MONGO_TEST_HEAP:-512m}
# The MongoDB version the server claims: the Node driver 6 needs wire version 8+ (MongoDB 4.2+),
# and mongo-java-server offers 3.6, 4.0 or 5.0.
EMULATED=5.0
SOURCE_DIR=scripts/mongo-test-server
CACHE_DIR=.cache/mongo-test-server
JAR=$CACHE_DIR/target/mongo-test-server.jar
PIDFILE=$CACHE_DIR/server.pid
LOG=$CACHE_DIR/server.log
URL="mongodb://127.0.0.1:$PORT"
VERSION=$(sed -n 's:.*<mongo-java-server.version>\(.*\)</mongo-java-server.version>.*:\1:p' "$SOURCE_DIR/pom.xml")
LABEL="mongo-java-server $VERSION (wire-compatible test server, NOT MongoDB)"

log() { printf '%s\n' "$*" >&2; }
ping_server() { node "$SOURCE_DIR/ping.cjs" "$URL" "${1:-0}" 2>/dev/null; }

# True when the pidfile names a live process running our jar.
ours_running() {
  local pid
  [[ -f $PIDFILE ]] || return 1
  pid=$(<"$PIDFILE")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'mongo-test-server.jar'
}

# Java 17+ and Maven: preinstalled on this project's machines; installed from Debian otherwise.
ensure_java_and_maven() {
  local major=0
  if command -v java >/dev/null 2>&1; then
    major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  if ((${major:-0} >= 17)) && command -v mvn >/dev/null 2>&1; then return 0; fi
  if ((EUID != 0)) || ! command -v apt-get >/dev/null 2>&1; then
    log "error: the MongoDB test server needs Java 17+ and Maven: apt-get install -y openjdk-17-jdk-headless maven"
    return 1
  fi
  log "==> installing Java 17 and Maven from Debian (apt-get install -y openjdk-17-jdk-headless maven)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven >&2 ||
    { apt-get update >&2 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven >&2; }
}

# Builds the shaded launcher jar unless one built from the current sources is cached.
build_launcher() {
  local stamp=$CACHE_DIR/sources.sha256 want
  want=$(cat "$SOURCE_DIR/pom.xml" $(find "$SOURCE_DIR/src" -type f | sort) | sha256sum | cut -d' ' -f1)
  if [[ -f $JAR && -f $stamp && $(<"$stamp") == "$want" ]]; then return 0; fi
  log "==> building the test-server launcher (mvn package; downloads mongo-java-server $VERSION from Maven Central once)"
  mkdir -p "$CACHE_DIR"
  if ! mvn -q -B -f "$SOURCE_DIR/pom.xml" package -DbuildDir="$PWD/$CACHE_DIR/target" >"$CACHE_DIR/build.log" 2>&1; then
    log "error: building the launcher failed; last lines of $CACHE_DIR/build.log:"
    tail -n 20 "$CACHE_DIR/build.log" | sed 's/^/    /' >&2
    return 1
  fi
  echo "$want" >"$stamp"
}

main() {
  local began=$SECONDS pid info
  mkdir -p "$CACHE_DIR"
  # One provisioner at a time (two test runs starting together must not race for the port).
  exec 9>"$CACHE_DIR/provision.lock"
  flock -w "$((START_TIMEOUT + 120))" 9 || { log "error: another provision-mongo.sh holds $CACHE_DIR/provision.lock"; exit 1; }

  # The readiness probe uses the adapter's own driver (ping.cjs), so it needs node_modules.
  if ! node -e "require.resolve('mongoose', { paths: ['packages/adapters-mongo'] })" 2>/dev/null; then
    log "error: mongoose is not installed (packages/adapters-mongo); run 'pnpm install' first"
    exit 1
  fi

  if ours_running; then
    if info=$(ping_server "$START_TIMEOUT"); then
      log "==> $LABEL already running on $URL (pid $(<"$PIDFILE")); reusing it"
      echo "$URL"
      return 0
    fi
    log "==> our test server (pid $(<"$PIDFILE")) does not answer; restarting it"
    bash scripts/stop-mongo.sh
  fi
  if info=$(ping_server); then
    if [[ $info == *'"mongoJavaServer":null'* ]]; then
      log "==> a MongoDB server already answers on $URL ($info); reusing it (not started by this script)"
    else
      log "==> a mongo-java-server already answers on $URL ($info); reusing it (not started by this script)"
    fi
    echo "$URL"
    return 0
  fi
  rm -f "$PIDFILE"

  ensure_java_and_maven
  build_launcher

  # setsid: the server outlives this script and is not hit by a Ctrl-C meant for the test run.
  # 9>&-: the server must not inherit (and so hold forever) the provisioning lock.
  # Log warnings only, but not the "connection reset" of every client that hangs up (the probes do).
  setsid java "-Xmx$HEAP" -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoExceptionHandler=off \
    -jar "$JAR" --host 127.0.0.1 --port "$PORT" --mongo-version "$EMULATED" >"$LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PIDFILE"

  # Bounded wait for the first answer; give up at once if the JVM died (port taken, bad Java…).
  local deadline=$((SECONDS + START_TIMEOUT))
  until info=$(ping_server 1); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "error: $LABEL exited while starting; last lines of $LOG:"
      tail -n 20 "$LOG" | sed 's/^/    /' >&2
      rm -f "$PIDFILE"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "error: $LABEL did not answer ping on $URL within ${START_TIMEOUT}s; stopping it. Log: $LOG"
      kill "$pid" 2>/dev/null || true
      rm -f "$PIDFILE"
      exit 1
    fi
  done
  log "==> $LABEL started on $URL (pid $pid, ${info}, $((SECONDS - began))s)"
  echo "$URL"
}

main "$@"
