#!/usr/bin/env bash
# Generation benchmark: time from confirm to ready, with the offline providers.
#
# For a 1-minute affirmation set and a 5-minute guided meditation, one person converses through the gateway to the
# Confirmation card, confirms (POST /api/v1/conversation/complete) and polls GET /api/v1/generations/{id} until the
# job is ready; the clock runs from the confirm to "ready". The item is then read from the library and its MP3
# downloaded through the pre-signed URL and measured with ffprobe, so every figure is a finished, playable item.
# Printed: confirm->ready per run, p50/max per case, the audio's duration and the render speed as a fraction of
# it (time to ready / audio duration). Target: the 5-minute meditation ready in under 15 s (printed, not asserted).
#
# Topology (JVMs on bench ports, their own database/vhost/Redis db/bucket "waqup_bench", see bench/lib.sh):
# gateway :18280 -> conversation :18282 -> content-generation :18283 (built-in composer) -> RabbitMQ ->
# audio-generation :18284 (Festival/espeak-ng + ffmpeg, upload to the local S3 server) -> content-generation -> ritual-library
# :18285; user-service :18281, credit-service :18286 (hold, capture).
#
# Usage: bench/generation.sh        Tunables (env): BENCH_RUNS (3 per case) BENCH_TARGET_S (15) BENCH_MAX_SECONDS (600)
#                                   BENCH_OUT (bench/.out) BENCH_PORT_BASE (18280) JAVA_HOME (yours; else Temurin 25; else java on PATH)
# Needs what ./waqup infra starts (PostgreSQL, Redis, RabbitMQ, the S3 server, espeak-ng, ffmpeg).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # ROOT, JAVA_HOME, JAVA, shared functions (scripts/lib.sh)

RUNS="${BENCH_RUNS:-3}"
TARGET_S="${BENCH_TARGET_S:-15}"
MAX_SECONDS="${BENCH_MAX_SECONDS:-600}"
BASE="${BENCH_PORT_BASE:-18280}"
OUT="${BENCH_OUT:-$ROOT/bench/.out}/generation"
JVM_OPTS=(-Xmx384m)
RATE_LIMIT="100000,200000"                     # replenish/s,burst of the bench's own gateway (the limiter still runs)
STARTUP_TIMEOUT=240                            # seconds per JVM (seven start at once on two cores)
MODULES=(user-service credit-service content-generation-service audio-generation-service ritual-library-service
  conversation-service gateway-service)
PORT_OF=([gateway-service]=$BASE [user-service]=$((BASE + 1)) [conversation-service]=$((BASE + 2))
  [content-generation-service]=$((BASE + 3)) [audio-generation-service]=$((BASE + 4))
  [ritual-library-service]=$((BASE + 5)) [credit-service]=$((BASE + 6)))

start_services() {
  local u="http://127.0.0.1" p
  local auth=(JWKS_URI="$u:${PORT_OF[user-service]}/.well-known/jwks.json"
    SERVICE_TOKEN_URI="$u:${PORT_OF[user-service]}/service-auth/token")
  local urls=()
  for p in user conversation content-generation audio-generation ritual-library credit; do
    local var; var="$(tr 'a-z-' 'A-Z_' <<<"$p")_SERVICE_URL"
    urls+=("$var=$u:${PORT_OF[$p-service]}")
  done
  START_AT=$SECONDS
  start_jvm user-service "${auth[@]}" "${urls[@]}"
  start_jvm credit-service "${auth[@]}"
  start_jvm content-generation-service "${auth[@]}" "${urls[@]}"
  start_jvm audio-generation-service "${auth[@]}"
  start_jvm ritual-library-service "${auth[@]}" "${urls[@]}"
  start_jvm conversation-service "${auth[@]}" "${urls[@]}"
  # the client polls the job every 50 ms: its own gateway's rate limits are raised so it is never refused (429)
  start_jvm gateway-service JWKS_URI="$u:${PORT_OF[user-service]}/.well-known/jwks.json" "${urls[@]}" \
    RATE_LIMIT_FREE="$RATE_LIMIT" RATE_LIMIT_PAID="$RATE_LIMIT" RATE_LIMIT_ANONYMOUS="$RATE_LIMIT" \
    -- --enable-native-access=ALL-UNNAMED
  wait_all_ready
}

report() {
  local raw="$OUT/generation-timing.txt" r
  echo
  echo "== confirm -> ready, offline providers (composer, espeak-ng, ffmpeg, local S3), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "   $(nproc) cores, loopback only; Java $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') ${JVM_OPTS[*]} per service;" \
    "load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
  echo "   $RUNS sequential runs per case; render = time to ready / the audio's duration (ffprobe of the stored MP3)"
  echo
  grep -v '^RESULT ' "$raw" | sed 's/^/   /'
  echo
  printf '   %-17s %6s %9s %9s %8s %8s %8s %-8s\n' case "runs" "p50 s" "max s" "audio s" render failed "<${TARGET_S}s"
  while read -r r; do
    printf '   %-17s %6s %9s %9s %8s %8s %8s %-8s\n' "$(field case "$r")" "$(field runs "$r")" "$(field ready_p50_s "$r")" \
      "$(field ready_max_s "$r")" "$(field audio_s "$r")" "$(field render_fraction "$r")" "$(field failures "$r")" \
      "$(field verdict "$r")"
  done < <(grep '^RESULT ' "$raw")
  echo
  echo "   raw output and service logs: $OUT"
}

main() {
  local started=$SECONDS
  mkdir -p "$OUT"
  rm -f "$OUT"/generation-timing.txt "$OUT"/report.txt
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  ensure_tools
  command -v ffprobe >/dev/null || die "ffprobe missing (./waqup infra installs ffmpeg)"
  ensure_jars
  ensure_ports_free
  isolate_bench_infra waqup_bench
  start_watchdog
  start_services
  log "measuring: $RUNS runs of each case"
  "$JAVA" "$ROOT/bench/GenerationTiming.java" --url "http://127.0.0.1:${PORT_OF[gateway-service]}" \
    --user-url "http://127.0.0.1:${PORT_OF[user-service]}" --credit-url "http://127.0.0.1:${PORT_OF[credit-service]}" \
    --runs "$RUNS" --target-s "$TARGET_S" --out "$OUT" >"$OUT/generation-timing.txt" 2>&1 \
    || die "GenerationTiming failed: $(tail -5 "$OUT/generation-timing.txt")"
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  stop_all
  report | tee "$OUT/report.txt"
  # the delivered 5-minute meditation (bed, pauses and all) heard by the recognizer, against its script
  if command -v pocketsphinx_continuous >/dev/null && [[ -f $OUT/practice-meditation-5min.mp3 ]]; then
    BENCH_OUT="$OUT" "$ROOT/bench/voice-quality.sh" practice "$OUT/practice-meditation-5min.mp3" \
      "$OUT/practice-meditation-5min.txt" | tee -a "$OUT/report.txt"
  fi
  log "done in $((SECONDS - started))s"
  ! grep -q 'failures=[1-9]' "$OUT/generation-timing.txt" || die "failed runs (see $OUT/generation-timing.txt)"
}

main "$@"
