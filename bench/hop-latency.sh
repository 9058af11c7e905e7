#!/usr/bin/env bash
# Hop latency probe: where a request's time goes, one request at a time (no concurrency, so no queueing).
#
# Starts user-service, ritual-library-service and the gateway on bench ports 18380-18385 (their own database, vhost,
# Redis database and bucket, see bench/lib.sh), registers one person, then times with curl the same reads
#   - on a new connection each time and on one kept-alive connection,
#   - against the gateway's own liveness endpoint (no routing, no JWT), through the gateway, and direct,
# and prints p50/p90/max per line. A constant step between two lines is the cost of the hop between them.
# Usage: bench/hop-latency.sh        (BENCH_OUT, BENCH_MAX_SECONDS 600; JAVA_HOME Temurin 25)
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

OUT="${BENCH_OUT:-$ROOT/bench/.out}/hop-latency"
MAX_SECONDS="${BENCH_MAX_SECONDS:-600}"
MODULES=(user-service ritual-library-service gateway-service)
PORT_OF=([user-service]=18381 [ritual-library-service]=18385 [gateway-service]=18380)
JVM_OPTS=(-Xmx256m)
STARTUP_TIMEOUT=200
REQUESTS=60

percentiles() { # name < seconds per line
  sort -n | awk -v n="$1" '{a[NR]=$1} END {printf "   %-40s p50 %6.1f ms  p90 %6.1f ms  max %6.1f ms\n", n, a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, a[NR]*1000}'
}

fresh() { # name url [curl args]: a new connection per request (after 20 unmeasured ones)
  local name=$1 url=$2 i; shift 2
  for i in $(seq 1 20); do curl -s -o /dev/null "$@" "$url"; done
  for i in $(seq 1 "$REQUESTS"); do curl -s -o /dev/null -w '%{time_total}\n' "$@" "$url"; done | percentiles "$name"
}

kept() { # name url [curl args]: one connection, REQUESTS requests (curl reuses it), the first 10 not counted
  local name=$1 url=$2 args=() i; shift 2
  for i in $(seq 1 $((REQUESTS + 10))); do args+=(-o /dev/null "$url"); done # -o is per URL
  curl -s -w '%{time_total}\n' "$@" "${args[@]}" | tail -n "$REQUESTS" | percentiles "$name"
}

main() {
  mkdir -p "$OUT"
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  ensure_tools
  ensure_jars
  ensure_ports_free
  isolate_bench_infra waqup_bench
  start_watchdog
  local u=http://127.0.0.1
  local users="$u:${PORT_OF[user-service]}" library="$u:${PORT_OF[ritual-library-service]}" gateway="$u:${PORT_OF[gateway-service]}"
  START_AT=$SECONDS
  start_jvm user-service JWKS_URI="$users/.well-known/jwks.json" SERVICE_TOKEN_URI="$users/service-auth/token"
  start_jvm ritual-library-service JWKS_URI="$users/.well-known/jwks.json" SERVICE_TOKEN_URI="$users/service-auth/token" \
    USER_SERVICE_URL="$users"
  start_jvm gateway-service JWKS_URI="$users/.well-known/jwks.json" USER_SERVICE_URL="$users" RITUAL_LIBRARY_SERVICE_URL="$library" \
    RATE_LIMIT_FREE=100000,200000 -- --enable-native-access=ALL-UNNAMED
  wait_all_ready
  local token
  token=$(curl -s -X POST "$gateway/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"hop-$RANDOM$RANDOM@example.com\",\"password\":\"a-long-latency-passphrase\"}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
  local auth=(-H "Authorization: Bearer $token")
  echo
  echo "== hop latency, one request at a time, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  fresh "new conn: gateway health status (no route)" "$gateway/actuator/health"
  fresh "new conn: user-service liveness" "http://127.0.0.1:$((${users##*:} + 1000))/actuator/health/liveness"
  fresh "new conn: gateway -> user /users/me" "$gateway/api/v1/users/me" "${auth[@]}"
  fresh "new conn: direct user /users/me" "$users/api/v1/users/me" "${auth[@]}"
  fresh "new conn: gateway -> library list" "$gateway/api/v1/content?limit=20" "${auth[@]}"
  fresh "new conn: direct library list" "$library/api/v1/content?limit=20" "${auth[@]}"
  kept "kept-alive: gateway health status" "$gateway/actuator/health"
  kept "kept-alive: gateway -> user /users/me" "$gateway/api/v1/users/me" "${auth[@]}"
  kept "kept-alive: direct user /users/me" "$users/api/v1/users/me" "${auth[@]}"
  kept "kept-alive: gateway -> library list" "$gateway/api/v1/content?limit=20" "${auth[@]}"
  kept "kept-alive: direct library list" "$library/api/v1/content?limit=20" "${auth[@]}"
}

main "$@"
