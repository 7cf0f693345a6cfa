#!/usr/bin/env bash
# Starts Mottak in its embedded profile (`npm start`): API, worker and indexer in one process on
# SQLite files. Sets up pnpm and node_modules first (see scripts/ensure-tools.sh), builds the web app
# when it is missing or stale (scripts/build-web.mjs), then hands the
# process over to services/all-in-one/src/main.ts, which seeds demo data and prints the URL.
# Environment: PORT (default 8080), MOTTAK_DATA_DIR (default ./.data), MOTTAK_DEMO_SEED (default true
# here). Arguments go to main.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/ensure-tools.sh
source scripts/ensure-tools.sh
ensure_tools || exit 1

main=services/all-in-one/src/main.ts
if [[ ! -f $main ]]; then
  echo "error: $main does not exist yet." >&2
  exit 1
fi
# The browser app is served from services/web/dist; build it when it is missing or older than its
# sources (a no-op taking a fraction of a second when it is current). A failed build leaves the API
# and the tip form running, and says so.
if ! node scripts/build-web.mjs; then
  echo "warning: the web app could not be built; Mottak starts without it (API and /tips only)." >&2
fi

# The start command is the newcomer's demo: demo users and reports unless asked otherwise.
export MOTTAK_DEMO_SEED="${MOTTAK_DEMO_SEED:-true}"
exec "${PNPM[@]}" exec tsx "$main" "$@"
