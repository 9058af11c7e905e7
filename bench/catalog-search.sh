#!/usr/bin/env bash
# Catalog search benchmark.
#
# Measures through the gateway, on this machine and over loopback only, GET /api/v1/catalog/packs over a 10,000-pack
# index at 200 requests/s for 30 s each, open loop (bench/CatalogLoad.java: latency from the moment a request was due):
#   (a) "warm": 300 searches (one or two words, some with a price or tag filter) whose pages Redis already holds
#       (search:{hash}): Redis + PostgreSQL for the page's packs; target p95 <= 20 ms;
#   (b) "uncached": every request a search never asked before (two words and a page): Elasticsearch + PostgreSQL;
#       target p95 <= 60 ms.
# Targets are printed as PASS/MISS, never asserted. Before each phase a closed-loop warm-up (4 clients back to back)
# lets the JVMs compile their hot paths; "warm-cap" is that warm-up's throughput and service latency.
# The 10,000 packs (titles, descriptions, tags and creator names drawn from the domain's vocabulary, 1-5 items each)
# are seeded with SQL into the catalog's projection in a database of the benchmarks' own (waqup_bench, schema
# catalog, dropped on every run); the catalog then builds its index from the projection at start-up, exactly as it
# does for an empty alias (docs/catalog.md), under an index alias of its own (catalog-bench-packs).
#
# Topology (JVMs on bench ports): gateway-service :24280 (JWT check, Redis rate limiter raised so it never refuses,
# routing) -> catalog-service :24288 (Elasticsearch :9200) and user-service :24281 (JWKS, the benchmark's person).
#
# Usage: bench/catalog-search.sh
# Tunables (env): BENCH_PACKS (10000) BENCH_RATE (200) BENCH_SECONDS (30) BENCH_WARMUP (90) BENCH_WARM_QUERIES (300)
#                 BENCH_WARM_TARGET_MS (20) BENCH_UNCACHED_TARGET_MS (60) BENCH_REDIS_DB (9)
#                 BENCH_GATEWAY_PORT (24280) BENCH_USER_PORT (24281) BENCH_CATALOG_PORT (24288)
#                 BENCH_MGMT_OFFSET (1000: management port = API port + this) BENCH_DB (waqup_bench)
#                 BENCH_INDEX (catalog-bench-packs) BENCH_MAX_SECONDS (900) BENCH_OUT (bench/.out) JAVA_HOME (yours; else Temurin 25; else java on PATH)
# Started processes are stopped on exit; logs and raw outputs stay in $BENCH_OUT/catalog-search.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   # ROOT, JAVA_HOME, JAVA, shared functions (scripts/lib.sh)

PACKS="${BENCH_PACKS:-10000}"
RATE="${BENCH_RATE:-200}"
SECONDS_MEASURED="${BENCH_SECONDS:-30}"
WARMUP="${BENCH_WARMUP:-90}"   # seconds of closed-loop warm-up per phase: the gateway's JIT needs 80-100 s here
WARM_QUERIES="${BENCH_WARM_QUERIES:-300}"
WARM_TARGET_MS="${BENCH_WARM_TARGET_MS:-20}"
UNCACHED_TARGET_MS="${BENCH_UNCACHED_TARGET_MS:-60}"
REDIS_DB="${BENCH_REDIS_DB:-9}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-24280}"
USER_PORT="${BENCH_USER_PORT:-24281}"
CATALOG_PORT="${BENCH_CATALOG_PORT:-24288}"
MAX_SECONDS="${BENCH_MAX_SECONDS:-900}"
OUT="${BENCH_OUT:-$ROOT/bench/.out}/catalog-search"
ES="${ELASTICSEARCH_URIS:-http://127.0.0.1:9200}"
INDEX="${BENCH_INDEX:-catalog-bench-packs}"
DB="${BENCH_DB:-waqup_bench}"
PG=(-h 127.0.0.1 -p 5432 -U postgres)
JVM_OPTS=(-Xms512m -Xmx512m)
RATE_LIMIT="100000,200000"                     # replenish/s,burst: never refuses, the Redis script still runs
STARTUP_TIMEOUT=180
MODULES=(user-service catalog-service gateway-service)
PORT_OF=([gateway-service]=$GATEWAY_PORT [user-service]=$USER_PORT [catalog-service]=$CATALOG_PORT)
# the domain's vocabulary: titles, descriptions, tags and the searches are drawn from it
WORDS=(sleep rest calm anxiety worry focus concentration morning evening energy gratitude confidence breath breathing
  meditation mindfulness relax relaxation heal healing love kindness compassion grief stillness ocean forest mountain
  river rain walking body scan journey gentle deep quiet night sunrise dawn courage clarity balance release letting
  peace joy hope patience presence grounding nature silence stress focus study work creativity abundance)
NAMES=(Sarah Élodie Marcus Aiko Jonas Priya Mateo Ingrid Kofi Lucía Noah Zoë Ravi Hana Omar Chloé Felix Amara Yusuf Mira)

catalog_env() {
  local u="http://127.0.0.1"
  echo JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" SERVICE_TOKEN_URI="$u:$USER_PORT/service-auth/token" \
    REDIS_DATABASE="$REDIS_DB" CATALOG_INDEX="$INDEX" RITUAL_LIBRARY_SERVICE_URL="$u:9"
}

delete_bench_indices() {
  local name
  for name in $(curl -fsS "$ES/_cat/indices/$INDEX*?h=index" 2>/dev/null || true); do
    curl -fsS -o /dev/null -X DELETE "$ES/$name" || die "cannot delete the old bench index $name"
  done
}

start_services() {
  local u="http://127.0.0.1"
  isolate_bench_infra "$DB"
  PGOPTIONS="-c client_min_messages=warning" psql "${PG[@]}" -d "$DB" -qc "drop schema if exists catalog cascade" >/dev/null
  delete_bench_indices
  start_jvm user-service JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" SERVICE_TOKEN_URI="$u:$USER_PORT/service-auth/token" \
    REDIS_DATABASE="$REDIS_DB"
  # first start: Flyway creates the catalog schema (and an empty index); stopped, seeded, its index dropped, restarted:
  # the second start builds the index from the 10,000 packs
  # shellcheck disable=SC2046
  start_jvm catalog-service $(catalog_env)
  wait_ready user-service
  wait_ready catalog-service
  stop_pids 30 "${PID_OF[catalog-service]}" >/dev/null
  wait "${PID_OF[catalog-service]}" 2>/dev/null || true
  seed
  delete_bench_indices
  local t=$SECONDS
  # shellcheck disable=SC2046
  start_jvm catalog-service $(catalog_env)
  start_jvm gateway-service JWKS_URI="$u:$USER_PORT/.well-known/jwks.json" USER_SERVICE_URL="$u:$USER_PORT" \
    CATALOG_SERVICE_URL="$u:$CATALOG_PORT" RATE_LIMIT_FREE="$RATE_LIMIT" RATE_LIMIT_PAID="$RATE_LIMIT" \
    RATE_LIMIT_ANONYMOUS="$RATE_LIMIT" REDIS_DATABASE="$REDIS_DB" -- --enable-native-access=ALL-UNNAMED
  wait_all_ready
  local count
  count=$(curl -fsS "$ES/$INDEX/_count" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
  [[ $count == "$PACKS" ]] || die "the index holds ${count:-no} documents, expected $PACKS (see $OUT/catalog-service.log)"
  INDEX_SECONDS=$((SECONDS - t))
  log "index built from the projection: $count packs (catalog start + build ~${INDEX_SECONDS}s)"
}

seed() {
  local words names
  words="array[$(printf "'%s'," "${WORDS[@]}" | sed 's/,$//')]"
  names="array[$(printf "'%s'," "${NAMES[@]}" | sed 's/,$//')]"
  psql "${PG[@]}" -d "$DB" -v ON_ERROR_STOP=1 -q <<SQL
with w as (select $words as words, $names as names),
seeded as (
  select gen_random_uuid() as id, i, (select words from w) as ws, (select names from w) as ns,
         (random() * 1e6)::int as r1, (random() * 1e6)::int as r2, (random() * 1e6)::int as r3
  from generate_series(1, $PACKS) i)
insert into catalog.pack (id, revision, status, creator_id, creator_name, title, description, price_type,
    price_amount_minor, currency, subscription_interval, tags, published_at, rating_sum, review_count, updated_at)
select id, 1, 'published',
    ('00000000-0000-4000-8000-' || lpad(to_hex(1 + i % 200), 12, '0'))::uuid,
    ns[1 + i % array_length(ns, 1)] || ' ' || initcap(ws[1 + (i * 7) % array_length(ws, 1)]),
    initcap(ws[1 + r1 % array_length(ws, 1)]) || ' ' || initcap(ws[1 + r2 % array_length(ws, 1)]) || ' ' || (array['Journey', 'Pack', 'Series', 'Rituals', 'Practice'])[1 + i % 5],
    'Practices for ' || ws[1 + r2 % array_length(ws, 1)] || ' and ' || ws[1 + r3 % array_length(ws, 1)]
        || ', with gentle guidance for ' || ws[1 + (r1 + r3) % array_length(ws, 1)] || ' every day.',
    (array['free', 'one_time', 'subscription'])[1 + i % 3],
    case i % 3 when 0 then 0 when 1 then 199 + (i % 20) * 100 else 499 end, 'usd',
    case i % 3 when 2 then (array['monthly', 'annual'])[1 + i % 2] end,
    array[ws[1 + r1 % array_length(ws, 1)], ws[1 + r3 % array_length(ws, 1)]],
    now() - make_interval(mins => i), (r1 % 30) * (i % 4), (i % 4) * 6, now()
from seeded;
insert into catalog.pack_item (pack_id, item_id, position, title, duration, practice_type, content_type, tags)
select p.id, gen_random_uuid(), n, initcap(p.tags[1]) || ' practice ' || n, 300 + n * 60,
    (array['guided_meditation', 'affirmation', 'ritual'])[1 + n % 3], (array['guided_meditation', 'affirmation', 'ritual'])[1 + n % 3],
    p.tags
from catalog.pack p, generate_series(1, 1 + abs(hashtext(p.id::text)) % 5) n;
analyze catalog.pack;
analyze catalog.pack_item;
SQL
  printf '%s\n' "${WORDS[@]}" >"$OUT/words.txt"
  log "seeded $PACKS packs in $DB.catalog"
}

register() { # prints the access token of a new person
  local body
  body=$(curl -fsS -H 'Content-Type: application/json' -X POST "http://127.0.0.1:$GATEWAY_PORT/api/v1/auth/register" \
    -d "{\"email\":\"catalog-$(date +%s%N)@bench.waqup.local\",\"password\":\"Catalog-search-measure-5831\"}") \
    || die "registration through the gateway failed"
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$body"
}

cache_counters() {
  curl -fsS "http://127.0.0.1:$(mgmt_port "$CATALOG_PORT")/actuator/prometheus" | { grep -E '^waqup_cache_requests_total\{.*cache="search"' || true; } \
    | sed -n 's/.*result="\([a-z]*\)".* \([0-9.E]*\)$/\1=\2/p' | tr '\n' ' '
}

main() {
  local started=$SECONDS token raw="$OUT/catalog-load.txt"
  mkdir -p "$OUT"
  rm -f "$OUT"/catalog-load.txt "$OUT"/report.txt "$OUT"/words.txt
  trap stop_all EXIT
  trap 'exit 130' INT TERM
  ensure_tools curl:curl postgresql-client:psql
  psql "${PG[@]}" -d postgres -Atqc 'select 1' >/dev/null || die "PostgreSQL is not reachable on 127.0.0.1:5432"
  curl -fsS -o /dev/null "$ES/_cluster/health?wait_for_status=yellow&timeout=30s" || die "Elasticsearch is not reachable at $ES"
  ensure_jars
  ensure_ports_free
  start_watchdog
  start_services
  token=$(register)
  [[ -n $token ]] || die "no token in the registration answer"
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  steal_mark
  CACHE_BEFORE=$(cache_counters)
  "$JAVA" "$ROOT/bench/CatalogLoad.java" --url "http://127.0.0.1:$GATEWAY_PORT" --token "$token" --words "$OUT/words.txt" \
    --rate "$RATE" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --warm-queries "$WARM_QUERIES" \
    --warm-target-ms "$WARM_TARGET_MS" --uncached-target-ms "$UNCACHED_TARGET_MS" \
    --pids "gateway=${PID_OF[gateway-service]},catalog=${PID_OF[catalog-service]},redis=$(pgrep -xo redis-server || true),elasticsearch=$(pgrep -of org.elasticsearch.bootstrap.Elasticsearch || true)" \
    >"$raw" 2>&1 \
    || die "CatalogLoad failed: $(tail -5 "$raw")"
  CACHE_AFTER=$(cache_counters)
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
  MACHINE=$(machine_line)
  stop_all
  {
    echo
    echo "== catalog search through the gateway, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "   $MACHINE"
    echo "   loopback only; Java $("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p') ${JVM_OPTS[*]}" \
      "per service; gateway rate limits raised to $RATE_LIMIT (the Redis script still runs)"
    echo "   $PACKS packs (SQL seed in $DB.catalog), index $INDEX built from the projection at start (~${INDEX_SECONDS}s incl. start)"
    echo "   load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
    echo "   search cache counters before: ${CACHE_BEFORE:-none}; after: ${CACHE_AFTER:-none}"
    echo
    grep -v '^RESULT ' "$raw" | sed 's/^/   /'
    echo
    latency_table "$raw" target
    echo "   targets: warm p95 <= ${WARM_TARGET_MS} ms, uncached p95 <= ${UNCACHED_TARGET_MS} ms (printed, never asserted)"
  } | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
  ! grep -q 'RUN FAILED' "$OUT/report.txt" || die "errors during the measurements (see $raw)"
}

main "$@"
