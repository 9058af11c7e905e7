#!/usr/bin/env bash
# Conversation turn latency benchmark: a turn through the gateway at 20 concurrent sessions.
#
# Measures, in one run on this machine and over loopback only, p50/p95/p99 latency and turns/s of a
# conversation message turn (POST /api/v1/conversation/message) through the gateway, with the offline
# (lexicon) extractor, at 20 concurrent sessions of 20 registered people. Target: p95 <= 30 ms on this
# machine; the script prints PASS or MISS against it for the paced phase (printed, never asserted): 20 concurrent
# sessions are 20 people in conversation, each reading the answer before the next message. The saturated phase
# (no pause at all: 20 requests always in flight) measures the stack's capacity, where latency is queueing.
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
#                 the jars exist) BENCH_OUT (bench/.out) BENCH_JFR (0; 1 = a JFR profile per service) JAVA_HOME (yours; else Temurin 25; else java on PATH)
# Started processes (five JVMs) are stopped on exit; logs and raw outputs stay in $BENCH_OUT/conversation-turn.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # ROOT, JAVA_HOME, JAVA, shared functions (scripts/lib.sh)

SECONDS_MEASURED="${BENCH_SECONDS:-20}"
WARMUP="${BENCH_WARMUP:-10}"
CLIENTS="${BENCH_CLIENTS:-20}"
TARGET_MS="${BENCH_TARGET_MS:-30}"
WARMUP_MAX="${BENCH_WARMUP_MAX:-120}"
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
# heap as deployed: the chart's 768 Mi limit x MaxRAMPercentage 75 (deployment.md) ~ 576 MB; fixed, so G1 does not shrink it
JVM_OPTS=(-Xms512m -Xmx512m -Dspring.datasource.hikari.connection-timeout=20000)
# BENCH_JFR=1: once the services are ready, each JVM records a JFR profile of the load run into $OUT/<module>.jfr
# (started with jcmd after start-up, which JFR would slow down; read with `jfr print --events jdk.ExecutionSample`)
JFR="${BENCH_JFR:-0}"
# replenish/s,burst: high enough never to refuse, so the limiter still runs its Redis script on every request
RATE_LIMIT="100000,200000"
STARTUP_TIMEOUT=150                            # seconds per JVM (five start at once on two busy cores)
MODULES=(user-service credit-service content-generation-service conversation-service gateway-service)
PORT_OF=([gateway-service]=$GATEWAY_PORT [user-service]=$USER_PORT [conversation-service]=$CONVERSATION_PORT
  [content-generation-service]=$GENERATION_PORT [credit-service]=$CREDIT_PORT)

# --- set-up ------------------------------------------------------------------------------------------

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
  wait_all_ready
  # one JWKS read creates user-service's first signing key on a fresh `users` schema before 20 people register at
  # once (concurrent first-key creation fails their sign-ups: a user-service race, reported)
  curl -fsS -o /dev/null "$u:$USER_PORT/.well-known/jwks.json" || die "user-service JWKS unavailable"
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
  echo "   $MACHINE"
  echo "   loopback only; Java $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') ${JVM_OPTS[*]}" \
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
  steal_mark
  run_load
  MACHINE=$(machine_line)
  jfr_control stop
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_all
  report | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ! grep -q 'RUN FAILED' "$OUT/report.txt" || die "errors during the measurements (see $OUT/conversation-load.txt)"
}

main "$@"
