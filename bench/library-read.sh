#!/usr/bin/env bash
# Library read benchmark: cached detail and list reads through the gateway.
#
# Measures through the gateway, on this machine and over loopback only:
#   (a) GET /api/v1/content/{id} with a warm Redis cache (every measured id read once before), at 500 requests/s
#       for 30 s, open loop (bench/LibraryLoad.java: latency from the moment a request was due): p50/p95/p99, errors;
#       target p95 <= 10 ms on this machine (printed as PASS/MISS, never asserted);
#   (b) GET /api/v1/content (the list, newest first) at page sizes 20 and 100, random pages, 50 requests/s for 15 s.
# Before each measured phase, a closed-loop warm-up (4 clients back to back) lets the JVMs compile their hot paths
# without building a backlog; the detail's warm-up is reported as "warm-cap" (offered 0/s = closed loop): the
# stack's throughput and service latency on this machine at that moment.
# One person owns 10,000 items. They are seeded with one SQL statement straight into content_item (no S3 objects, no
# version rows: neither read touches them; the detail signs its audio URL locally, without calling S3), in a schema
# of its own (library_bench, dropped and re-created on every run) so a running platform's library is never touched.
# The cache hit/miss counters of ritual-library-service (waqup_cache_requests_total{cache="metadata"}) are printed before and after (a).
#
# Topology (JVMs on bench ports): gateway-service :18080 (JWT check, Redis rate limiter raised so it never refuses,
# routing) -> ritual-library-service :18085 (DB_SCHEMA=library_bench, Redis database BENCH_REDIS_DB) and
# user-service :18081 (JWKS, and the registration of the benchmark's person).
#
# Usage: bench/library-read.sh
# Tunables (env): BENCH_ITEMS (10000) BENCH_HOT_IDS (1000: ids read in (a), each cached before) BENCH_RATE (500)
#                 BENCH_SECONDS (30) BENCH_WARMUP (90) BENCH_LIST_RATE (50) BENCH_LIST_SECONDS (15)
#                 BENCH_TARGET_MS (10) BENCH_REDIS_DB (6) BENCH_SCHEMA (library_bench)
#                 BENCH_GATEWAY_PORT (18080) BENCH_USER_PORT (18081) BENCH_LIBRARY_PORT (18085)
#                 BENCH_MAX_SECONDS (600, watchdog once the jars exist) BENCH_OUT (bench/.out) JAVA_HOME (yours; else Temurin 25; else java on PATH)
# Started processes (three JVMs) are stopped on exit; logs and raw outputs stay in $BENCH_OUT/library-read.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # ROOT, JAVA_HOME, JAVA, shared functions (scripts/lib.sh)

ITEMS="${BENCH_ITEMS:-10000}"
HOT_IDS="${BENCH_HOT_IDS:-1000}"
RATE="${BENCH_RATE:-500}"
SECONDS_MEASURED="${BENCH_SECONDS:-30}"
WARMUP="${BENCH_WARMUP:-90}"
LIST_RATE="${BENCH_LIST_RATE:-50}"
LIST_SECONDS="${BENCH_LIST_SECONDS:-15}"
TARGET_MS="${BENCH_TARGET_MS:-10}"
REDIS_DB="${BENCH_REDIS_DB:-6}"
SCHEMA="${BENCH_SCHEMA:-library_bench}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-18080}"
USER_PORT="${BENCH_USER_PORT:-18081}"
LIBRARY_PORT="${BENCH_LIBRARY_PORT:-18085}"
MAX_SECONDS="${BENCH_MAX_SECONDS:-600}"
OUT="${BENCH_OUT:-$ROOT/bench/.out}/library-read"
PG=(-h 127.0.0.1 -p 5432 -U postgres)
# heap as deployed: the chart's 768 Mi limit x MaxRAMPercentage 75 (deployment.md) ~ 576 MB; fixed, so G1 does not shrink it
JVM_OPTS=(-Xms512m -Xmx512m)
RATE_LIMIT="100000,200000"                     # replenish/s,burst: never refuses, the Redis script still runs
STARTUP_TIMEOUT=150
MODULES=(user-service ritual-library-service gateway-service)
PORT_OF=([gateway-service]=$GATEWAY_PORT [user-service]=$USER_PORT [ritual-library-service]=$LIBRARY_PORT)

start_services() {
  local u="http://127.0.0.1"
  local auth=(JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" SERVICE_TOKEN_URI="$u:$USER_PORT/service-auth/token")
  # a fresh schema for the benchmark's library: Flyway creates it at start-up
  PGOPTIONS="-c client_min_messages=warning" psql "${PG[@]}" -d waqup -qc "drop schema if exists $SCHEMA cascade" >/dev/null
  start_jvm user-service "${auth[@]}"
  start_jvm ritual-library-service "${auth[@]}" DB_SCHEMA="$SCHEMA" REDIS_DATABASE="$REDIS_DB" \
    USER_SERVICE_URL="$u:$USER_PORT" LIBRARY_SHARE_BASE_URL="$u:$GATEWAY_PORT"
  start_jvm gateway-service JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" USER_SERVICE_URL="$u:$USER_PORT" \
    RITUAL_LIBRARY_SERVICE_URL="$u:$LIBRARY_PORT" RATE_LIMIT_FREE="$RATE_LIMIT" RATE_LIMIT_PAID="$RATE_LIMIT" \
    RATE_LIMIT_ANONYMOUS="$RATE_LIMIT" -- --enable-native-access=ALL-UNNAMED
  wait_all_ready
}

# --- the person and their library --------------------------------------------------------------------

register() { # prints the access token of a new person
  local body
  body=$(curl -fsS -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/register" \
    -d "{\"email\":\"library-$(date +%s%N)@bench.waqup.local\",\"password\":\"Library-read-measure-5831\"}") \
    || die "registration through the gateway failed"
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$body"
}

subject_of() { # the sub claim of a JWT
  local payload=${1#*.}
  payload=${payload%%.*}
  payload=$(tr '_-' '/+' <<<"$payload")
  while (( ${#payload} % 4 )); do payload+="="; done
  base64 -d <<<"$payload" 2>/dev/null | sed -n 's/.*"sub":"\([^"]*\)".*/\1/p'
}

seed() { # seed <user_id>: ITEMS items, created one second apart (newest first is then a real ordering)
  local user=$1
  psql "${PG[@]}" -d waqup -v ON_ERROR_STOP=1 -q <<SQL
insert into $SCHEMA.content_item (id, user_id, content_type, title, content_text, voice_id, voice_name, audio_key,
    audio_format, audio_size_bytes, audio_duration, version, depth, tags, structure, context, created_at, updated_at)
select id, '$user', (array['affirmation', 'guided_meditation', 'ritual'])[1 + i % 3], 'Bench item ' || i,
    repeat('Find a comfortable position and breathe in slowly. ', 40), 'en-us-female', 'Ava',
    'audio/$user/' || id || '/1.mp3', 'mp3', 4823110, 300, 1, (array['shallow', 'medium', 'deep'])[1 + i % 3],
    array['bench', 'tag' || (i % 10)],
    '{"type": "guided_meditation", "sections": [{"kind": "settling", "segments": [{"text": "Breathe", "pause_after": 4.0}]}]}',
    '{"intent": "sleep", "time_of_day": "evening"}', now() - make_interval(secs => i), now()
from (select gen_random_uuid() as id, i from generate_series(1, $ITEMS) i) seeded;
analyze $SCHEMA.content_item;
SQL
  psql "${PG[@]}" -d waqup -Atqc "select id from $SCHEMA.content_item where user_id = '$user' order by random() limit $HOT_IDS" \
    >"$OUT/ids.txt"
  log "seeded $ITEMS items for $user; $(wc -l <"$OUT/ids.txt") ids for the detail reads"
}

cache_counters() {
  curl -fsS "http://127.0.0.1:$((LIBRARY_PORT + 1000))/actuator/prometheus" | { grep -E '^waqup_cache_requests_total\{.*cache="metadata"' || true; } \
    | sed -n 's/.*result="\([a-z]*\)".* \([0-9.E]*\)$/\1=\2/p' | tr '\n' ' '
}

# --- measuring ---------------------------------------------------------------------------------------

main() {
  local started=$SECONDS token user raw="$OUT/library-load.txt"
  mkdir -p "$OUT"
  rm -f "$OUT"/library-load.txt "$OUT"/report.txt "$OUT"/ids.txt
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  ensure_tools curl:curl postgresql-client:psql
  psql "${PG[@]}" -d waqup -Atqc 'select 1' >/dev/null || die "PostgreSQL (database waqup) is not reachable on 127.0.0.1:5432"
  ensure_jars
  ensure_ports_free
  start_watchdog
  start_services
  token=$(register)
  [[ -n $token ]] || die "no token in the registration answer"
  user=$(subject_of "$token")
  [[ -n $user ]] || die "no sub in the token"
  seed "$user"
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  steal_mark
  CACHE_BEFORE=$(cache_counters)
  local redis_pid
  redis_pid=$(redis-cli -h 127.0.0.1 info server 2>/dev/null | sed -n 's/^process_id:\([0-9]*\).*/\1/p' | tr -d '\r' || true)
  "$JAVA" -Dclk.tck="$(getconf CLK_TCK)" "$ROOT/bench/LibraryLoad.java" --url "http://127.0.0.1:$GATEWAY_PORT" --token "$token" --ids "$OUT/ids.txt" \
    --cpu "gateway=${PID_OF[gateway-service]},library=${PID_OF[ritual-library-service]},user=${PID_OF[user-service]},postgres${redis_pid:+,redis=$redis_pid},client=self" \
    --total "$ITEMS" --rate "$RATE" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --list-rate "$LIST_RATE" \
    --list-seconds "$LIST_SECONDS" --target-ms "$TARGET_MS" >"$raw" 2>&1 || die "LibraryLoad failed: $(tail -5 "$raw")"
  CACHE_AFTER=$(cache_counters)
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  MACHINE=$(machine_line)
  stop_all
  {
    echo
    echo "== library reads through the gateway, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "   $MACHINE"
    echo "   loopback only; Java $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') ${JVM_OPTS[*]}" \
      "per service; gateway rate limits raised to $RATE_LIMIT (the Redis script still runs)"
    echo "   one person, $ITEMS items (SQL seed in schema $SCHEMA); detail reads over $HOT_IDS ids, each cached before"
    echo "   load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
    echo "   library cache counters before: ${CACHE_BEFORE:-none}; after: ${CACHE_AFTER:-none}"
    echo
    grep -v '^RESULT ' "$raw" | sed 's/^/   /'
    echo
    latency_table "$raw" "p95<=${TARGET_MS}"
  } | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ! grep -q 'RUN FAILED' "$OUT/report.txt" || die "errors during the measurements (see $raw)"
}

main "$@"
