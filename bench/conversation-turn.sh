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
# Two measured phases after the warm-up, in one run of bench/ConversationLoad.java:
#   saturated – each client sends its next message as soon as the answer arrives (the machine is saturated, so
#               latency is mostly queueing: 20 clients / throughput)
#   paced     – each client pauses before each message, like a person answering (uniformly 0.5-1.5 x BENCH_THINK_MS,
#               so that the clients do not fall into step); the cores are mostly idle, so latency is the turn's own work
# Tunables (env): BENCH_SECONDS (20, per phase) BENCH_WARMUP / BENCH_WARMUP_MAX (10 / 40 s: the warm-up goes on in
#                 5 s windows until the services' CPU per request stops falling) BENCH_CLIENTS (20)
#                 BENCH_THINK_MS (1000; 0 skips the paced phase) BENCH_TARGET_MS (30)
#                 BENCH_GATEWAY_PORT (18080) BENCH_USER_PORT (18081) BENCH_CONVERSATION_PORT (18082)
#                 BENCH_GENERATION_PORT (18083) BENCH_CREDIT_PORT (18086) BENCH_MAX_SECONDS (600, watchdog once
#                 the jars exist) BENCH_OUT (bench/.out) BENCH_JFR (0; 1 = a JFR profile per service) JAVA_HOME (Temurin 25)
# Started processes (five JVMs) are stopped on exit; logs and raw outputs stay in $BENCH_OUT/conversation-turn.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"

SECONDS_MEASURED="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-10}"
CLIENTS="${BENCH_CLIENTS:-20}"
TARGET_MS="${BENCH_TARGET_MS:-30}"
WARMUP_MAX="${BENCH_WARMUP_MAX:-40}"
THINK_MS="${BENCH_THINK_MS:-1000}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-18080}"
USER_PORT="${BENCH_USER_PORT:-18081}"
CONVERSATION_PORT="${BENCH_CONVERSATION_PORT:-18082}"
GENERATION_PORT="${BENCH_GENERATION_PORT:-18083}"
CREDIT_PORT="${BENCH_CREDIT_PORT:-18086}"
MAX_SECONDS="${BENCH_MAX_SECONDS:-600}"
OUT="${BENCH_OUT:-$ROOT/bench/.out}/conversation-turn"
# a 20 s wait for a database connection instead of the platform's 3 s: at a load average of 12-19, five JVMs
# starting on two cores did not get their first connection within 3 s (Flyway failed). A system property, not
# SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT: that env var also relaxes to hikari's `connection.timeout`, and
# binding it calls HikariDataSource.getConnection() before the pool is configured.
JVM_OPTS=(-Xmx256m -Dspring.datasource.hikari.connection-timeout=20000)
# BENCH_JFR=1: once the services are ready, each JVM records a JFR profile of the load run into $OUT/<module>.jfr
# (started with jcmd after start-up, which JFR would slow down; read with `jfr print --events jdk.ExecutionSample`)
JFR="${BENCH_JFR:-0}"
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
  # user- and credit-service first (the others need user-service's JWKS and token endpoint only once they serve)
  start_jvm user-service "${auth[@]}"
  start_jvm credit-service "${auth[@]}"
  wait_ready user-service
  wait_ready credit-service
  start_jvm content-generation-service "${auth[@]}" CREDIT_SERVICE_URL="$u:$CREDIT_PORT"
  start_jvm conversation-service "${auth[@]}" USER_SERVICE_URL="$u:$USER_PORT" CREDIT_SERVICE_URL="$u:$CREDIT_PORT" \
    CONTENT_GENERATION_SERVICE_URL="$u:$GENERATION_PORT" CONVERSATION_SESSION_TTL=15m LLM_PROVIDER=composer
  start_jvm gateway-service JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" USER_SERVICE_URL="$u:$USER_PORT" \
    CONVERSATION_SERVICE_URL="$u:$CONVERSATION_PORT" CREDIT_SERVICE_URL="$u:$CREDIT_PORT" \
    CONTENT_GENERATION_SERVICE_URL="$u:$GENERATION_PORT" RATE_LIMIT_FREE="$RATE_LIMIT" RATE_LIMIT_PAID="$RATE_LIMIT" \
    RATE_LIMIT_ANONYMOUS="$RATE_LIMIT" -- --enable-native-access=ALL-UNNAMED
  local m
  for m in "${MODULES[@]}"; do wait_ready "$m"; done
  # one JWKS read creates user-service's first signing key on a fresh `users` schema before 20 people register at
  # once (concurrent first-key creation fails their sign-ups: a user-service race, reported)
  curl -fsS -o /dev/null "$u:$USER_PORT/.well-known/jwks.json" || die "user-service JWKS unavailable"
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

jfr_control() { # jfr_control start|stop: a JFR recording on every service JVM (BENCH_JFR=1 only)
  [[ $JFR == 1 ]] || return 0
  local m args
  for m in "${MODULES[@]}"; do
    if [[ $1 == start ]]; then args=(JFR.start name=bench settings=profile); else args=(JFR.stop name=bench "filename=$OUT/$m.jfr"); fi
    "$JAVA_HOME/bin/jcmd" "${PID_OF[$m]}" "${args[@]}" >/dev/null 2>&1 || log "jcmd ${args[0]} failed for $m"
  done
}

# --- measuring ---------------------------------------------------------------------------------------

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; } # field <key> <RESULT line>

run_load() {
  local raw="$OUT/conversation-load.txt" redis_pid
  redis_pid=$(redis-cli -h 127.0.0.1 info server 2>/dev/null | sed -n 's/^process_id:\([0-9]*\).*/\1/p' | tr -d '\r' || true)
  log "conversation: $CLIENTS new people, warm-up ${WARMUP}-${WARMUP_MAX}s, then ${SECONDS_MEASURED}s saturated" \
    "and ${SECONDS_MEASURED}s paced (think ${THINK_MS} ms)"
  # ConversationLoad samples the CPU time of these processes itself (warm-up windows, measured phases)
  "$JAVA" -Dclk.tck="$(getconf CLK_TCK)" "$ROOT/bench/ConversationLoad.java" --url "http://127.0.0.1:$GATEWAY_PORT" \
    --clients "$CLIENTS" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --warmup-max "$WARMUP_MAX" \
    --think-ms "$THINK_MS" --target-ms "$TARGET_MS" \
    --cpu "gateway=${PID_OF[gateway-service]},conversation=${PID_OF[conversation-service]},credit=${PID_OF[credit-service]},user=${PID_OF[user-service]},postgres${redis_pid:+,redis=$redis_pid},client=self" \
    >"$raw" 2>&1 || die "ConversationLoad failed: $(tail -5 "$raw")"
  grep -q '^RESULT ' "$raw" || die "no RESULT in $raw"
  grep -E '^  (warm-up|  message turns|  target)' "$raw" | sed 's/^/[bench] /' >&2
}

report() {
  local raw="$OUT/conversation-load.txt" r errors=0
  echo
  echo "== conversation turn through the gateway, offline (lexicon) extractor, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "   $(nproc) cores, loopback only; Java $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') ${JVM_OPTS[*]}" \
    "per service; gateway rate limits raised to $RATE_LIMIT (the Redis script still runs)"
  echo "   load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "   bench/ConversationLoad.java: $CLIENTS people, one session each at a time; a session: start (user-service profile;"
  echo "   not measured), then 4 message turns (measured); the 3rd reaches Confirmation and the 4th corrects the length"
  echo "   there: both show the card, which asks credit-service for the quote. Warm-up: ${WARMUP}-${WARMUP_MAX} s in 5 s windows"
  echo "   until the services' CPU per request stops falling; then ${SECONDS_MEASURED} s saturated (back to back) and"
  echo "   ${SECONDS_MEASURED} s paced (a pause of $((THINK_MS / 2))-$((THINK_MS * 3 / 2)) ms, uniformly drawn, before each message)"
  echo
  grep -v '^RESULT ' "$raw" | sed 's/^/   /'
  printf '   %-10s %8s %8s %8s %8s %9s %9s %7s %6s %-6s\n' phase "p50 ms" "p95 ms" "p99 ms" "turns/s" "card p95" \
    "other p95" errors busy "p95<=${TARGET_MS}"
  while read -r r; do
    printf '   %-10s %8s %8s %8s %8s %9s %9s %7s %6s %-6s\n' "$(field phase "$r")" "$(field p50_ms "$r")" \
      "$(field p95_ms "$r")" "$(field p99_ms "$r")" "$(field turns_per_s "$r")" "$(field card_p95_ms "$r")" \
      "$(field other_p95_ms "$r")" "$(field errors "$r")" "$(field busy_pct "$r")%" "$(field verdict "$r")"
    errors=$((errors + $(field errors "$r")))
  done < <(grep '^RESULT ' "$raw")
  echo
  echo "   busy = both cores' use during the phase, by anything (the other processes on the machine included);"
  echo "   CPU: postgres = every postgres process, so it also counts anybody else's queries"
  echo "   raw outputs and logs: $OUT"
  ((errors == 0)) || echo "   RUN FAILED: $errors errors during the measurements"
}

main() {
  local started=$SECONDS
  mkdir -p "$OUT"
  rm -f "$OUT"/conversation-load.txt "$OUT"/report.txt
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_tools
  ensure_jars
  ensure_ports_free
  start_watchdog
  start_services
  jfr_control start
  run_load
  jfr_control stop
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_all
  report | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ! grep -q 'RUN FAILED' "$OUT/report.txt" || die "errors during the measurements (see $OUT/conversation-load.txt)"
}

main "$@"
