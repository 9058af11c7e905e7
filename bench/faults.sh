#!/usr/bin/env bash
# Fault suite: the whole platform under a mixed workload while its processes are broken, one at a
# time, then checks that nothing was lost, stuck or unbalanced and that every error the client saw was an envelope.
#
# Everything runs on loopback and on infrastructure of its own, so the machine's shared PostgreSQL (5432), Redis (6379)
# and RabbitMQ (5672) are never touched: a private PostgreSQL 15 cluster (initdb into a temp folder, port 15432), a
# private Redis (16379, no persistence) and a private RabbitMQ node (faults@localhost, AMQP 15672, distribution 25673,
# no plugins). Elasticsearch (9200) and the S3 server (9000) are shared and stay up: the run uses an index
# ("faults-catalog-packs") and a bucket ("waqup-faults") of its own. All 11 services run on ports BASE..BASE+10
# (Actuator +1000), pointed at the private instances.
#
# Workload (bench/FaultLoad.java): N virtual people through the gateway, each looping register/login → buy a starter
# credit pack in the payment sandbox when short (and every 4th round) → converse to the Confirmation card → confirm →
# poll the generation → read the item → fetch its audio → play and complete a practice.
# Fault schedule, after a warm-up, one at a time, FAULT_GAP seconds apart, each fault's start/end in faults.csv:
#   - SIGKILL of each of the 11 services once, restarted at once (same settings), until ready again;
#   - Redis stopped for 30 s: SIGSTOP, then SIGCONT (the process freezes: connections stay open and nothing answers,
#     the nastier case for clients' timeouts; its data survives, as a restarted production Redis's would not matter);
#   - RabbitMQ stopped for 30 s: rabbitmqctl stop_app, then start_app (the node stays, the broker is down: every
#     connection is closed and refused until it is back);
#   - PostgreSQL restarted: pg_ctl restart -m fast (every connection cut, refused until it accepts again).
# Afterwards the workload stops and the platform gets up to SETTLE seconds to finish what is in flight; then:
#   practices: every generation job ready or failed (none stuck); every failed job's credit hold released, every ready
#     job's captured; no open hold of a finished job; every ready item in the library;
#   ledgers: credit (available = Σ entries ≥ 0, held = Σ open holds, one hold entry per hold) and reward (available =
#     Σ token entries ≥ 0, held = Σ pending payouts);
#   events: no incomplete outbox publication (event_publication.completion_date null) in any schema; every dead-letter
#     queue (*.dlq) empty (listed with its depth otherwise); every registered person has a credit account (user.registered
#     heard), every credit-pack payment credited (payment.succeeded heard), every completed sandbox session paid, every
#     stored webhook handled;
#   client: no non-envelope error body, no stack trace, no request without an answer within the client timeout (hang).
# Prints the per-fault table and PASS/FAIL per check; exits non-zero on any FAIL.
#
# Usage: bench/faults.sh
# Tunables (env): FAULTS_PEOPLE (6) FAULTS_WARMUP (60 s) FAULTS_GAP (10 s between faults) FAULTS_SETTLE (300 s)
#   FAULTS_TIMEOUT (30 s, the client's request timeout = "hang") BENCH_PORT_BASE (19080) FAULTS_PG_PORT (15432)
#   FAULTS_REDIS_PORT (16379) FAULTS_RABBIT_PORT (15672) FAULTS_RABBIT_DIST_PORT (25673) BENCH_MAX_SECONDS (3600: the
#   watchdog) BENCH_OUT (bench/.out) JAVA_HOME
# Needs: PostgreSQL 15 server binaries (/usr/lib/postgresql/15/bin), redis-server, rabbitmq-server/rabbitmqctl, the user
# "postgres", root (to run initdb as postgres and the RabbitMQ node as rabbitmq), espeak-ng and ffmpeg (audio), the
# shared Elasticsearch and S3 server. Everything it started is stopped on exit (EXIT trap), its temp folder removed;
# logs, requests.csv, faults.csv and report.txt stay in $BENCH_OUT/faults.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PEOPLE="${FAULTS_PEOPLE:-6}"
WARMUP="${FAULTS_WARMUP:-60}"
GAP="${FAULTS_GAP:-10}"
SETTLE="${FAULTS_SETTLE:-300}"
CLIENT_TIMEOUT="${FAULTS_TIMEOUT:-30}"
BASE="${BENCH_PORT_BASE:-19080}"
PG_PORT="${FAULTS_PG_PORT:-15432}"
REDIS_PORT="${FAULTS_REDIS_PORT:-16379}"
RABBIT_PORT="${FAULTS_RABBIT_PORT:-15672}"
RABBIT_DIST_PORT="${FAULTS_RABBIT_DIST_PORT:-25673}"
RABBIT_NODE="faults@localhost"
MAX_SECONDS="${BENCH_MAX_SECONDS:-3600}"
OUT="${BENCH_OUT:-$ROOT/bench/.out}/faults"
PG_BIN=/usr/lib/postgresql/15/bin
JVM_OPTS=(-Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1)
STOP_WAIT=30 # tenths of a second: the JVMs are killed after 3 s (a graceful stop proves nothing here)
STARTUP_TIMEOUT=420 # seconds per JVM: eleven start at once on a small machine
RATE_LIMIT="100000,200000"
CHECK_PORT_OWNER=1
MODULES=(user-service credit-service payment-service reward-service creator-service catalog-service
  ritual-library-service audio-generation-service content-generation-service conversation-service gateway-service)
PORT_OF=([gateway-service]=$BASE [user-service]=$((BASE + 1)) [conversation-service]=$((BASE + 2))
  [content-generation-service]=$((BASE + 3)) [audio-generation-service]=$((BASE + 4))
  [ritual-library-service]=$((BASE + 5)) [credit-service]=$((BASE + 6)) [creator-service]=$((BASE + 7))
  [catalog-service]=$((BASE + 8)) [payment-service]=$((BASE + 9)) [reward-service]=$((BASE + 10)))
WORK=""
REDIS_PID=""
RABBIT_PID=""
LOAD_PID=""
PG_STARTED=0
SETTLED=""

now_ms() { date +%s%3N; }
as_postgres() { runuser -u postgres -- "$@"; }
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d waqup -v ON_ERROR_STOP=1 -AtqF '|' "$@"; }
rabbitctl() { rabbitmqctl -q -n "$RABBIT_NODE" "$@"; }
pg_ctl_() { as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$OUT/postgres.log" -w -t 60 "$@"; }

cleanup() {
  local rc=$?
  trap - EXIT
  [[ -z $LOAD_PID ]] || kill "$LOAD_PID" 2>/dev/null || true
  stop_all
  if [[ -n $REDIS_PID ]]; then kill -CONT "$REDIS_PID" 2>/dev/null || true; stop_pids 10 "$REDIS_PID" >/dev/null || true; fi
  if [[ -n $RABBIT_PID ]]; then
    rabbitctl stop >/dev/null 2>&1 || true
    stop_pids 20 "$RABBIT_PID" >/dev/null || true
    local left # the node's own processes (beam.smp, erl_child_setup) if still there: those naming our temp folder, by pid
    left=$(pgrep -f "$WORK/rabbit" | tr '\n' ' ' || true)
    [[ -z ${left// /} ]] || kill -KILL $left 2>/dev/null || true
  fi
  if ((PG_STARTED)); then pg_ctl_ -m immediate stop >/dev/null 2>&1 || true; fi
  [[ -z $WORK ]] || rm -rf "$WORK"
  log "cleaned up (exit $rc)"
  exit "$rc"
}

start_private_infra() {
  WORK=$(mktemp -d /tmp/waqup-faults.XXXXXX)
  chmod 755 "$WORK"
  PG_OPTS="-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off"
  local p
  for p in "$PG_PORT" "$REDIS_PORT" "$RABBIT_PORT" "$RABBIT_DIST_PORT"; do
    ! port_open "$p" || die "port $p is already in use (another fault run? set FAULTS_*_PORT)"
  done
  # PostgreSQL: a cluster of its own, trust auth on loopback
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg" && touch "$OUT/postgres.log" && chown postgres "$OUT/postgres.log"
  as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -A trust -U postgres >"$OUT/initdb.log" 2>&1 || die "initdb failed ($OUT/initdb.log)"
  pg_ctl_ -o "$PG_OPTS" start >/dev/null || die "private PostgreSQL did not start ($OUT/postgres.log)"
  PG_STARTED=1
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database waqup" >/dev/null
  log "private PostgreSQL on :$PG_PORT ($WORK/pg)"
  # Redis: no persistence, in the foreground as our child (SIGSTOP/SIGCONT need its pid)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    >"$OUT/redis.log" 2>&1 &
  REDIS_PID=$!
  wait_for 20 "private Redis" redis-cli -p "$REDIS_PORT" ping || die "private Redis did not start ($OUT/redis.log)"
  log "private Redis on :$REDIS_PORT (pid $REDIS_PID)"
  # RabbitMQ: a second node with its own config (the machine's /etc/rabbitmq/rabbitmq.conf names port 5672), no plugins
  mkdir -p "$WORK/rabbit/mnesia" "$WORK/rabbit/log"
  printf 'listeners.tcp.local = 127.0.0.1:%s\n' "$RABBIT_PORT" >"$WORK/rabbit/rabbitmq.conf"
  echo '[].' >"$WORK/rabbit/enabled_plugins"
  chown -R rabbitmq "$WORK/rabbit" 2>/dev/null || true
  RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_PORT="$RABBIT_PORT" RABBITMQ_DIST_PORT="$RABBIT_DIST_PORT" \
    RABBITMQ_CONFIG_FILE="$WORK/rabbit/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$WORK/rabbit/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$WORK/rabbit/mnesia" RABBITMQ_LOG_BASE="$WORK/rabbit/log" \
    rabbitmq-server >"$OUT/rabbitmq.log" 2>&1 &
  RABBIT_PID=$!
  wait_for 90 "private RabbitMQ" port_open "$RABBIT_PORT" || die "private RabbitMQ did not start ($OUT/rabbitmq.log)"
  log "private RabbitMQ node $RABBIT_NODE on :$RABBIT_PORT (pid $RABBIT_PID)"
}

service_env() { # every service gets every URL (unused ones are ignored) and the private infrastructure
  local u=http://127.0.0.1 m var
  SERVICE_ENV=(MALLOC_ARENA_MAX=2 DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/waqup" DB_POOL_SIZE=5 DB_POOL_MIN_IDLE=1
    REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT" REDIS_DATABASE=0 RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT="$RABBIT_PORT"
    RABBITMQ_VHOST=/ S3_BUCKET=waqup-faults S3_CREATE_BUCKET=true CATALOG_INDEX=faults-catalog-packs
    JWKS_URI="$u:${PORT_OF[user-service]}/.well-known/jwks.json" SERVICE_TOKEN_URI="$u:${PORT_OF[user-service]}/service-auth/token"
    PAYMENTS_PUBLIC_URL="$u:$BASE" LIBRARY_SHARE_BASE_URL="$u:$BASE"
    RATE_LIMIT_FREE="$RATE_LIMIT" RATE_LIMIT_PAID="$RATE_LIMIT" RATE_LIMIT_ANONYMOUS="$RATE_LIMIT")
  for m in "${MODULES[@]}"; do
    var="$(tr 'a-z-' 'A-Z_' <<<"$m")_URL"
    SERVICE_ENV+=("$var=$u:${PORT_OF[$m]}")
  done
}

launch() { # launch <module>: with the same settings at the start and after a kill
  local extra=()
  [[ $1 != gateway-service ]] || extra=(-- --enable-native-access=ALL-UNNAMED)
  start_jvm "$1" "${SERVICE_ENV[@]}" ${extra[@]+"${extra[@]}"}
}

ready_or_retry() { # ready_or_retry <module>: ready (true), or it exited during start-up and is started once more
  local m=$1 i
  for ((i = 0; i < STARTUP_TIMEOUT; i++)); do
    if ! process_alive "${PID_OF[$m]}"; then
      [[ ! -f $OUT/$m.failed-start.log ]] || die "$m exited during start-up twice (see $OUT/$m.log)"
      log "$m exited during start-up (the machine is busy?): starting it once more; first log $OUT/$m.failed-start.log"
      mv "$OUT/$m.log" "$OUT/$m.failed-start.log"
      launch "$m"
    elif owns_port "${PID_OF[$m]}" "${PORT_OF[$m]}" && service_ready "${PORT_OF[$m]}"; then
      log "$m ready on :${PORT_OF[$m]} (~$((SECONDS - START_AT))s after the start)"
      return 0
    fi
    sleep 1
  done
  die "$m not ready on :${PORT_OF[$m]} after ${STARTUP_TIMEOUT}s (see $OUT/$m.log)"
}

start_wave() {
  local m
  for m in "$@"; do launch "$m"; done
  for m in "$@"; do ready_or_retry "$m"; done
}

fault_begin() { FAULT_NAME=$1; FAULT_START=$(now_ms); log "FAULT $FAULT_NAME: begins"; }
fault_end() {
  echo "$FAULT_NAME,$FAULT_START,$(now_ms)" >>"$OUT/faults.csv"
  log "FAULT $FAULT_NAME: over after $((($(now_ms) - FAULT_START) / 1000)) s"
}

kill_service() {
  local m=$1 pid=${PID_OF[$1]}
  fault_begin "SIGKILL $m"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
  mv "$OUT/$m.log" "$OUT/$m.before-kill.log"
  launch "$m"
  ready_or_retry "$m"
  fault_end
}

stop_redis() {
  fault_begin "Redis stopped 30 s"
  kill -STOP "$REDIS_PID"
  sleep 30
  kill -CONT "$REDIS_PID"
  fault_end
}

stop_rabbitmq() {
  fault_begin "RabbitMQ stopped 30 s"
  rabbitctl stop_app >/dev/null
  sleep 30
  rabbitctl start_app >/dev/null
  fault_end
}

restart_postgres() {
  fault_begin "PostgreSQL restarted"
  pg_ctl_ -m fast -o "$PG_OPTS" restart >/dev/null
  fault_end
}

faults() {
  local m order=(user-service credit-service content-generation-service audio-generation-service redis
    gateway-service conversation-service ritual-library-service payment-service rabbitmq
    catalog-service creator-service reward-service postgres)
  for m in "${order[@]}"; do
    process_alive "$LOAD_PID" || die "the workload stopped early (see $OUT/load.txt)"
    case $m in
      redis) stop_redis ;;
      rabbitmq) stop_rabbitmq ;;
      postgres) restart_postgres ;;
      *) kill_service "$m" ;;
    esac
    sleep "$GAP"
  done
}

# what is still moving: jobs not finished, open holds of finished jobs, outbox rows not completed, webhooks not handled
in_flight() {
  local outbox
  outbox=$(outbox_counts | awk -F'|' '{n += $2} END {print n + 0}')
  sql -c "select (select count(*) from generation.generation_job where status not in ('ready', 'failed'))
    + (select count(*) from credit.credit_hold h join generation.generation_job j on j.id = h.job_id
       where h.status = 'open' and j.status in ('ready', 'failed'))
    + (select count(*) from payment.webhook_event where handled_at is null) + $outbox"
}

outbox_counts() { # <schema>|<incomplete publications>, for every schema with an outbox
  local s
  for s in $(sql -c "select table_schema from information_schema.tables where table_name = 'event_publication' order by 1"); do
    echo "$s|$(sql -c "select count(*) from $s.event_publication where completion_date is null")"
  done
}

settle() {
  local t0=$SECONDS n
  while ((SECONDS - t0 < SETTLE)); do
    n=$(in_flight 2>/dev/null || echo "?")
    [[ $n != 0 ]] || { SETTLED="everything in flight finished $((SECONDS - t0)) s after the workload stopped"; log "$SETTLED"; return 0; }
    log "still in flight: $n (jobs running, holds open, outbox rows, webhooks); waiting"
    sleep 10
  done
  SETTLED="still in flight after ${SETTLE} s (the checks show what)"
  log "$SETTLED"
}

CHECKS=()
FAILED=0
check() { # check <name> <value> [expected, 0]: PASS when equal
  local verdict=PASS
  [[ $2 == "${3:-0}" ]] || { verdict=FAIL; FAILED=$((FAILED + 1)); }
  CHECKS+=("$(printf '   %-4s %-72s %s' "$verdict" "$1" "$2")")
}

run_checks() {
  local client dlq outbox row
  check "generation jobs not ready/failed (stuck)" \
    "$(sql -c "select count(*) from generation.generation_job where status not in ('ready', 'failed')")"
  check "failed jobs whose credit hold is not released (refund)" "$(sql -c "select count(*) from generation.generation_job j
    join credit.credit_hold h on h.job_id = j.id where j.status = 'failed' and h.status <> 'released'")"
  check "ready jobs whose credit hold is not captured" "$(sql -c "select count(*) from generation.generation_job j
    join credit.credit_hold h on h.job_id = j.id where j.status = 'ready' and h.status <> 'captured'")"
  check "ready jobs without their hold in credit-service" "$(sql -c "select count(*) from generation.generation_job j
    where j.status = 'ready' and j.cost > 0 and not exists (select 1 from credit.credit_hold h where h.job_id = j.id)")"
  check "ready items missing from the library (generation.completed lost)" "$(sql -c "select count(*)
    from generation.generation_job j where j.status = 'ready' and j.kind = 'create'
    and not exists (select 1 from library.content_item c where c.id = j.id)")"
  sql >"$OUT/credit-ledger.txt" <<'SQL'
with sums as (select user_id, sum(amount) as total from credit.ledger_entry group by user_id),
     open_holds as (select user_id, sum(amount) as total from credit.credit_hold where status = 'open' group by user_id),
     acc as (select a.user_id, a.available, a.held, coalesce(s.total, 0) as ledger_sum, coalesce(o.total, 0) as open_held
             from credit.credit_account a left join sums s using (user_id) left join open_holds o using (user_id)),
     entries as (select hold_id, count(*) filter (where type = 'hold') as holds, count(*) filter (where type = 'capture') as captures,
                        count(*) filter (where type = 'release') as releases
                 from credit.ledger_entry where hold_id is not null group by hold_id)
select count(*) from acc where available <> ledger_sum or available < 0 or held <> open_held
union all select count(*) from credit.credit_hold h left join entries e on e.hold_id = h.id
  where coalesce(e.holds, 0) <> 1 or (h.status = 'captured') <> (coalesce(e.captures, 0) = 1)
     or coalesce(e.captures, 0) + coalesce(e.releases, 0) > 1;
SQL
  check "credit accounts off their ledger (available <> Σ entries, < 0, held <> Σ open holds)" "$(sed -n 1p "$OUT/credit-ledger.txt")"
  check "credit holds with a wrong set of entries (hold/capture/release)" "$(sed -n 2p "$OUT/credit-ledger.txt")"
  check "reward accounts off their ledger (available <> Σ entries, < 0, held <> Σ pending payouts)" "$(sql -c "select count(*)
    from reward.token_account a where a.available <> (select coalesce(sum(amount), 0) from reward.token_entry e
    where e.creator_id = a.creator_id) or a.available < 0 or a.held <> (select coalesce(sum(amount), 0)
    from reward.payout p where p.creator_id = a.creator_id and p.status = 'pending')")"
  check "registered people without a credit account (user.registered lost)" "$(sql -c "select count(*) from users.app_user u
    where not exists (select 1 from credit.credit_account a where a.user_id = u.id)")"
  check "credit-pack payments minus purchase entries (payment.succeeded lost or doubled)" "$(sql -c "select
    (select count(*) from payment.payment where kind = 'credit_pack') - (select count(*) from credit.ledger_entry where type = 'purchase')")"
  check "completed checkout sessions without a payment" "$(sql -c "select count(*) from payment.checkout_session s
    where s.status = 'completed' and not exists (select 1 from payment.payment p where p.provider_reference = s.id)")"
  check "stored webhooks not handled" "$(sql -c "select count(*) from payment.webhook_event where handled_at is null")"
  outbox_counts >"$OUT/outbox.txt"
  outbox=$(awk -F'|' '$2 > 0 {printf "%s%s=%s", sep, $1, $2; sep=" "} END {if (!sep) print "0"}' "$OUT/outbox.txt")
  check "outbox publications not completed, per schema" "$outbox"
  rabbitctl list_queues name messages >"$OUT/queues.txt" 2>&1 || true
  dlq=$(awk '$1 ~ /\.dlq$/ && $2 > 0 {printf "%s%s=%s", sep, $1, $2; sep=" "} END {if (!sep) print "0"}' "$OUT/queues.txt")
  check "messages in dead-letter queues (*.dlq)" "$dlq"
  client=$(grep '^CLIENT ' "$OUT/table.txt" || echo "CLIENT bad_envelopes=? stack_traces=? hangs=?")
  check "client: 4xx/5xx bodies that are not the error envelope" "$(field bad_envelopes "$client")"
  check "client: answers with a stack trace" "$(field stack_traces "$client")"
  check "client: requests without an answer within ${CLIENT_TIMEOUT}s (hangs)" "$(field hangs "$client")"
  check "client: HTTP 500 answers" "$(awk -F, 'NR > 1 && $5 == 500' "$OUT/requests.csv" | wc -l)"
}

main() {
  local started=$SECONDS jobs
  mkdir -p "$OUT"
  rm -f "$OUT"/*.log "$OUT"/*.csv "$OUT"/*.txt "$OUT/stop"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  ((EUID == 0)) || die "run as root (initdb runs as postgres, the RabbitMQ node as rabbitmq)"
  ensure_tools curl:curl postgresql-client:psql redis-tools:redis-cli
  for t in "$PG_BIN/initdb" redis-server rabbitmq-server rabbitmqctl; do command -v "$t" >/dev/null || die "$t missing"; done
  ensure_jars
  ensure_ports_free
  start_watchdog
  echo "fault,start_ms,end_ms" >"$OUT/faults.csv"
  start_private_infra
  service_env
  steal_mark
  START_AT=$SECONDS
  # in waves: eleven JVMs starting at once on two cores starve each other past the 3 s connection timeout
  start_wave user-service
  start_wave credit-service payment-service reward-service
  start_wave creator-service catalog-service ritual-library-service
  start_wave audio-generation-service content-generation-service conversation-service gateway-service
  log "all 11 services ready after $((SECONDS - START_AT)) s; workload: $PEOPLE people"
  "$JAVA" "$ROOT/bench/FaultLoad.java" run --gateway "http://127.0.0.1:$BASE" --people "$PEOPLE" --stop "$OUT/stop" \
    --out "$OUT" --timeout-s "$CLIENT_TIMEOUT" --max-s "$MAX_SECONDS" >"$OUT/load.txt" 2>&1 &
  LOAD_PID=$!
  sleep "$WARMUP"
  faults
  log "faults done; stopping the workload"
  touch "$OUT/stop"
  wait "$LOAD_PID" || log "the workload exited with $?"
  LOAD_PID=""
  settle
  "$JAVA" "$ROOT/bench/FaultLoad.java" report --requests "$OUT/requests.csv" --faults "$OUT/faults.csv" >"$OUT/table.txt"
  run_checks
  jobs=$(sql -c "select status || '=' || count(*) from generation.generation_job group by status order by 1" | paste -sd' ' -)
  {
    echo
    echo "== fault suite, $(date -u +%Y-%m-%dT%H:%MZ): 11 services, $PEOPLE people, client timeout ${CLIENT_TIMEOUT}s"
    echo "   $(machine_line); JVMs ${JVM_OPTS[*]}; run $((SECONDS - started)) s"
    echo "   workload: $(tail -1 "$OUT/load.txt"); generation jobs: ${jobs:-none}; $SETTLED"
    echo
    grep -v '^CLIENT ' "$OUT/table.txt"
    echo "   (a window is the fault plus 30 s of recovery; \"no answer\" = connection refused/reset, e.g. the gateway killed)"
    echo
    printf '%s\n' "${CHECKS[@]}"
    echo
    if grep -q '^BAD ' "$OUT/load.txt"; then echo "   non-envelope or stack-trace answers (first 10):"; grep '^BAD ' "$OUT/load.txt" | head -10 | sed 's/^/     /'; fi
    echo "   raw outputs and service logs: $OUT"
    ((FAILED == 0)) && echo "   RESULT: PASS" || echo "   RESULT: FAIL ($FAILED checks)"
  } | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ((FAILED == 0)) || exit 1
}

main "$@"
