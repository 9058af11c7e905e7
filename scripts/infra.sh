#!/usr/bin/env bash
# Local infrastructure for waQup on a machine without Docker (see docs/infra.md).
# Every function is idempotent: it checks first, installs or starts only what is missing.
# Sourced by ./waqup; can also be run directly: scripts/infra.sh [core|es|s3|tts|db|all|stop]
set -euo pipefail

WAQUP_ROOT="${WAQUP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# shellcheck source=scripts/lib.sh
source "$WAQUP_ROOT/scripts/lib.sh"   # JAVA_HOME, ports, pids, waiting, stopping
INFRA_HOME="${WAQUP_INFRA_HOME:-/opt/waqup}"          # downloaded distributions
INFRA_DATA="${WAQUP_INFRA_DATA:-/var/lib/waqup}"      # data, logs and pid files of the local infra
ES_VERSION="9.5.3"
S3PROXY_VERSION="4.1.0"
ES_PORT="${ES_PORT:-9200}"
S3_PORT="${S3_PORT:-9000}"

if [ -t 2 ]; then log() { printf '  \033[1m[infra]\033[0m %s\n' "$*" >&2; }; else log() { printf '  [infra] %s\n' "$*" >&2; }; fi

mvn_fetch() { # mvn_fetch <groupId:artifactId:version:type[:classifier]> <dir>
  mkdir -p "$2"
  # run outside the project (no pom in the working directory); the system Maven if present, else the wrapper's
  local mvn; mvn=$(command -v mvn || echo "$WAQUP_ROOT/mvnw")
  (cd "$2" && MAVEN_PROJECTBASEDIR="$WAQUP_ROOT" "$mvn" -q -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
     -Dartifact="$1" -DoutputDirectory="$2" -Dmdep.overWriteIfNewer=true)
}

ensure_core() {
  if ! port_open 5432; then
    log "starting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    wait_for 30 PostgreSQL port_open 5432
  fi
  if ! port_open 6379; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for 15 Redis port_open 6379
  fi
  if ! port_open 5672; then
    log "starting RabbitMQ"; rabbitmq-server -detached
    wait_for 60 RabbitMQ port_open 5672
  fi
}

ensure_db() { # the platform's database and the tests' database, and the tests' RabbitMQ vhost
  local db
  for db in waqup waqup_test; do
    if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      log "creating database $db"; psql -h 127.0.0.1 -U postgres -qc "create database $db"
    fi
  done
  # tests publish and consume on their own vhost, so a running platform never sees test events
  if command -v rabbitmqctl >/dev/null 2>&1 && ! rabbitmqctl -q list_vhosts 2>/dev/null | grep -qx waqup_test; then
    log "creating RabbitMQ vhost waqup_test"
    rabbitmqctl -q add_vhost waqup_test >/dev/null
    rabbitmqctl -q set_permissions -p waqup_test guest ".*" ".*" ".*" >/dev/null
  fi
}

apt_ready=""
apt_install() { # apt_install <command-to-check> <packages...>
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [ -z "$apt_ready" ]; then log "apt-get update"; DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; apt_ready=1; fi
  log "installing $*"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

apt_packages() { # apt_packages <packages...>: installs those not installed yet (for packages without a command)
  local p missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  if [ -z "$apt_ready" ]; then log "apt-get update"; DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; apt_ready=1; fi
  log "installing ${missing[*]}"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_tts() {
  apt_install espeak-ng espeak-ng
  apt_install ffmpeg ffmpeg
  # the offline voices (docs/audio.md): Festival with the HTS voice (the default, en-us-female) and Flite, whose rms
  # voice is the best measured male voice (en-us-male); espeak-ng speaks the rest and is the fallback for both
  apt_packages festival festvox-us-slt-hts festvox-kallpc16k flite   # kallpc16k: Festival's own default voice (a recommendation)
  # the offline recognizer of bench/voice-quality.sh and of the voice's intelligibility test
  apt_packages pocketsphinx pocketsphinx-en-us
}

ensure_es() {
  local home="$INFRA_HOME/elasticsearch-$ES_VERSION" data="$INFRA_DATA/es"
  if curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1; then return 0; fi
  if [ ! -x "$home/bin/elasticsearch" ]; then
    log "fetching Elasticsearch $ES_VERSION from Maven Central"
    mvn_fetch "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" "$INFRA_HOME/dl"
    (cd "$INFRA_HOME" && unzip -q -o "dl/elasticsearch-$ES_VERSION.zip")
  fi
  id esuser >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin esuser
  mkdir -p "$data/data" "$data/logs" "$data/run"
  rm -f "$data/run/es.pid"   # a dead process's pid file; Elasticsearch writes a new one
  chown -R esuser: "$home" "$data"
  chmod 755 "$INFRA_HOME" "$INFRA_DATA"
  log "starting Elasticsearch on :$ES_PORT"
  # in a session of its own (setsid), like the services: it outlives the terminal or job that ran `up`, whatever
  # signal that one's process group gets when it ends; its start-up chatter goes to a file, shown only on failure
  if ! setsid -w runuser -u esuser -- env -u JAVA_HOME ES_JAVA_HOME="$JAVA_HOME" ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$home/bin/elasticsearch" -d -p "$data/run/es.pid" -E discovery.type=single-node -E network.host=127.0.0.1 \
    -E http.port="$ES_PORT" -E xpack.security.enabled=false -E xpack.ml.enabled=false \
    -E path.data="$data/data" -E path.logs="$data/logs" </dev/null >"$data/logs/start.log" 2>&1 \
    || ! wait_for 120 Elasticsearch curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s"; then
    tail -n 20 "$data/logs/start.log" >&2
    log "Elasticsearch did not start; its logs: $data/logs"
    return 1
  fi
}

ensure_s3() {
  local jar="$INFRA_HOME/dl/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" data="$INFRA_DATA/s3"
  if port_open "$S3_PORT"; then return 0; fi
  if [ ! -f "$jar" ]; then
    log "fetching s3proxy $S3PROXY_VERSION from Maven Central"
    mvn_fetch "org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" "$INFRA_HOME/dl"
  fi
  mkdir -p "$data/objects"
  cat >"$data/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3_ACCESS_KEY:-local-identity}
s3proxy.credential=${S3_SECRET_KEY:-local-credential}
jclouds.provider=filesystem
jclouds.filesystem.basedir=$data/objects
CONF
  log "starting s3proxy on :$S3_PORT"
  # detached like the services (setsid: a session of its own, no terminal): it outlives whatever ran `up`
  setsid nohup "$JAVA_HOME/bin/java" -Xmx256m -jar "$jar" --properties "$data/s3proxy.conf" </dev/null >"$data/s3proxy.log" 2>&1 &
  echo $! >"$data/s3proxy.pid"
  if ! wait_for 60 s3proxy port_open "$S3_PORT"; then tail -n 20 "$data/s3proxy.log" >&2; return 1; fi
}

stop_pidfile() { # stop_pidfile <pid file> <name> <port> <command line word>: TERM, wait (bounded), else KILL
  local f=$1 name=$2 port=$3 word=$4 pid
  [ -f "$f" ] || return 0
  # only if that pid is still the process we started (a stale pid file may name an unrelated process now)
  pid=$(live_pid "$f" "$word")
  if [ -n "$pid" ]; then
    stop_pids 30 "$pid" >/dev/null
    wait_for 10 "$name to release port $port" eval '! port_open '"$port" || true
    log "stopped $name"
  fi
  rm -f "$f"
}

stop_es() { stop_pidfile "$INFRA_DATA/es/run/es.pid" Elasticsearch "$ES_PORT" org.elasticsearch; }
stop_s3() { stop_pidfile "$INFRA_DATA/s3/s3proxy.pid" s3proxy "$S3_PORT" s3proxy; }

stop_extra() { # stops what ensure_es / ensure_s3 started (never Postgres, Redis or RabbitMQ)
  stop_es
  stop_s3
}

ensure_all() { ensure_core; ensure_db; ensure_tts; ensure_s3; ensure_es; }

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-all}" in
    core) ensure_core ;; db) ensure_db ;; tts) ensure_tts ;; es) ensure_es ;; s3) ensure_s3 ;;
    all) ensure_all ;; stop) stop_extra ;;
    *) echo "usage: $0 [core|db|tts|es|s3|all|stop]" >&2; exit 2 ;;
  esac
fi
