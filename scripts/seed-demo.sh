#!/usr/bin/env bash
# Demo data for a running waQup (./waqup seed-demo; docs/running.md): a few creators, each making real practices
# exactly as a person does through the public API (start a conversation, answer, confirm, wait until it is ready),
# then packs from their own library items (free, one_time and subscription; tags that exercise the catalog's
# synonyms), published. Idempotent: an account, profile, practice or pack that is already there is reused, never
# made twice; the credits the practices cost are granted by the operator command (`./waqup admin grant-credits`,
# a one-off credit-service process), keyed so a rerun never grants twice.
#
# Needs: curl, jq, a running platform at WAQUP_GATEWAY_URL (default http://127.0.0.1:8080), the credit-service jar.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GW="${WAQUP_GATEWAY_URL:-http://127.0.0.1:8080}"
GW="${GW%/}"
GENERATION_TIMEOUT="${WAQUP_SEED_GENERATION_TIMEOUT:-240}"

log()  { printf '  %s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
fail() { printf 'seed-demo: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------
# The demo: creators (email|password|display name|bio), the practices each one asks for (what they say in the
# conversation), and their packs (title|description|price_type|price|interval|tags|item numbers, 1-based into
# their practices). Items are reused across a creator's packs. Tags are picked so that searching a synonym finds
# them (insomnia → sleep, worry → anxiety, concentration → focus, sunrise → morning, thankful → gratitude, ...).
# ---------------------------------------------------------------------------------------------------------
CREATORS=(
  "demo-mara@waqup.local|nightjar-lullaby-2026|Mara Ellison|Sleep coach and former night-shift nurse. Short, gentle practices for the hour before bed and the 3 a.m. wake-ups."
  "demo-theo@waqup.local|kestrel-sunrise-2026|Theo Okafor|Performance coach for founders and students: clear mornings, deep focus, steady energy without the caffeine crash."
  "demo-elodie@waqup.local|heron-still-water-2026|Élodie Marchand|Psychologue et prof de respiration. Calm for anxious minds: breathwork, grounding and kind self-talk."
  "demo-sam@waqup.local|finch-morning-song-2026|Sam Rivera|Gratitude and confidence practices for everyday courage, written with a lot of love."
)

PRACTICES_0=(
  "1 minute of affirmations for sleep, I can't switch off at night"
  "1 minute of affirmations to fall back asleep when I wake up at 3 am"
  "1 minute of affirmations to unwind in the evening after a hard shift"
)
PACKS_0=(
  "Deep Sleep Starter|Three short affirmations to quiet the mind at bedtime.|free|0||sleep,insomnia,bedtime|1,2"
  "The 3 a.m. Kit|For the wake-ups: settle, breathe, drift back.|one_time|4.99||sleep,night,relax|2,3"
  "Evening Unwind|Let the day go before bed.|free|0||evening,relaxation,unwind|3"
  "Sleep Club|Every new sleep practice, as it is made.|subscription|2.99|monthly|sleep,rest,bedtime,relax|1,2,3"
  "Night Shift Recovery|Rest for people who work while others sleep.|one_time|6.50||recovery,rest,sleep|1,3"
)

PRACTICES_1=(
  "1 minute of affirmations for focus before deep work in the morning"
  "1 minute of affirmations for energy and motivation when I wake up"
  "1 minute of affirmations to stay focused while studying for exams"
)
PACKS_1=(
  "Morning Ignition|Start the day clear and energized.|free|0||morning,energy,motivation|1,2"
  "Deep Work Primer|One minute before you open the laptop.|one_time|3.99||focus,productivity,clarity|1"
  "Exam Season|Concentration for long study days.|one_time|7.99||concentration,focus,study|3,1"
  "Founder Focus Club|Fresh focus and energy practices every month.|subscription|29.99|annual|focus,energy,productivity|1,2,3"
  "Sunrise Momentum|Wake up with intent.|free|0||sunrise,wake,vitality|2"
)

PRACTICES_2=(
  "1 minute of affirmations for anxiety, my heart races before meetings"
  "1 minute of affirmations to calm down when I panic"
  "1 minute of affirmations with breathing for stress at work"
)
PACKS_2=(
  "Calme intérieur|Apaiser l'anxiété en une minute.|free|0||anxiety,calm,méditation|1"
  "Panic Reset|Three steps back to calm when panic rises.|one_time|5.00||panic,anxiety,breathing|2,3"
  "Breathwork Basics|Breathe through stress, one minute at a time.|free|0||breath,breathwork,stress|3"
  "Calm Circle|A monthly dose of calm for anxious minds.|subscription|4.99|monthly|calm,worry,anxiety,mindfulness|1,2,3"
  "Meeting Nerves|Steady before you speak.|one_time|2.50||nervous,confidence,calm|1,2"
)

PRACTICES_3=(
  "1 minute of affirmations for gratitude in the morning"
  "1 minute of affirmations for confidence before I speak in public"
  "1 minute of affirmations for self love and kindness to myself"
)
PACKS_3=(
  "Thankful Mornings|Begin with what is good.|free|0||gratitude,thankful,morning|1"
  "Courage Daily|Everyday courage and self-esteem.|one_time|4.00||confidence,courage,empowerment|2"
  "Kindness to Self|Metta-style kindness, turned inward.|free|0||love,compassion,kindness,metta|3"
  "Grateful & Brave|Gratitude and confidence, together.|subscription|3.49|monthly|gratitude,confidence,appreciation|1,2,3"
)

# ---------------------------------------------------------------------------------------------------------
# HTTP: every call goes through the gateway; a 4xx/5xx stops the run with the error envelope.
# ---------------------------------------------------------------------------------------------------------
TOKEN=""
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# api METHOD PATH [JSON] → the body on stdout, the status in $WORK/code (http_code reads it, also after $(api ...));
# stops the run on a status outside the accepted ones (ACCEPT, default 200 201 202 204)
http_code() { cat "$WORK/code"; }
api() {
  local method=$1 path=$2 body=${3:-} out code
  local args=(-sS -X "$method" "$GW$path" -H 'Accept: application/json' -o "$WORK/body" -w '%{http_code}')
  [ -n "$TOKEN" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code=$(curl "${args[@]}") || fail "$method $path: no answer from $GW (is the platform up? ./waqup up)"
  out=$(cat "$WORK/body"); echo "$code" >"$WORK/code"
  if [[ " ${ACCEPT:-200 201 202 204} " != *" $code "* ]]; then
    fail "$method $path answered $code: $out"
  fi
  printf '%s' "$out"
}

pad() { # text width → the text padded to width characters (printf pads bytes: "Élodie" would fall short)
  printf '%s%*s' "$1" $(( $2 > ${#1} ? $2 - ${#1} : 0 )) ''
}

json_list() { # "a,b,c" → ["a","b","c"]
  jq -cn --arg s "$1" '$s | split(",") | map(select(length > 0))'
}

# ---------------------------------------------------------------------------------------------------------
# One creator: account, creator role, profile
# ---------------------------------------------------------------------------------------------------------
sign_in() { # email password → TOKEN, USER_ID
  local email=$1 password=$2 body creds
  creds=$(jq -cn --arg e "$email" --arg p "$password" '{email: $e, password: $p}')
  TOKEN=""
  body=$(ACCEPT="200 401" api POST /api/v1/auth/login "$creds")
  if [ "$(http_code)" = 401 ]; then
    body=$(ACCEPT="201 409" api POST /api/v1/auth/register "$creds")
    [ "$(http_code)" = 409 ] && fail "$email exists with another password: sign in as it and change it, or erase it"
    log "account $email created"
  else
    log "account $email exists: signed in"
  fi
  TOKEN=$(jq -r '.token' <<<"$body")
  USER_ID=$(jq -r '.user.id' <<<"$body")
}

become_creator() { # display name, bio
  local body
  body=$(api POST /api/v1/users/me/creator)
  TOKEN=$(jq -r '.token' <<<"$body")
  body=$(ACCEPT="200 404" api GET /api/v1/creators/me)
  local profile; profile=$(jq -cn --arg n "$1" --arg b "$2" '{display_name: $n, bio: $b}')
  if [ "$(http_code)" = 404 ] || [ "$(jq -r '.display_name' <<<"$body")" != "$1" ] || [ "$(jq -r '.bio' <<<"$body")" != "$2" ]; then
    api PUT /api/v1/creators/me "$profile" >/dev/null
    log "creator profile \"$1\" saved"
  else
    log "creator profile \"$1\" already there"
  fi
  CREATOR_ID=$(jq -r '.id' <<<"$(api GET /api/v1/creators/me)")
}

# ---------------------------------------------------------------------------------------------------------
# Practices: the creator's own ready items, made through the conversation when missing
# ---------------------------------------------------------------------------------------------------------
own_items() { # ids of the creator's own items (not pack copies), oldest first
  api GET "/api/v1/content?content_type=affirmation&limit=100" | jq -r '[.content_items[] | select(.pack_id == null)] | reverse | .[].id'
}

ensure_credits() { # needed credits for N practices
  local needed=$1 have key
  have=$(api GET /api/v1/credits/balance | jq -r '.balance')
  [ "$have" -ge "$needed" ] && return 0
  key="seed-demo:$USER_ID:$(( ITEM_COUNT ))"
  log "granting $(( needed - have )) credit(s) (operator command, a one-off credit-service process; key $key)"
  "$ROOT/waqup" admin grant-credits "$USER_ID" "$(( needed - have ))" "demo data (seed-demo)" "$key" >/dev/null \
    || fail "the credit grant failed (./waqup admin grant-credits)"
  have=$(api GET /api/v1/credits/balance | jq -r '.balance')
  [ "$have" -ge "$needed" ] || fail "still only $have credit(s) after the grant"
}

make_practice() { # what the creator says → prints the new item's id
  local said=$1 body session state turns=0 ritual status started
  body=$(api POST /api/v1/conversation/start '{"content_type":"affirmation"}')
  session=$(jq -r '.session_id' <<<"$body")
  body=$(api POST /api/v1/conversation/message "$(jq -cn --arg s "$session" --arg m "$said" '{session_id: $s, message: $m}')")
  state=$(jq -r '.state' <<<"$body")
  while [ "$state" != Confirmation ]; do
    turns=$((turns + 1)); [ $turns -le 8 ] || fail "no Confirmation after 9 turns (state $state)"
    body=$(api POST /api/v1/conversation/message "$(jq -cn --arg s "$session" '{session_id: $s, message: "you choose"}')")
    state=$(jq -r '.state' <<<"$body")
  done
  body=$(api POST /api/v1/conversation/complete "$(jq -cn --arg s "$session" '{session_id: $s, confirm: true}')")
  ritual=$(jq -r '.ritual_id' <<<"$body")
  started=$SECONDS
  while :; do
    status=$(api GET "/api/v1/generations/$ritual" | jq -r '.status')
    case "$status" in
      ready) break ;;
      failed) fail "the generation of \"$said\" failed: $(api GET "/api/v1/generations/$ritual")" ;;
    esac
    [ $((SECONDS - started)) -lt "$GENERATION_TIMEOUT" ] || fail "\"$said\" not ready after ${GENERATION_TIMEOUT}s ($status)"
    sleep 1
  done
  while ACCEPT="200 404" api GET "/api/v1/content/$ritual" >/dev/null; [ "$(http_code)" != 200 ]; do
    [ $((SECONDS - started)) -lt "$GENERATION_TIMEOUT" ] || fail "\"$said\" never reached the library"
    sleep 1
  done
  printf '%s' "$ritual"
}

# ---------------------------------------------------------------------------------------------------------
# Packs: found by title among the creator's packs; a draft left by an interrupted run is finished
# ---------------------------------------------------------------------------------------------------------
ensure_pack() { # spec, item ids (array name)
  local spec=$1; local -n items=$2
  local title desc ptype price interval tags nums
  IFS='|' read -r title desc ptype price interval tags nums <<<"$spec"
  local existing id status body ids=() n
  existing=$(api GET "/api/v1/creators/me/packs?limit=100" | jq -c --arg t "$title" '[.packs[] | select(.title == $t and .status != "archived")][0] // empty')
  if [ -n "$existing" ]; then
    id=$(jq -r '.id' <<<"$existing"); status=$(jq -r '.status' <<<"$existing")
  else
    body=$(jq -cn --arg t "$title" --arg d "$desc" --arg pt "$ptype" --argjson pa "$price" --arg i "$interval" \
      --argjson tags "$(json_list "$tags")" \
      '{title: $t, description: $d, price_type: $pt, price_amount: $pa, currency: "usd", tags: $tags}
       + (if $i == "" then {} else {subscription_interval: $i} end)')
    id=$(api POST /api/v1/creators/me/packs "$body" | jq -r '.id'); status=draft
  fi
  if [ "$status" = published ]; then
    SKIPPED=$((SKIPPED + 1)); log "pack \"$title\" already published"
  else
    IFS=',' read -r -a nums_a <<<"$nums"
    for n in "${nums_a[@]}"; do ids+=("${items[$((n - 1))]}"); done
    api PUT "/api/v1/creators/me/packs/$id/items" "$(printf '%s\n' "${ids[@]}" | jq -R . | jq -sc '{content_ids: .}')" >/dev/null
    api POST "/api/v1/creators/me/packs/$id/publish" >/dev/null
    MADE=$((MADE + 1)); log "pack \"$title\" published ($ptype${price:+ $price}, ${#ids[@]} item(s), tags $tags)"
  fi
  SUMMARY+=("$(pad "$CREATOR_NAME" 18) $(pad "$title" 24) $(pad "$ptype" 13) $GW/api/v1/catalog/packs/$id")
}

# ---------------------------------------------------------------------------------------------------------
main() {
  command -v jq >/dev/null || fail "jq is needed (apt-get install -y jq)"
  ACCEPT=200 api GET /actuator/health >/dev/null
  step "seeding demo data through $GW"
  MADE=0; SKIPPED=0; PRACTICES_MADE=0; SUMMARY=(); ACCOUNTS=()
  local i entry email password name bio
  for i in "${!CREATORS[@]}"; do
    IFS='|' read -r email password name bio <<<"${CREATORS[$i]}"
    CREATOR_NAME=$name
    step "creator $name"
    sign_in "$email" "$password"
    become_creator "$name" "$bio"
    local -n practices="PRACTICES_$i" packs="PACKS_$i"
    mapfile -t ITEMS < <(own_items)
    ITEM_COUNT=${#ITEMS[@]}
    local missing=$(( ${#practices[@]} - ITEM_COUNT ))
    if [ $missing -gt 0 ]; then
      ensure_credits "$missing"
      local k
      for (( k = ITEM_COUNT; k < ${#practices[@]}; k++ )); do
        log "practice: \"${practices[$k]}\" (conversation → confirm → generating)"
        local made; made=$(make_practice "${practices[$k]}")
        ITEMS+=("$made")
        PRACTICES_MADE=$((PRACTICES_MADE + 1))
        log "  ready: $(api GET "/api/v1/content/${ITEMS[$k]}" | jq -r '"\(.title) (\(.duration) s)"')"
      done
    else
      log "${ITEM_COUNT} practice(s) already in the library: reused"
    fi
    local spec
    for spec in "${packs[@]}"; do ensure_pack "$spec" ITEMS; done
    ACCOUNTS+=("$(pad "$name" 18) $(pad "$email" 26) $password")
    unset -n practices packs
  done

  step "done: $PRACTICES_MADE practice(s) generated, $MADE pack(s) published, $SKIPPED already there"
  printf '\n  %-18s %-24s %-13s %s\n' creator pack price_type "detail (signed in)"
  printf '  %s\n' "${SUMMARY[@]}"
  printf '\n  demo accounts (sign in on %s/):\n' "$GW"
  printf '  %s\n' "${ACCOUNTS[@]}"
  printf '\n  catalog: %s/api/v1/catalog/packs   (e.g. ?search=insomnia finds the sleep packs; the app: %s/)\n' "$GW" "$GW"
}

main "$@"
