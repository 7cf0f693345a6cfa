#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/browser) when it is missing. The tests
# drive it with playwright-core, which brings no browser of its own (downloading one is not
# possible here); Debian's package is the browser. Idempotent: does nothing when /usr/bin/chromium
# exists. Needs root (or sudo) for apt-get; without it, prints how to install and exits 1.
# Usage: bash scripts/provision-chromium.sh
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x $CHROMIUM ]]; then
  exit 0
fi

log() { printf '%s\n' "$*" >&2; }

SUDO=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    log "error: $CHROMIUM is missing and installing it needs root: apt-get install -y chromium"
    exit 1
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  log "error: $CHROMIUM is missing and this machine has no apt-get; install Chromium by hand."
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log "==> chromium is missing; installing Debian's package (apt-get install -y chromium)"
# A fresh machine has no package lists yet; an old list may name versions no longer served.
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends chromium fonts-liberation >&2; then
  log "    install failed; refreshing the package lists (apt-get update) and trying again"
  "${SUDO[@]}" apt-get update >&2
  "${SUDO[@]}" apt-get install -y --no-install-recommends chromium fonts-liberation >&2
fi

if [[ ! -x $CHROMIUM ]]; then
  log "error: apt-get finished but $CHROMIUM is still missing."
  exit 1
fi
log "==> $("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"
