# Shared pieces of the benchmark scripts (sourced, not run), on top of scripts/lib.sh (the process helpers ./waqup uses
# too). Sets ROOT (the repository), JAVA_HOME (exported: yours when set, else Temurin 25, else the java on PATH) and JAVA.
# A script sets, before using the functions:
#   OUT (log and output folder), MODULES (the modules it starts, in start order), STARTUP_TIMEOUT
#   (seconds per JVM), MAX_SECONDS (watchdog), JVM_OPTS (array), and PORT_OF[module]=port for every module.
# Optional env: BENCH_JFR_DIR (each started JVM records JFR there, <module>.jfr), BENCH_MGMT_OFFSET (see below).
# Optional, after sourcing: CHECK_PORT_OWNER=1 (wait_ready also wants the JVM itself listening on its port),
#   STOP_WAIT (tenths of a second stop_all gives each process before SIGKILL, 150), START_AT ($SECONDS at the
#   start, for the readiness lines; the first start_jvm sets it otherwise), BENCH_ENV (array, see isolate_bench_infra).
# Started JVMs are recorded in STARTED_PIDS / PID_OF and stopped by stop_all (install it as the EXIT trap).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
JAVA="$JAVA_HOME/bin/java"
# BENCH_MGMT_OFFSET moves the management (Actuator) ports: a service's is its API port + this (1000, as ./waqup)
if [[ -n ${BENCH_MGMT_OFFSET:-} ]]; then mgmt_port() { echo $(($1 + BENCH_MGMT_OFFSET)); }; fi

declare -a STARTED_PIDS=()
declare -A PID_OF
declare -A PORT_OF
declare -a BENCH_ENV=()
WATCHDOG_PID=""
CHECK_PORT_OWNER=0
STOP_WAIT=150
START_AT=""

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# A service's own secret, derived from the master key (common-lib ServiceCredentials; the public local default unless
# SERVICE_CLIENT_MASTER_KEY is set), and a 5-minute token from user-service for CALLER to call AUDIENCE (docs/identity.md)
service_secret() { # service_secret <service name>
  printf '%s' "waqup-service-client:$1" | openssl dgst -sha256 -hmac "${SERVICE_CLIENT_MASTER_KEY:-local-dev-service-master-key}" -binary \
    | base64 | tr '+/' '-_' | tr -d '=\n'
}
service_token_for() { # service_token_for <caller> <audience> <user-service base URL>
  local body
  body=$(curl -fsS -u "$1:$(service_secret "$1")" -X POST "$3/service-auth/token?audience=$2") \
    || die "no service token for $1 -> $2 from user-service"
  sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$body"
}

ensure_tools() { # ensure_tools [package:command[:command...]...] (curl:curl without arguments)
  local spec c found cmd=() missing=()
  (($#)) || set -- curl:curl
  for spec in "$@"; do # a package is missing when none of its commands (names or paths) is found
    found=""
    IFS=: read -r -a cmd <<<"${spec#*:}"
    for c in "${cmd[@]}"; do if command -v "$c" >/dev/null; then found=1; break; fi; done
    [[ -n $found ]] || missing+=("${spec%%:*}")
  done
  if ((${#missing[@]})); then
    log "installing from Debian: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
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

ensure_ports_free() { # ensure_ports_free [name...]: the modules' ports and those of other names in PORT_OF
  local m
  for m in "${MODULES[@]}" "$@"; do
    ! port_open "${PORT_OF[$m]}" || die "port ${PORT_OF[$m]} ($m) is already in use (another benchmark? set BENCH_*_PORT)"
  done
}

start_jvm() { # start_jvm <module> [env assignments...] -- [extra jvm args...]
  local module=$1; shift
  local envs=() extra=()
  while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
  (($#)) && shift
  extra=("$@")
  if [[ -n ${BENCH_JFR_DIR:-} ]]; then # a JFR recording per JVM (profile settings), written when it stops
    mkdir -p "$BENCH_JFR_DIR"
    extra+=(-XX:FlightRecorderOptions=stackdepth=256
      "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$BENCH_JFR_DIR/$module.jfr")
  fi
  [[ -n $START_AT ]] || START_AT=$SECONDS
  start_jar "$OUT/$module.log" SERVER_ADDRESS=127.0.0.1 PORT="${PORT_OF[$module]}" \
    MANAGEMENT_PORT="$(mgmt_port "${PORT_OF[$module]}")" ${BENCH_ENV[@]+"${BENCH_ENV[@]}"} ${envs[@]+"${envs[@]}"} -- \
    "${JVM_OPTS[@]}" ${extra[@]+"${extra[@]}"} -jar "$(jar_of "$module")"
  STARTED_PIDS+=("$STARTED_PID")
  PID_OF[$module]=$STARTED_PID
  log "started $module (pid $STARTED_PID) on :${PORT_OF[$module]}, log $OUT/$module.log"
}

wait_ready() { # wait_ready <module>
  local module=$1 port i
  port=${PORT_OF[$module]}
  for ((i = 0; i < STARTUP_TIMEOUT; i++)); do
    process_alive "${PID_OF[$module]}" || die "$module exited during start-up (see $OUT/$module.log)"
    if { ((!CHECK_PORT_OWNER)) || owns_port "${PID_OF[$module]}" "$port"; } && service_ready "$port"; then
      log "$module ready on :$port (~$((SECONDS - START_AT))s after the start)"; return 0
    fi
    sleep 1
  done
  die "$module not ready on :$port after ${STARTUP_TIMEOUT}s (see $OUT/$module.log)"
}

wait_all_ready() {
  local m
  for m in "${MODULES[@]}"; do wait_ready "$m"; done
}

stop_all() {
  local pids=()
  if [[ -n $WATCHDOG_PID ]]; then # the watchdog subshell and its sleep
    read -r -a pids <<<"$(ps -o pid= --ppid "$WATCHDOG_PID" | tr -s ' \n' ' ')"
    kill "$WATCHDOG_PID" "${pids[@]}" 2>/dev/null || true
    WATCHDOG_PID=""
  fi
  if ((${#STARTED_PIDS[@]})); then stop_pids "$(((STOP_WAIT + 9) / 10))" "${STARTED_PIDS[@]}" >/dev/null; fi
  if ((${#STARTED_PIDS[@]})); then log "stopped pids ${STARTED_PIDS[*]}"; fi
  STARTED_PIDS=()
}

start_watchdog() { # bounds the run: after MAX_SECONDS the script is stopped (and the EXIT trap cleans up)
  local main_pid=$$
  (sleep "$MAX_SECONDS" && log "FAILED: watchdog stopped the run after ${MAX_SECONDS}s" && kill -TERM "$main_pid") &
  WATCHDOG_PID=$!
}

# A database, RabbitMQ vhost, Redis database and bucket of the benchmarks' own, so a run neither reads nor
# disturbs a running platform (whose services use the same queue names on vhost "/"). Sets BENCH_ENV for start_jvm.
isolate_bench_infra() {
  local name=${1:-waqup_bench}
  psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -qc "create database $name" >/dev/null
  if command -v rabbitmqctl >/dev/null && ! rabbitmqctl -q list_vhosts 2>/dev/null | grep -qx "$name"; then
    rabbitmqctl -q add_vhost "$name" >/dev/null
    rabbitmqctl -q set_permissions -p "$name" guest ".*" ".*" ".*" >/dev/null
  fi
  BENCH_ENV=(DB_URL="jdbc:postgresql://127.0.0.1:5432/$name" RABBITMQ_VHOST="$name" REDIS_DATABASE=6
    S3_BUCKET="${name//_/-}" S3_CREATE_BUCKET=true)
}

cpu_ticks() { # user+system CPU time of the given processes, in clock ticks
  local pid total=0 t
  for pid in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}

# latency_table <raw output> <verdict column title>: a load client's RESULT lines (bench/LibraryLoad.java's report) as
# the report's table, the latency note, and "RUN FAILED" when any request failed (the caller dies on it)
latency_table() {
  local raw=$1 r errors=0
  printf '   %-9s %8s %9s %8s %8s %8s %8s %7s %s\n' phase "offered" "answered" "p50 ms" "p95 ms" "p99 ms" "max ms" errors "$2"
  while read -r r; do
    printf '   %-9s %8s %9s %8s %8s %8s %8s %7s %s\n' "$(field phase "$r")" "$(field rate "$r")/s" \
      "$(field answered_per_s "$r")/s" "$(field p50_ms "$r")" "$(field p95_ms "$r")" "$(field p99_ms "$r")" \
      "$(field max_ms "$r")" "$(field errors "$r")" "$(field verdict "$r")"
    errors=$((errors + $(field errors "$r")))
  done < <(grep '^RESULT ' "$raw")
  echo
  echo "   latency = from the moment each request was due (open loop) to its full answer; raw outputs: $OUT"
  ((errors == 0)) || echo "   RUN FAILED: $errors errors during the measurements"
}

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; } # field <key> <RESULT line>

# --- the machine a run was measured on -----------------------------------------------------------------
# Figures from different machines of "this kind" differ a lot (the same jars gave a detail-read p95 of 42 ms on one
# and 2 ms on another): every report names the CPU and how much of the run's CPU time the hypervisor took away.
cpu_model() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1; }
cpu_line_ticks() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $9}' /proc/stat; } # "<total> <steal>" in clock ticks
steal_mark() { STEAL_START=$(cpu_line_ticks); }
steal_share() { # the share of all CPU time stolen by the hypervisor since steal_mark, e.g. "0.1%"
  local now; now=$(cpu_line_ticks)
  awk -v a="$STEAL_START" -v b="$now" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[1] - x[1];
    printf "%.1f%%", (t > 0 ? 100 * (y[2] - x[2]) / t : 0) }'
}
machine_line() { # one report line: cores, CPU model, steal during the run
  echo "$(nproc) cores ($(cpu_model)), hypervisor steal during the run $(steal_share)"
}
