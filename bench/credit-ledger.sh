#!/usr/bin/env bash
# Credit ledger benchmark: hold+capture pairs per second against pgbench on the same PostgreSQL.
#
# Measures, in one run on this machine and over loopback only:
#   (a) hold+capture pairs per second through credit-service's internal API
#       (POST /internal/credits/holds, then POST /internal/credits/holds/{job_id}/capture, service token),
#       at 16 and 64 concurrent clients, each client on its own account (throughput across people), plus one
#       "hot account" run (every client on one account: the per-person row lock serializes them);
#   (b) pgbench's built-in simple-update script (-N) on the same PostgreSQL at the same client counts;
# prints pairs/s next to pgbench tps and their ratio, then checks the ledger invariants on database waqup,
# schema credit (every account, not only the bench's) and prints the number of anomalies (must be 0; the
# script exits non-zero otherwise; it also exits non-zero when a ledger call failed). Figures are printed, never
# asserted.
#
# Current figures, what limits them and how to read a run: docs/benchmarks-credit-conversation.md. With the outbox
# relay running after commit on its own executor (common-lib), every client count runs as shipped; BENCH_CREDIT_ENV
# (e.g. "SERVER_TOMCAT_THREADS_MAX=8") remains for comparing credit-service settings.
#
# Usage: bench/credit-ledger.sh
# Tunables (env): BENCH_SECONDS (12, per ledger run) BENCH_WARMUP / BENCH_WARMUP_MAX (10 / 30 s before the first
#                 ledger run, in 5 s windows until credit-service's and PostgreSQL's CPU per pair stops falling; 3 s
#                 before the others: the JVM is warm by then) BENCH_CLIENTS ("16 64")
#                 BENCH_HOT_CLIENTS (16; 0 skips the hot-account run) BENCH_PGBENCH_SECONDS (15)
#                 BENCH_PGBENCH_SCALE (10) BENCH_PGBENCH_DB (waqup_bench) BENCH_CREDIT_SCHEMA (credit)
#                 BENCH_CREDIT_ENV (extra VAR=value settings for credit-service, space-separated; empty = as shipped,
#                 e.g. "SERVER_TOMCAT_THREADS_MAX=8", see docs/benchmarks-credit-conversation.md)
#                 BENCH_USER_PORT (18081) BENCH_CREDIT_PORT (18086) BENCH_MAX_SECONDS (178, watchdog once the
#                 jars exist) BENCH_OUT (bench/.out) JAVA_HOME (yours; else Temurin 25; else java on PATH)
# Started processes (two JVMs) are stopped on exit; logs and raw outputs stay in $BENCH_OUT/credit-ledger.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # ROOT, JAVA_HOME, JAVA, shared functions (scripts/lib.sh)

SECONDS_PER_RUN="${BENCH_SECONDS:-12}"
WARMUP="${BENCH_WARMUP:-10}"
WARMUP_MAX="${BENCH_WARMUP_MAX:-30}"
LATER_WARMUP=3
read -r -a CLIENT_LEVELS <<<"${BENCH_CLIENTS:-16 64}"
HOT_CLIENTS="${BENCH_HOT_CLIENTS:-16}"
PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-15}"
PGBENCH_SCALE="${BENCH_PGBENCH_SCALE:-10}"
PGBENCH_DB="${BENCH_PGBENCH_DB:-waqup_bench}"
CREDIT_SCHEMA="${BENCH_CREDIT_SCHEMA:-credit}"
read -r -a CREDIT_ENV <<<"${BENCH_CREDIT_ENV:-}"
USER_PORT="${BENCH_USER_PORT:-18081}"
CREDIT_PORT="${BENCH_CREDIT_PORT:-18086}"
MAX_SECONDS="${BENCH_MAX_SECONDS:-178}"
OUT="${BENCH_OUT:-$ROOT/bench/.out}/credit-ledger"
PG=(-h 127.0.0.1 -p 5432 -U postgres)
JVM_OPTS=(-Xmx256m)
GRANT=1000000                                  # credits per bench account: never the limit
STARTUP_TIMEOUT=120                            # seconds per JVM (two start at once on two busy cores)
MODULES=(user-service credit-service)
PORT_OF=([user-service]=$USER_PORT [credit-service]=$CREDIT_PORT)

CREDIT_PID="" PGINIT_PID=""

# --- set-up ------------------------------------------------------------------------------------------

start_services() {
  local jwks="http://127.0.0.1:$USER_PORT/.well-known/jwks.json" token_uri="http://127.0.0.1:$USER_PORT/service-auth/token"
  START_AT=$SECONDS
  start_jvm user-service JWKS_URI="$jwks" SERVICE_TOKEN_URI="$token_uri"
  start_jvm credit-service JWKS_URI="$jwks" SERVICE_TOKEN_URI="$token_uri" \
    DB_SCHEMA="$CREDIT_SCHEMA" ${CREDIT_ENV[@]+"${CREDIT_ENV[@]}"}
  CREDIT_PID=${PID_OF[credit-service]}
  wait_all_ready
}

service_token() { # content-generation-service's token for credit-service (holds, captures), from user-service
  service_token_for content-generation-service credit-service "http://127.0.0.1:$USER_PORT"
}

grant_token() { # the operator's token for credit-service (the grants that fund the holds)
  service_token_for waqup-operator credit-service "http://127.0.0.1:$USER_PORT"
}

pgbench_init() { # a database of its own, re-initialised every run (scale $PGBENCH_SCALE: 100,000 accounts per unit)
  if [[ -z $(psql "${PG[@]}" -d postgres -Atqc "select 1 from pg_database where datname = '$PGBENCH_DB'") ]]; then
    psql "${PG[@]}" -d postgres -qc "create database $PGBENCH_DB" >/dev/null
  fi
  pgbench "${PG[@]}" -i -q -s "$PGBENCH_SCALE" "$PGBENCH_DB" >"$OUT/pgbench-init.txt" 2>&1
}

cleanup() { # the EXIT trap: also a pgbench -i still running in the background
  if [[ -n $PGINIT_PID ]]; then kill "$PGINIT_PID" 2>/dev/null || true; PGINIT_PID=""; fi
  stop_all
}

# --- measuring ---------------------------------------------------------------------------------------

postgres_ticks() { # every PostgreSQL process, also anybody else's queries: the live ones (postmaster, backends,
  # walwriter...) plus what the postmaster collected from backends that have exited (pgbench disconnects at its end)
  local pids postmaster
  pids=$(pgrep -x postgres 2>/dev/null | tr '\n' ' ' || true)
  postmaster=$(pgrep -o -x postgres 2>/dev/null || true)
  # shellcheck disable=SC2086
  echo $(($(cpu_ticks $pids) + $(awk '{print $16 + $17}' "/proc/$postmaster/stat" 2>/dev/null || echo 0)))
}

machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }

per_op_ms() { # per_op_ms <ticks> <operations>
  awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n + 0 == 0) print "-"; else printf "%.2f", t * 1000 / hz / n }'
}

busy_share() { # busy_share "<busy0> <total0>" "<busy1> <total1>": share of both cores in use
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2];
    if (t <= 0) print "-"; else printf "%.0f%%", (y[1] - x[1]) * 100 / t }'
}

declare -A PAIRS P50 P99 ERRS HOLD50 CAP50 SVC_CPU PG_CPU MQ_CPU CLIENT_CPU BUSY TPS PGLAT PG_TX_CPU PG_BUSY
FIRST_RUN=1
OK_PAIRS_TOTAL=0 HOLDS_OK_TOTAL=0 BENCH_ACCOUNTS=0
FAILED=()

ledger_run() { # ledger_run <key> <clients> <many|hot>
  local key=$1 clients=$2 users=$3 raw="$OUT/ledger-$1.txt" result warmup=$LATER_WARMUP warmup_max=$LATER_WARMUP rabbit
  if ((FIRST_RUN)); then warmup=$WARMUP warmup_max=$WARMUP_MAX FIRST_RUN=0; fi
  rabbit=$(pgrep -o -x beam.smp || true)
  log "ledger: $clients clients, accounts: $users, warm-up ${warmup}-${warmup_max}s + ${SECONDS_PER_RUN}s"
  # LedgerLoad samples the CPU time of credit-service, PostgreSQL, RabbitMQ and itself over the measured window
  BENCH_SERVICE_TOKEN="$TOKEN" BENCH_GRANT_TOKEN="$GRANT_TOKEN" "$JAVA" -Dclk.tck="$(getconf CLK_TCK)" "$ROOT/bench/LedgerLoad.java" \
    --url "http://127.0.0.1:$CREDIT_PORT" --clients "$clients" --seconds "$SECONDS_PER_RUN" --warmup "$warmup" --warmup-max "$warmup_max" \
    --users "$users" --grant "$GRANT" --label "$key" --users-out "$OUT/users-$key.txt" \
    --cpu "credit=$CREDIT_PID,postgres${rabbit:+,rabbitmq=$rabbit},client=self" >"$raw" 2>&1 || die "LedgerLoad failed: $(tail -5 "$raw")"
  result=$(grep '^RESULT ' "$raw") || die "no RESULT in $raw"
  PAIRS[$key]=$(field pairs_per_s "$result")
  P50[$key]=$(field p50_ms "$result")
  P99[$key]=$(field p99_ms "$result")
  HOLD50[$key]=$(field hold_p50_ms "$result")
  CAP50[$key]=$(field capture_p50_ms "$result")
  ERRS[$key]=$(field errors_all "$result")
  SVC_CPU[$key]=$(field cpu_credit "$result")
  PG_CPU[$key]=$(field cpu_postgres "$result")
  MQ_CPU[$key]=$(field cpu_rabbitmq "$result")
  CLIENT_CPU[$key]=$(field cpu_client "$result")
  BUSY[$key]="$(field busy_pct "$result")%"
  OK_PAIRS_TOTAL=$((OK_PAIRS_TOTAL + $(field ok_pairs_total "$result")))
  HOLDS_OK_TOTAL=$((HOLDS_OK_TOTAL + $(field holds_ok_total "$result")))
  BENCH_ACCOUNTS=$((BENCH_ACCOUNTS + $(field accounts "$result")))
  ((ERRS[$key] == 0)) || FAILED+=("ledger $key: ${ERRS[$key]} errors (see $raw)")
  grep -E '^  (warm-up|pairs|hold|errors|first)' "$raw" | sed 's/^/[bench]   /' >&2
}

pgbench_run() { # pgbench_run <clients>
  local clients=$1 raw="$OUT/pgbench-c$1.txt" free pg0 m0 m1 tx
  free=$(psql "${PG[@]}" -d postgres -Atqc "select current_setting('max_connections')::int
      - current_setting('superuser_reserved_connections')::int - (select count(*) from pg_stat_activity)")
  if ((free < clients + 5)); then
    log "pgbench -c $clients skipped: only $free PostgreSQL connections free (others are using the server)"
    TPS[$clients]="skipped"; PGLAT[$clients]="-"; PG_TX_CPU[$clients]="-"; PG_BUSY[$clients]="-"
    return 0
  fi
  log "pgbench: -c $clients -j 2 -T $PGBENCH_SECONDS -N (built-in simple-update) on $PGBENCH_DB"
  pg0=$(postgres_ticks); m0=$(machine_ticks)
  pgbench "${PG[@]}" -c "$clients" -j 2 -T "$PGBENCH_SECONDS" -N -n "$PGBENCH_DB" >"$raw" 2>&1 \
    || die "pgbench -c $clients failed: $(tail -5 "$raw")"
  m1=$(machine_ticks)
  TPS[$clients]=$(awk '/^tps = / {printf "%.1f", $3}' "$raw")
  PGLAT[$clients]=$(awk '/^latency average = / {printf "%.2f", $4}' "$raw")
  tx=$(awk '/^number of transactions actually processed:/ {print $NF}' "$raw" | cut -d/ -f1)
  PG_TX_CPU[$clients]=$(per_op_ms $(($(postgres_ticks) - pg0)) "$tx")
  PG_BUSY[$clients]=$(busy_share "$m0" "$m1")
  [[ -n ${TPS[$clients]} ]] || die "could not parse $raw"
  log "  pgbench -c $clients: ${TPS[$clients]} tps, latency average ${PGLAT[$clients]} ms"
}

# --- the ledger invariants ---------------------------------------------------------------------------

check_invariants() { # prints "<count>|<check>" lines into $OUT/invariants.txt; every account in the schema
  local s=$CREDIT_SCHEMA users
  users=$(cat "$OUT"/users-*.txt 2>/dev/null | sed "s/.*/'&'/" | paste -sd, -)
  psql "${PG[@]}" -d waqup -v ON_ERROR_STOP=1 -AtqF '|' >"$OUT/invariants.txt" <<SQL
with sums as (select user_id, sum(amount) as total from $s.ledger_entry group by user_id),
     open_holds as (select user_id, sum(amount) as total from $s.credit_hold where status = 'open' group by user_id),
     acc as (select a.user_id, a.available, a.held, coalesce(s.total, 0) as ledger_sum, coalesce(o.total, 0) as open_held
             from $s.credit_account a left join sums s using (user_id) left join open_holds o using (user_id)),
     entries as (select hold_id, count(*) filter (where type = 'hold') as holds,
                        count(*) filter (where type = 'capture') as captures,
                        count(*) filter (where type = 'release') as releases
                 from $s.ledger_entry where hold_id is not null group by hold_id)
select count(*), 'account: available <> sum(ledger_entry.amount)' from acc where available <> ledger_sum
union all select count(*), 'account: available < 0' from acc where available < 0
union all select count(*), 'account: held <> sum of its open holds' from acc where held <> open_held
union all select count(*), 'ledger entries of an unknown account'
  from $s.ledger_entry e where not exists (select 1 from $s.credit_account a where a.user_id = e.user_id)
union all select count(*), 'hold with two or more capture entries' from entries where captures > 1
union all select count(*), 'job with two or more holds' from (select job_id from $s.credit_hold group by job_id having count(*) > 1) j
union all select count(*), 'hold without exactly one hold entry'
  from $s.credit_hold h left join entries e on e.hold_id = h.id where coalesce(e.holds, 0) <> 1
union all select count(*), 'captured hold without a capture entry (or open/released hold with one)'
  from $s.credit_hold h left join entries e on e.hold_id = h.id
  where (h.status = 'captured') <> (coalesce(e.captures, 0) = 1)
union all select count(*), 'hold both captured and released' from entries where captures > 0 and releases > 0
union all select count(*) filter (where c.n < $OK_PAIRS_TOTAL), 'bench: fewer captured holds than pairs the clients saw captured ($OK_PAIRS_TOTAL)'
  from (select count(*) as n from $s.credit_hold where status = 'captured' and user_id in (${users:-null})) c;
SQL
  psql "${PG[@]}" -d waqup -AtqF '|' >"$OUT/ledger-size.txt" <<SQL
select (select count(*) from $s.credit_account), (select count(*) from $s.ledger_entry), (select count(*) from $s.credit_hold),
       (select count(*) from $s.credit_hold where status = 'captured' and user_id in (${users:-null})),
       (select coalesce(sum(available), 0) from $s.credit_account where user_id in (${users:-null}));
SQL
  ANOMALIES=$(awk -F'|' '{n += $1} END {print n + 0}' "$OUT/invariants.txt")
}

# --- report ------------------------------------------------------------------------------------------

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.3f", a / b }'; }

report() {
  local c k accounts entries holds captured available
  IFS='|' read -r accounts entries holds captured available <"$OUT/ledger-size.txt"
  echo
  echo "== credit ledger: hold+capture pairs through credit-service's internal API vs pgbench, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "   $(nproc) cores, loopback only; Java $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') ${JVM_OPTS[*]};" \
    "$(psql "${PG[@]}" -d postgres -Atqc 'show server_version' | cut -d' ' -f1) PostgreSQL (fsync on, synchronous_commit" \
    "$(psql "${PG[@]}" -d postgres -Atqc 'show synchronous_commit'))"
  echo "   load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "   credit-service settings: ${CREDIT_ENV[*]:-as shipped (Hikari pool 10, connection timeout 3 s; Tomcat 200 threads)}"
  echo "   ledger: bench/LedgerLoad.java, ${SECONDS_PER_RUN} s measured per run after a warm-up (before the first run ${WARMUP}-${WARMUP_MAX} s"
  echo "   in 5 s windows until the server CPU per pair stops falling, ${LATER_WARMUP} s before the others); each client: hold"
  echo "   (1 credit, fresh job id) then capture, one after the other;"
  echo "   one account per client (\"many\") or one account for all (\"hot\")"
  echo "   pgbench: -j 2 -T $PGBENCH_SECONDS -N (built-in simple-update), scale $PGBENCH_SCALE, database $PGBENCH_DB"
  echo
  printf '   %-8s %8s %12s %9s %9s %7s %12s %9s %16s\n' clients accounts "ledger p/s" "pair p50" "pair p99" errors \
    "pgbench tps" "pgb lat" "pairs/s ÷ tps"
  for c in "${CLIENT_LEVELS[@]}"; do
    k="many-c$c"
    printf '   %-8s %8s %12s %9s %9s %7s %12s %9s %16s\n' "$c" "$c" "${PAIRS[$k]}" "${P50[$k]} ms" "${P99[$k]} ms" \
      "${ERRS[$k]}" "${TPS[$c]}" "${PGLAT[$c]} ms" "$(ratio "${PAIRS[$k]}" "${TPS[$c]}")"
  done
  if ((HOT_CLIENTS > 0)); then
    k="hot-c$HOT_CLIENTS"
    printf '   %-8s %8s %12s %9s %9s %7s %12s %9s %16s\n' "$HOT_CLIENTS" "1 (hot)" "${PAIRS[$k]}" "${P50[$k]} ms" \
      "${P99[$k]} ms" "${ERRS[$k]}" "-" "-" "-"
  fi
  echo
  echo "   where the time goes: latencies in ms; CPU ms per pair (ledger, measured window) or per transaction (pgbench,"
  echo "   whole run) of credit-service, PostgreSQL (every postgres process: also anybody else's queries), RabbitMQ"
  echo "   (the outbox relay publishes one event per ledger entry) and the load client; busy = share of both cores in"
  echo "   use meanwhile, by anything (the other processes on the machine included)"
  printf '   %-15s %9s %9s %11s %10s %10s %11s %8s\n' run "hold p50" "capt p50" "credit-svc" postgres rabbitmq \
    "load client" busy
  for k in "${!PAIRS[@]}"; do
    printf '   %-15s %9s %9s %11s %10s %10s %11s %8s\n' "ledger $k" "${HOLD50[$k]}" "${CAP50[$k]}" "${SVC_CPU[$k]}" \
      "${PG_CPU[$k]}" "${MQ_CPU[$k]:--}" "${CLIENT_CPU[$k]}" "${BUSY[$k]}"
  done | sort
  for c in "${CLIENT_LEVELS[@]}"; do
    printf '   %-15s %9s %9s %11s %10s %10s %11s %8s\n' "pgbench c$c" - - - "${PG_TX_CPU[$c]}" - - "${PG_BUSY[$c]}"
  done
  echo
  echo "   ledger invariants, database waqup, schema $CREDIT_SCHEMA ($accounts accounts, $entries entries, $holds holds;"
  echo "   bench accounts: $BENCH_ACCOUNTS, their captured holds $captured, clients saw $OK_PAIRS_TOTAL pairs captured,"
  echo "   $HOLDS_OK_TOTAL holds placed; their available sum $available = $BENCH_ACCOUNTS x $GRANT - $HOLDS_OK_TOTAL: $(
    ((available == BENCH_ACCOUNTS * GRANT - HOLDS_OK_TOTAL)) && echo yes || echo NO))"
  awk -F'|' '{printf "     %6d  %s\n", $1, $2}' "$OUT/invariants.txt"
  echo "   anomalies: $ANOMALIES"
  echo
  echo "   raw outputs and logs: $OUT"
  if ((${#FAILED[@]})); then echo "   RUN FAILED: ${FAILED[*]}"; fi
}

main() {
  local started=$SECONDS c
  mkdir -p "$OUT"
  rm -f "$OUT"/ledger-*.txt "$OUT"/users-*.txt "$OUT"/pgbench-*.txt "$OUT"/invariants.txt "$OUT"/report.txt
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_tools curl:curl postgresql-client:psql postgresql-contrib:pgbench
  psql "${PG[@]}" -d waqup -Atqc 'select 1' >/dev/null || die "PostgreSQL (database waqup) is not reachable on 127.0.0.1:5432"
  ensure_jars
  ensure_ports_free
  start_watchdog
  pgbench_init & PGINIT_PID=$!
  start_services
  wait "$PGINIT_PID" || die "pgbench -i failed: $(tail -5 "$OUT/pgbench-init.txt")"
  PGINIT_PID=""
  TOKEN=$(service_token)
  GRANT_TOKEN=$(grant_token)
  [[ -n $TOKEN ]] || die "empty service token"
  # interleaved, so that a change in the machine's other load hits both sides alike
  for c in "${CLIENT_LEVELS[@]}"; do
    ledger_run "many-c$c" "$c" many
    pgbench_run "$c"
  done
  if ((HOT_CLIENTS > 0)); then ledger_run "hot-c$HOT_CLIENTS" "$HOT_CLIENTS" hot; fi
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_all                                   # quiescent ledger for the check
  check_invariants
  report | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ((ANOMALIES == 0)) || die "$ANOMALIES ledger anomalies"
  ((${#FAILED[@]} == 0)) || exit 1
}

main "$@"
