#!/usr/bin/env bash
# Conversation turn latency benchmark (issue #6).
#
# Measures, in one run on this machine and over loopback only, p50/p95/p99 latency and turns/s of a
# conversation message turn (POST /api/v1/conversation/message) through the gateway, with the offline
# (lexicon) extractor, at 20 concurrent sessions of 20 registered people. Target: p95 <= 30 ms on this
# machine; the script prints PASS or MISS against it (printed, never asserted).
#
# Topology (JVMs on bench ports): gateway-service :18080 (JWT check, Redis token-bucket rate limit raised so it
# never refuses, routing) -> conversation-service :18082 (session in Redis, transcript written through to
# PostgreSQL) -> user-service :18081 for the profile at a session's start, credit-service :18086 for the quote
# when a turn shows the confirmation card; content-generation-service :18083 (only used by `complete`, which
# the benchmark does not call) is started too, as in the platform.
#
# Usage: bench/conversation-turn.sh
# Tunables (env): BENCH_SECONDS (20) BENCH_WARMUP (10) BENCH_CLIENTS (20) BENCH_TARGET_MS (30)
#                 BENCH_THINK_MS ("0 1000": one phase per value, the pause of each client before each message in ms;
#                 0 = back to back, which saturates the machine, so latency = queueing; 1000 = people who answer
#                 within a second, which leaves the cores mostly idle, so latency = the turn's own work)
#                 BENCH_GATEWAY_PORT (18080) BENCH_USER_PORT (18081) BENCH_CONVERSATION_PORT (18082)
#                 BENCH_GENERATION_PORT (18083) BENCH_CREDIT_PORT (18086) BENCH_MAX_SECONDS (178, watchdog once
#                 the jars exist) BENCH_OUT (bench/.out) JAVA_HOME (Temurin 25)
# Started processes (five JVMs) are stopped on exit; logs and raw outputs stay in $BENCH_OUT/conversation-turn.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

SECONDS_MEASURED="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-10}"
CLIENTS="${BENCH_CLIENTS:-20}"
TARGET_MS="${BENCH_TARGET_MS:-30}"
read -r -a THINK_LIST <<<"${BENCH_THINK_MS:-0 1000}"
LATER_WARMUP=3                                 # seconds of warm-up for the phases after the first (JVMs already warm)
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-18080}"
USER_PORT="${BENCH_USER_PORT:-18081}"
CONVERSATION_PORT="${BENCH_CONVERSATION_PORT:-18082}"
GENERATION_PORT="${BENCH_GENERATION_PORT:-18083}"
CREDIT_PORT="${BENCH_CREDIT_PORT:-18086}"
MAX_SECONDS="${BENCH_MAX_SECONDS:-178}"
OUT="${BENCH_OUT:-$ROOT/bench/.out}/conversation-turn"
JVM_OPTS=(-Xmx256m)
# replenish/s,burst: high enough never to refuse, so the limiter still runs its Redis script on every request
RATE_LIMIT="100000,200000"
STARTUP_TIMEOUT=150                            # seconds per JVM (five start at once on two busy cores)
MODULES=(user-service credit-service content-generation-service conversation-service gateway-service)

declare -a STARTED_PIDS=()
declare -A PID_OF
WATCHDOG_PID=""

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- set-up ------------------------------------------------------------------------------------------

ensure_tools() {
  if ! command -v curl >/dev/null; then
    log "installing from Debian: curl"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends curl >/dev/null
  fi
  [[ -x "$JAVA" ]] || die "no java at $JAVA (set JAVA_HOME)"
}

jar_of() { echo "$ROOT/$1/target/$1-0.1.0-SNAPSHOT.jar"; }

ensure_jars() {
  local m missing=()
  for m in "${MODULES[@]}"; do [[ -f "$(jar_of "$m")" ]] || missing+=("$m"); done
  if ((${#missing[@]})); then
    log "building ${missing[*]}"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl "$(IFS=,; echo "${missing[*]}")" -am)
  fi
}

port_of() {
  case $1 in
    gateway-service) echo "$GATEWAY_PORT" ;;
    user-service) echo "$USER_PORT" ;;
    conversation-service) echo "$CONVERSATION_PORT" ;;
    content-generation-service) echo "$GENERATION_PORT" ;;
    credit-service) echo "$CREDIT_PORT" ;;
  esac
}

ensure_ports_free() {
  local m
  for m in "${MODULES[@]}"; do
    ! port_open "$(port_of "$m")" || die "port $(port_of "$m") ($m) is already in use (another benchmark? set BENCH_*_PORT)"
  done
}

start_jvm() { # start_jvm <module> [env assignments...] -- [extra jvm args...]
  local module=$1; shift
  local envs=() extra=()
  while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
  (($#)) && shift
  extra=("$@")
  env SERVER_ADDRESS=127.0.0.1 PORT="$(port_of "$module")" "${envs[@]}" \
    "$JAVA" "${JVM_OPTS[@]}" ${extra[@]+"${extra[@]}"} -jar "$(jar_of "$module")" >"$OUT/$module.log" 2>&1 &
  STARTED_PIDS+=($!)
  PID_OF[$module]=$!
  log "started $module (pid $!) on :$(port_of "$module"), log $OUT/$module.log"
}

wait_ready() { # wait_ready <module>
  local module=$1 port i
  port=$(port_of "$module")
  for ((i = 0; i < STARTUP_TIMEOUT; i++)); do
    kill -0 "${PID_OF[$module]}" 2>/dev/null || die "$module exited during start-up (see $OUT/$module.log)"
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null; then
      log "$module ready on :$port (~$((SECONDS - START_AT))s after the start)"; return 0
    fi
    sleep 1
  done
  die "$module not ready on :$port after ${STARTUP_TIMEOUT}s (see $OUT/$module.log)"
}

start_services() {
  local u="http://127.0.0.1"
  local auth=(JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" SERVICE_TOKEN_URI="$u:$USER_PORT/service-auth/token")
  START_AT=$SECONDS
  start_jvm user-service "${auth[@]}"
  start_jvm credit-service "${auth[@]}"
  start_jvm content-generation-service "${auth[@]}" CREDIT_SERVICE_URL="$u:$CREDIT_PORT"
  start_jvm conversation-service "${auth[@]}" USER_SERVICE_URL="$u:$USER_PORT" CREDIT_SERVICE_URL="$u:$CREDIT_PORT" \
    CONTENT_GENERATION_SERVICE_URL="$u:$GENERATION_PORT" CONVERSATION_SESSION_TTL=15m
  start_jvm gateway-service JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" USER_SERVICE_URL="$u:$USER_PORT" \
    CONVERSATION_SERVICE_URL="$u:$CONVERSATION_PORT" CREDIT_SERVICE_URL="$u:$CREDIT_PORT" \
    CONTENT_GENERATION_SERVICE_URL="$u:$GENERATION_PORT" RATE_LIMIT_FREE="$RATE_LIMIT" RATE_LIMIT_PAID="$RATE_LIMIT" \
    RATE_LIMIT_ANONYMOUS="$RATE_LIMIT" -- --enable-native-access=ALL-UNNAMED
  local m
  for m in "${MODULES[@]}"; do wait_ready "$m"; done
}

stop_all() {
  local pid i pids=()
  if [[ -n $WATCHDOG_PID ]]; then # the watchdog subshell and its sleep
    read -r -a pids <<<"$(ps -o pid= --ppid "$WATCHDOG_PID" | tr -s ' \n' ' ')"
    kill "$WATCHDOG_PID" "${pids[@]}" 2>/dev/null || true
    WATCHDOG_PID=""
  fi
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do
    for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if ((${#STARTED_PIDS[@]})); then log "stopped pids ${STARTED_PIDS[*]}"; fi
  STARTED_PIDS=()
}

start_watchdog() { # bounds the run: after MAX_SECONDS the script is stopped (and the EXIT trap cleans up)
  local main_pid=$$
  (sleep "$MAX_SECONDS" && log "FAILED: watchdog stopped the run after ${MAX_SECONDS}s" && kill -TERM "$main_pid") &
  WATCHDOG_PID=$!
}

# --- measuring ---------------------------------------------------------------------------------------

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; } # field <key> <RESULT line>

declare -a RESULTS=()

run_load() { # run_load <think ms> <warm-up s>
  local think=$1 warmup=$2 raw="$OUT/conversation-load-think$1.txt" redis_pid result
  redis_pid=$(redis-cli -h 127.0.0.1 info server 2>/dev/null | sed -n 's/^process_id:\([0-9]*\).*/\1/p' | tr -d '\r' || true)
  log "conversation: $CLIENTS sessions, think time ${think} ms, ${warmup}s warm-up + ${SECONDS_MEASURED}s measured (20 new people first)"
  # ConversationLoad samples the CPU time of these processes over the measured window itself
  "$JAVA" -Dclk.tck="$(getconf CLK_TCK)" "$ROOT/bench/ConversationLoad.java" --url "http://127.0.0.1:$GATEWAY_PORT" \
    --clients "$CLIENTS" --seconds "$SECONDS_MEASURED" --warmup "$warmup" --target-ms "$TARGET_MS" --think-ms "$think" \
    --cpu "gateway=${PID_OF[gateway-service]},conversation=${PID_OF[conversation-service]},credit=${PID_OF[credit-service]},user=${PID_OF[user-service]},postgres${redis_pid:+,redis=$redis_pid},client=self" \
    >"$raw" 2>&1 || die "ConversationLoad failed: $(tail -5 "$raw")"
  result=$(grep '^RESULT ' "$raw") || die "no RESULT in $raw"
  RESULTS+=("$result")
  grep -E '^  (message turns|errors|target)' "$raw" | sed 's/^/[bench]   /' >&2
}

report() {
  local r think errors=0
  echo
  echo "== conversation turn through the gateway, offline (lexicon) extractor, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "   $(nproc) cores, loopback only; Java $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') ${JVM_OPTS[*]}" \
    "per service; gateway rate limits raised to $RATE_LIMIT (the Redis script still runs)"
  echo "   load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "   bench/ConversationLoad.java: $CLIENTS people, one session each at a time; per phase 20 new people, warm-up"
  echo "   (${WARMUP} s for the first phase, ${LATER_WARMUP} s after), ${SECONDS_MEASURED} s measured; think = each client's pause before each message"
  echo "   a session: start (user-service profile; not measured), then 4 message turns (measured); the 3rd reaches"
  echo "   Confirmation and the 4th corrects the length there: both show the card, which asks credit-service for the quote"
  for think in "${THINK_LIST[@]}"; do
    echo
    echo "   -- think ${think} ms"
    sed -n '2,$p' "$OUT/conversation-load-think$think.txt" | grep -v '^RESULT ' | sed 's/^/   /'
  done
  echo
  printf '   %-9s %8s %8s %8s %8s %9s %9s %7s %6s %-6s\n' think "p50 ms" "p95 ms" "p99 ms" "turns/s" "card p95" \
    "other p95" errors busy "p95<=${TARGET_MS}"
  for r in "${RESULTS[@]}"; do
    printf '   %-9s %8s %8s %8s %8s %9s %9s %7s %6s %-6s\n' "$(field think_ms "$r") ms" "$(field p50_ms "$r")" \
      "$(field p95_ms "$r")" "$(field p99_ms "$r")" "$(field turns_per_s "$r")" "$(field card_p95_ms "$r")" \
      "$(field other_p95_ms "$r")" "$(field errors "$r")" "$(field busy_pct "$r")%" "$(field verdict "$r")"
    errors=$((errors + $(field errors "$r")))
  done
  echo
  echo "   busy = both cores' use during the measured window, by anything (the other processes on the machine included);"
  echo "   CPU: postgres = every postgres process, so it also counts anybody else's queries"
  echo "   raw outputs and logs: $OUT"
  ((errors == 0)) || echo "   RUN FAILED: $errors errors during the measurements"
}

main() {
  local started=$SECONDS
  mkdir -p "$OUT"
  rm -f "$OUT"/conversation-load*.txt "$OUT"/report.txt
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_tools
  ensure_jars
  ensure_ports_free
  start_watchdog
  start_services
  local think warmup=$WARMUP
  for think in "${THINK_LIST[@]}"; do
    run_load "$think" "$warmup"
    warmup=$LATER_WARMUP
  done
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_all
  report | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ! grep -q 'RUN FAILED' "$OUT/report.txt" || die "errors during the measurements (see $OUT/conversation-load-*.txt)"
}

main "$@"
