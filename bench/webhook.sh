#!/usr/bin/env bash
# Webhook benchmark: Stripe-signed checkout.session.completed webhooks through the gateway, at a fixed rate, a share of
# them delivered twice (Stripe delivers at least once), against user-service, payment-service (offline sandbox, so
# the sandbox's webhook secret verifies them), ritual-library-service and the gateway, all started here.
#
# Measures, on this machine, over loopback only:
#   - p50/p95/p99 of "webhook delivered → access granted": from the first delivery of a session's event (the client's
#     wall clock) until ritual-library granted the buyer access (its pack_grant.granted_at, written in the granting
#     transaction, which commits milliseconds later); the path is gateway → payment-service (verify, store, 2xx) →
#     worker → payment row + outbox → RabbitMQ → ritual-library grant. Nothing is polled while webhooks are sent
#     (polling hundreds of pending sessions took CPU from the path it measured); afterwards every session must answer
#     has_access: true at ritual-library's /internal/packs/{pack}/access or count as missing;
#   - how fast the webhook itself is answered;
#   - double effects (must be 0): payments per session beyond one, webhook events stored beyond one per event id,
#     library grants beyond one per buyer, sessions paid but not granted. The script exits non-zero otherwise.
# The checkout sessions are written straight into payment's schema (the bench measures the webhook path, not
# checkout), for one one-time pack announced in pack_offer; buyers are random ids.
#
# Usage: bench/webhook.sh
# Tunables (env): BENCH_WEBHOOKS (1000 deliveries) BENCH_RATE (100 per second) BENCH_DUPLICATES (0.2)
#                 BENCH_WARMUP (20000 webhooks of other sessions first, at the same rate, not counted: the four JVMs'
#                 JIT compiles this path for ~3 minutes of such traffic (JFR: ~100 compilations a minute per JVM,
#                 fewer than 10 after ~14,000 webhooks), and a JVM still compiling takes CPU from the path measured)
#                 BENCH_DB (waqup_bench: database and RabbitMQ vhost of its own) BENCH_REDIS_DB (6)
#                 BENCH_PORT_BASE (21300: gateway +0, user +1, library +5, payment +9) BENCH_MGMT_OFFSET (50: each
#                 JVM's Actuator port is its port + this, so the run stays within base..base+99) BENCH_MAX_SECONDS (900)
#                 BENCH_OUT (bench/.out) JAVA_HOME
# Started JVMs are stopped on exit; logs and raw outputs stay in $BENCH_OUT/webhook.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

TOTAL="${BENCH_WEBHOOKS:-1000}"
RATE="${BENCH_RATE:-100}"
WARMUP="${BENCH_WARMUP:-20000}"
DUPLICATES="${BENCH_DUPLICATES:-0.2}"
DB="${BENCH_DB:-waqup_bench}"
BASE="${BENCH_PORT_BASE:-21300}"
MGMT_OFFSET="${BENCH_MGMT_OFFSET:-50}"
mgmt_port() { echo $(($1 + MGMT_OFFSET)); } # scripts/lib.sh's +1000, moved (start_jvm and readiness use it)
OUT="${BENCH_OUT:-$ROOT/bench/.out}/webhook"
MAX_SECONDS="${BENCH_MAX_SECONDS:-900}"
MODULES=(user-service ritual-library-service payment-service gateway-service)
PORT_OF=([gateway-service]=$BASE [user-service]=$((BASE + 1)) [ritual-library-service]=$((BASE + 5))
  [payment-service]=$((BASE + 9)))
JVM_OPTS=(-Xmx256m)
STARTUP_TIMEOUT=240
SECRET=whsec_waqup_local_sandbox                   # the sandbox's (payment-service's default without a Stripe key)
PG=(-h 127.0.0.1 -p 5432 -U postgres -d "$DB")
RUN="b$(date +%s)"
PACK=00000000-0000-4000-8000-0000000be7c4             # the one pack on sale

sql() { psql "${PG[@]}" -v ON_ERROR_STOP=1 -Atq "$@"; }

main() {
  local started=$SECONDS u=http://127.0.0.1 users library payment gateway unique token result
  mkdir -p "$OUT"
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  ensure_tools curl:curl postgresql-client:psql
  ensure_jars
  ensure_ports_free
  isolate_bench_infra "$DB"
  BENCH_ENV+=(REDIS_DATABASE="${BENCH_REDIS_DB:-6}")
  start_watchdog
  users="$u:${PORT_OF[user-service]}" library="$u:${PORT_OF[ritual-library-service]}"
  payment="$u:${PORT_OF[payment-service]}" gateway="$u:${PORT_OF[gateway-service]}"
  local identity=(JWKS_URI="$users/.well-known/jwks.json" SERVICE_TOKEN_URI="$users/service-auth/token" USER_SERVICE_URL="$users")
  START_AT=$SECONDS
  start_jvm user-service "${identity[@]}"
  start_jvm ritual-library-service "${identity[@]}"
  start_jvm payment-service "${identity[@]}" PAYMENTS_PUBLIC_URL="$gateway"
  start_jvm gateway-service "${identity[@]}" RITUAL_LIBRARY_SERVICE_URL="$library" PAYMENT_SERVICE_URL="$payment" \
    -- --enable-native-access=ALL-UNNAMED
  wait_all_ready

  # one pack on sale with three practices (ritual-library copies them into each buyer's library as it grants access),
  # and one open sandbox checkout session per unique event, each for a different buyer
  unique=$(awk -v t="$TOTAL" -v d="$DUPLICATES" 'BEGIN { printf "%d", t * (1 - d) + 0.5 }')
  sql >/dev/null <<SQL
insert into payment.pack_offer (pack_id, creator_id, revision, status, price_type, price_amount_minor, currency, title, updated_at)
values ('$PACK', '00000000-0000-4000-8000-00000000c7ea', 1, 'published', 'one_time', 100,
        'usd', 'Bench pack', now()) on conflict (pack_id) do nothing;
insert into library.pack (id, creator_id, revision, status, title, updated_at)
values ('$PACK', '00000000-0000-4000-8000-00000000c7ea', 1, 'published', 'Bench pack', now()) on conflict (id) do nothing;
insert into library.pack_item_version (pack_id, revision, item_id, position, title, content_type, practice_type, duration,
        tags, content_text, audio_key, audio_format, audio_size_bytes)
select '$PACK', 1, ('00000000-0000-4000-8000-0000000a000' || g)::uuid, g, 'Bench practice ' || g, 'guided_meditation',
       'guided_meditation', 300, '{sleep}', 'Breathe in slowly, and let the day go.', 'packs/$PACK/' || g || '/1.mp3', 'mp3', 4096
from generate_series(1, 3) g on conflict do nothing;
insert into payment.checkout_session (id, user_id, kind, pack_id, pack_revision, creator_id, title, price_type, amount_minor,
        currency, provider, checkout_url, success_url, cancel_url, status, attempt, created_at)
select 'cs_${RUN}_' || lpad(g::text, 6, '0'), gen_random_uuid(), 'pack', '$PACK', 1,
       '00000000-0000-4000-8000-00000000c7ea', 'Bench pack', 'one_time', 100, 'usd', 'sandbox', '$gateway/sandbox/checkout/x',
       '$gateway/', '$gateway/', 'open', 0, now()
from generate_series(1, $((unique + WARMUP))) g;
SQL
  sql -F, -c "select id, user_id, pack_id from payment.checkout_session where id like 'cs_${RUN}_%' order by id" >"$OUT/sessions.csv"
  token=$(service_token_for catalog-service ritual-library-service "$users")
  [[ -n $token ]] || die "no service token from user-service"

  log "sending $TOTAL webhooks ($unique unique) at $RATE/s through $gateway"
  local load_avg_before
  load_avg_before=$(cut -d' ' -f1-3 /proc/loadavg)
  steal_mark
  "$JAVA" "$ROOT/bench/WebhookLoad.java" --gateway "$gateway" --library "$library" --token "$token" --secret "$SECRET" \
    --sessions "$OUT/sessions.csv" --total "$TOTAL" --rate "$RATE" --duplicates "$DUPLICATES" --warmup "$WARMUP" --sent "$OUT/sent.csv" >"$OUT/load.txt" 2>&1 \
    || die "WebhookLoad failed: $(tail -5 "$OUT/load.txt")"
  result=$(grep '^RESULT ' "$OUT/load.txt") || die "no RESULT in $OUT/load.txt"
  sleep 2 # anything still in flight settles before counting

  # webhook -> access: each session's first delivery (the client's wall clock) to its grant's granted_at (ritual-library
  # writes it in the granting transaction, which commits milliseconds later); same machine, same clock
  sql -F'|' >"$OUT/latency.txt" <<SQL
create temp table sent (user_id uuid primary key, sent_us bigint not null);
\copy sent from '$OUT/sent.csv' with (format csv)
with l as (select (extract(epoch from g.granted_at) * 1000000 - s.sent_us) / 1000.0 as ms
           from sent s join library.pack_grant g on g.user_id = s.user_id and g.pack_id = '$PACK')
select count(*), (select count(*) from sent), round(percentile_disc(0.5) within group (order by ms)),
       round(percentile_disc(0.95) within group (order by ms)), round(percentile_disc(0.99) within group (order by ms)),
       round(max(ms)) from l;
SQL
  local granted sent_count p50 p95 p99 max_ms
  IFS='|' read -r granted sent_count p50 p95 p99 max_ms <"$OUT/latency.txt"

  sql -F'|' >"$OUT/effects.txt" <<SQL
select count(*) - count(distinct provider_reference), 'payments beyond one per session'
  from payment.payment where provider_reference like 'cs_${RUN}_%'
union all select count(*) - count(distinct id), 'webhook events stored beyond one per id'
  from payment.webhook_event where id like 'evt_bench_${RUN}_%'
union all select (select count(*) from library.pack_grant g join payment.checkout_session s on s.user_id = g.user_id
                  where s.id like 'cs_${RUN}_%') - (select count(distinct g.user_id) from library.pack_grant g
                  join payment.checkout_session s on s.user_id = g.user_id where s.id like 'cs_${RUN}_%'),
  'library grants beyond one per buyer'
union all select count(*), 'sessions paid but not granted'
  from payment.payment p where p.provider_reference like 'cs_${RUN}_%'
  and not exists (select 1 from library.pack_grant g where g.user_id = p.user_id and g.pack_id = p.pack_id);
SQL
  local doubles payments events
  doubles=$(awk -F'|' '{n += $1} END {print n + 0}' "$OUT/effects.txt")
  payments=$(sql -c "select count(*) from payment.payment where provider_reference like 'cs_${RUN}_%'")
  events=$(sql -c "select count(*) from payment.webhook_event where (id like 'evt_bench_${RUN}_%' or id like 'evt_warm_${RUN}_%') and handled_at is not null")
  {
    echo
    echo "== webhooks → access, through the gateway, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "   $(machine_line 2>/dev/null || nproc) ; load average before: $load_avg_before; JVMs ${JVM_OPTS[*]}"
    grep -E '^  ' "$OUT/load.txt" | sed 's/^/ /'
    echo "   webhook -> access granted: p50 ${p50} ms, p95 ${p95} ms, p99 ${p99} ms, max ${max_ms} ms ($granted of $sent_count)"
    echo "   payments $payments, webhook events handled $events (unique sent: $unique + $WARMUP warm-up)"
    awk -F'|' '{printf "     %6d  %s\n", $1, $2}' "$OUT/effects.txt"
    echo "   double effects: $doubles"
    echo "WEBHOOK deliveries=$TOTAL unique=$unique rate=$(field rate "$result") p50_ms=$p50" \
      "p95_ms=$p95 p99_ms=$p99 missing=$(field missing "$result")" \
      "ack_p95_ms=$(field ack_p95_ms "$result") non2xx=$(field non2xx "$result")" \
      "warmup_failures=$(field warmup_failures "$result") double_effects=$doubles"
  } | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ((doubles == 0)) || die "$doubles double effects"
  [[ $(field missing "$result") == 0 ]] || die "$(field missing "$result") sessions never became visible"
  local failed=$(($(field non2xx "$result") + $(field errors "$result") + $(field warmup_failures "$result")))
  ((failed == 0)) || die "$failed webhooks not answered 2xx (warm-up included)"
}

main "$@"
