# shellcheck shell=bash
# Shared set-up for scripts/test.sh and scripts/start.sh. Source it from the repo root, then run
# `ensure_tools || exit 1`. Afterwards the array PNPM holds the command that runs pnpm
# ("${PNPM[@]}" install …). Needs only Node 20+ and npm (a fresh Debian 12 machine); makes pnpm 12
# available and node_modules match pnpm-lock.yaml. When everything is already installed it takes
# well under a second (pnpm notices the lockfile is satisfied). All messages go to stderr.

MOTTAK_PNPM_VERSION=12.21.0
PNPM=()

_tools_log() { printf '%s\n' "$*" >&2; }

# Node 20+ is the one thing the machine must bring.
_tools_check_node() {
  local major
  if ! major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null); then
    _tools_log "error: node is not installed; Mottak needs Node.js 20 or newer."
    return 1
  fi
  if ((major < 20)); then
    _tools_log "error: Node.js $(node -v) is too old; Mottak needs Node.js 20 or newer."
    return 1
  fi
}

# Native addons (better-sqlite3) are compiled from source against the headers of the installed
# Node: downloading headers is not possible here, so node-gyp must be pointed at /usr/include/node.
_tools_nodedir() {
  export npm_config_nodedir="${npm_config_nodedir:-/usr}"
}

# True when "$@" runs a pnpm of the major version the lockfile and allowBuilds were written for.
_tools_pnpm_works() {
  local version
  version=$("$@" --version 2>/dev/null) && [[ $version == "${MOTTAK_PNPM_VERSION%%.*}".* ]]
}

# Sets PNPM. A missing pnpm is installed globally; without the rights for that (or when another
# major version is installed, which we leave alone) pnpm runs through npx instead.
_tools_pnpm() {
  local want="pnpm@$MOTTAK_PNPM_VERSION" global_bin
  if _tools_pnpm_works pnpm; then
    PNPM=(pnpm)
    return 0
  fi
  if ! command -v pnpm >/dev/null 2>&1; then
    _tools_log "==> pnpm is not installed; installing it: npm i -g $want"
    if npm i -g "$want" >&2; then
      hash -r
      if _tools_pnpm_works pnpm; then
        PNPM=(pnpm)
        return 0
      fi
      # Installed, but npm's global bin folder is not on PATH.
      global_bin="$(npm prefix -g 2>/dev/null)/bin/pnpm"
      if _tools_pnpm_works "$global_bin"; then
        PNPM=("$global_bin")
        return 0
      fi
    fi
    _tools_log "    global install failed (not root?); running pnpm through npx instead"
  else
    _tools_log "==> pnpm $(pnpm --version 2>/dev/null) is installed but this repo needs pnpm ${MOTTAK_PNPM_VERSION%%.*}; running $want through npx"
  fi
  if _tools_pnpm_works npx -y "$want"; then
    PNPM=(npx -y "$want")
    return 0
  fi
  _tools_log "error: could not run $want (npm i -g and npx -y both failed). Is the npm registry reachable?"
  return 1
}

# Explains a failed install from its log, for the usual causes.
_tools_explain_install_failure() {
  local log=$1 ignored
  _tools_log ""
  _tools_log "error: pnpm install --frozen-lockfile failed (full output: $log)."
  if grep -q 'ERR_PNPM_IGNORED_BUILDS' "$log"; then
    ignored=$(grep -o 'Ignored build scripts:.*' "$log" | head -n 1)
    _tools_log "  Why: a dependency has an install script that pnpm-workspace.yaml's allowBuilds does not mention."
    _tools_log "  ${ignored:-See the log for the package names.}"
    _tools_log "  Fix: add each one under allowBuilds in pnpm-workspace.yaml: 'true' if it must build"
    _tools_log "       (a native addon such as better-sqlite3), 'false' if its script is not needed."
  elif grep -Eq 'frozen-lockfile|ERR_PNPM_OUTDATED_LOCKFILE|not up to date with' "$log"; then
    _tools_log "  Why: pnpm-lock.yaml does not match a package.json (a dependency was added or changed without"
    _tools_log "       updating the lockfile)."
    _tools_log "  Fix: run 'pnpm install' (without --frozen-lockfile) and commit pnpm-lock.yaml with the change."
  elif grep -Eqi 'gyp (ERR|info)|node-gyp|prebuild-install|make: \*\*\*|g\+\+|Python' "$log"; then
    _tools_log "  Why: a native addon (better-sqlite3) failed to compile from source."
    _tools_log "  Fix: it needs python3, make and g++ (apt-get install -y python3 make g++) and the Node headers"
    _tools_log "       in $npm_config_nodedir/include/node (npm_config_nodedir=$npm_config_nodedir)."
  elif grep -Eqi 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|network|certificate' "$log"; then
    _tools_log "  Why: the npm registry could not be reached (network, proxy or certificate problem)."
  elif grep -Eqi 'EACCES|EPERM|permission denied' "$log"; then
    _tools_log "  Why: no permission to write node_modules or the pnpm store; run as the owner of the checkout."
  else
    _tools_log "  Last lines of the output:"
    tail -n 15 "$log" | sed 's/^/    /' >&2
  fi
}

# Brings node_modules in line with pnpm-lock.yaml; a no-op costing a fraction of a second when it
# already is. --yes lets pnpm rebuild a node_modules made by other settings without asking.
_tools_install() {
  local - log=.cache/pnpm-install.log rc=0
  set -o pipefail
  mkdir -p .cache
  _tools_log "==> dependencies: pnpm install --frozen-lockfile"
  "${PNPM[@]}" install --frozen-lockfile --yes 2>&1 | tee "$log" >&2 || rc=$?
  ((rc == 0)) && return 0
  _tools_explain_install_failure "$log"
  # Offline with a complete install from before: carry on rather than block every test run.
  if [[ -f node_modules/.modules.yaml ]] &&
    grep -Eqi 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed' "$log" &&
    ! grep -Eq 'ERR_PNPM_IGNORED_BUILDS|not up to date with' "$log"; then
    _tools_log "warning: continuing with the node_modules that is already installed."
    return 0
  fi
  return "$rc"
}

ensure_tools() {
  _tools_check_node || return 1
  _tools_nodedir
  _tools_pnpm || return 1
  _tools_install || return 1
}
