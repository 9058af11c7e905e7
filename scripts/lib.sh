# The process helpers every waQup script shares (sourced, not run): ./waqup, scripts/infra.sh and bench/lib.sh.
# The JDK, ports, pids and command lines, the readiness probe, starting a JVM in the background and stopping
# processes (TERM, a bounded wait, then KILL). Prints nothing itself; messages are the caller's.

# The JDK: JAVA_HOME when it names one; else Temurin 25 where this machine's image installs it; else the java on PATH.
waqup_java_home() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME"; return 0; fi
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then echo /usr/lib/jvm/temurin-25-jdk-amd64; return 0; fi
  local java
  java=$(command -v java 2>/dev/null || true)
  if [ -n "$java" ]; then java=$(readlink -f "$java"); echo "${java%/bin/java}"; return 0; fi
  echo "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"   # nothing found: callers report the missing bin/java
}
JAVA_HOME="$(waqup_java_home)"
export JAVA_HOME

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# the pid listening on a TCP port (empty when none, or when ss may not show it)
port_owner() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true; }

# owns_port <pid> <port>: that process itself listens on the port
owns_port() { ss -ltnpH "( sport = :$2 )" 2>/dev/null | grep -q "pid=$1,"; }

# the command line of a live process, NULs as spaces; nothing (and no error) when the pid is gone
cmdline_of() { [[ "$1" =~ ^[0-9]+$ ]] && tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }

# pid in a pid file if that process is still alive and its command line contains <word>; nothing otherwise
live_pid() { # live_pid <pid file> <word>
  local pid
  pid=$(cat "$1" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && cmdline_of "$pid" | grep -qF -- "$2"; then echo "$pid"; fi
  return 0
}

# the process exists and is not a zombie (an exited child its parent has not reaped yet)
process_alive() { [ -d "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

wait_for() { # wait_for <seconds> <description> <command...>: 0 once the command succeeds, 1 (logged) at the timeout
  local secs=$1 what=$2 i; shift 2
  for ((i = 0; i < secs; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  if declare -F log >/dev/null; then log "timed out after ${secs}s waiting for $what"; fi
  return 1
}

# A service's Actuator listens on its API port + 1000 (MANAGEMENT_PORT, docs/platform.md).
mgmt_port() { echo $(($1 + 1000)); }

# readiness_probe <api port> [seconds]: the readiness answer, "<curl exit code> <HTTP code>" on the first line, the body
# after it (7 = connection refused: not listening yet)
readiness_probe() {
  local out rc=0
  out=$(curl -s --max-time "${2:-10}" -w '\n%{http_code}' "http://127.0.0.1:$(mgmt_port "$1")/actuator/health/readiness" 2>/dev/null) || rc=$?
  printf '%s %s\n%s\n' "$rc" "${out##*$'\n'}" "${out%$'\n'*}"
}

# service_ready <api port>: the service answers its readiness probe with 200
service_ready() { curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$(mgmt_port "$1")/actuator/health/readiness" 2>/dev/null; }

# start_jar [--detach] <log file> [VAR=value...] -- <java args...>: runs "$JAVA_HOME/bin/java <java args>" in the
# background with those environment settings, output to the log; sets STARTED_PID. --detach puts it in its own session
# (it outlives the shell that started it: ./waqup up); without it the caller stops it (bench scripts, an EXIT trap).
start_jar() {
  local detach=0 logfile envs=()
  if [ "$1" = --detach ]; then detach=1; shift; fi
  logfile=$1; shift
  while (($#)) && [ "$1" != -- ]; do envs+=("$1"); shift; done
  (($#)) && shift
  if [ $detach = 1 ]; then
    env ${envs[@]+"${envs[@]}"} setsid nohup "$JAVA_HOME/bin/java" "$@" </dev/null >"$logfile" 2>&1 &
  else
    env ${envs[@]+"${envs[@]}"} "$JAVA_HOME/bin/java" "$@" </dev/null >"$logfile" 2>&1 &
  fi
  STARTED_PID=$!
}

# stop_pids <seconds> <pid...>: TERM to each, waits up to <seconds> for all to exit, then KILL; prints the pids it had
# to kill (nothing when all stopped in time)
stop_pids() {
  local secs=$1 pid t alive=(); shift
  (($#)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  for ((t = 0; t < secs * 10; t++)); do
    alive=()
    for pid in "$@"; do process_alive "$pid" && alive+=("$pid"); done
    [ ${#alive[@]} -eq 0 ] && return 0
    sleep 0.1
  done
  kill -KILL "${alive[@]}" 2>/dev/null || true
  echo "${alive[*]}"
}
