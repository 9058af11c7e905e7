#!/usr/bin/env bash
# Voice quality benchmark: how intelligible each offline voice is, measured by a machine stand-in for the ear.
#
# Every passage of bench/voice-passages (affirmations, meditations, a ritual, written from the composer's phrase
# library, one segment a line) is spoken by every offline voice installed, the way audio-generation speaks it:
# sentence by sentence (Festival: one process per passage, each sentence its own utterance), at the voice's own rate
# (espeak-ng at the service's -s for the moderate pace). Each rendering is transcribed by pocketsphinx (its default US
# English model) and compared with the passage: word error rate (substitutions + deletions + insertions over the
# reference's words). Printed per voice: WER over the whole set (and the worst passage), words per minute of speech,
# render speed (synthesis time / audio duration) and the raw voice's loudness (EBU R128, before the service's chain).
#
# Usage: bench/voice-quality.sh                      every offline voice installed, over bench/voice-passages
#        bench/voice-quality.sh practice <mp3> <script>   the WER of a whole practice as the platform delivered it
#                                                    (the stored MP3: bed, pauses and all; the script: its text)
# Tunables (env): BENCH_VOICES (engine:voice list, default below) BENCH_OUT (bench/.out) BENCH_BAR (20, % for the
# default voice) BENCH_PRACTICE_BAR (30, %). Needs festival, festvox-us-slt-hts, festvox-kdlpc16k, espeak-ng, ffmpeg,
# pocketsphinx, pocketsphinx-en-us (./waqup infra installs them; flite is measured when installed).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT="${BENCH_OUT:-$ROOT/bench/.out}/voice-quality"
PASSAGES="$ROOT/bench/voice-passages"
BAR="${BENCH_BAR:-20}"
PRACTICE_BAR="${BENCH_PRACTICE_BAR:-30}"
DEFAULT_VOICE="festival:cmu_us_slt_arctic_hts"
VOICES=(${BENCH_VOICES:-festival:cmu_us_slt_arctic_hts festival:ked_diphone festival:kal_diphone flite:rms flite:slt
  flite:awb flite:kal16 espeak:en-us+f3 espeak:en-us+m3 espeak:en-gb+f2 espeak:en-gb+m3})
ESPEAK_RATE=115 # the service's -s for the moderate pace (130 wpm / rate factor 1.13, docs/audio.md)

now() { date +%s.%N; }

# word error rate of a hypothesis file against a reference file: prints "<errors> <reference words>"
wer() {
  awk '
    function norm(s) { s = tolower(s); gsub(/\047/, "", s); gsub(/[^a-z ]/, " ", s); return s }
    FNR == 1 { f++ }
    { n = split(norm($0), w, " "); for (i = 1; i <= n; i++) { if (f == 1) r[++R] = w[i]; else h[++H] = w[i] } }
    END {
      for (j = 0; j <= H; j++) prev[j] = j
      for (i = 1; i <= R; i++) {
        cur[0] = i
        for (j = 1; j <= H; j++) {
          c = prev[j - 1] + (r[i] != h[j]); d = prev[j] + 1; a = cur[j - 1] + 1
          cur[j] = c < d ? (c < a ? c : a) : (d < a ? d : a)
        }
        for (j = 0; j <= H; j++) prev[j] = cur[j]
      }
      print prev[H], R
    }' "$1" "$2"
}

transcribe() { pocketsphinx_continuous -infile "$1" -logfn /dev/null 2>/dev/null </dev/null; }

duration() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

# sentences of a passage, one a line, as the service splits its segments (after . ! ? ;)
sentences() { sed -E 's/([.!?;])[[:space:]]+([^[:space:]])/\1\n\2/g' "$1" | sed '/^[[:space:]]*$/d'; }

installed() { # installed <engine:voice>
  local engine=${1%%:*} voice=${1#*:}
  case $engine in
    festival) command -v festival >/dev/null && printf '(voice_%s)\n' "$voice" >"$OUT/probe.scm" \
      && festival --batch "$OUT/probe.scm" >/dev/null 2>&1 </dev/null ;;
    flite) command -v flite >/dev/null && flite -lv 2>/dev/null | tr ' ' '\n' | grep -qx "$voice" ;;
    espeak) command -v espeak-ng >/dev/null ;;
    *) return 1 ;;
  esac
}

# speak <engine:voice> <passage> <dir>: one WAV per sentence in <dir> (1.wav, 2.wav, ...)
speak() {
  local engine=${1%%:*} voice=${1#*:} i=0 line text
  mapfile -t lines < <(sentences "$2")
  case $engine in
    festival)
      {
        printf '(voice_%s)\n' "$voice"
        for line in "${lines[@]}"; do
          i=$((i + 1)); text=${line//\\/\\\\}; text=${text//\"/\\\"}
          printf '(utt.save.wave (utt.synth (Utterance Text "%s")) "%s/%d.wav" (quote riff))\n' "$text" "$3" "$i"
        done
      } >"$3/speak.scm"
      festival --batch "$3/speak.scm" >/dev/null 2>&1 </dev/null ;;
    *)
      for line in "${lines[@]}"; do
        i=$((i + 1)); printf '%s\n' "$line" >"$3/$i.txt"
        case $engine in
          flite) flite -voice "$voice" -f "$3/$i.txt" -o "$3/$i.wav" </dev/null ;;
          espeak) espeak-ng -v "$voice" -s "$ESPEAK_RATE" -w "$3/$i.wav" -f "$3/$i.txt" </dev/null ;;
        esac
      done ;;
  esac
}

# join <dir> <out.wav>: the sentences at 16 kHz with 0.6 s of silence after each (what the recognizer hears)
join_track() {
  local f list="$1/list"
  : >"$list"
  for f in $(ls "$1" | grep -E '^[0-9]+\.wav$' | sort -n); do
    ffmpeg -v error -nostdin -y -i "$1/$f" -af apad=pad_dur=0.6 -ar 16000 -ac 1 -c:a pcm_s16le "$1/p-$f"
    echo "file '$1/p-$f'" >>"$list"
  done
  ffmpeg -v error -nostdin -y -f concat -safe 0 -i "$list" -c copy "$2"
}

speech_seconds() { # the sum of the sentences' durations
  local f total=0
  for f in $(ls "$1" | grep -E '^[0-9]+\.wav$'); do total=$(awk -v a="$total" -v b="$(duration "$1/$f")" 'BEGIN { print a + b }'); done
  echo "$total"
}

loudness() { # "<integrated LUFS> <true peak dBTP>" of a file
  ffmpeg -hide_banner -nostats -nostdin -i "$1" -af ebur128=peak=true -f null - 2>&1 \
    | awk '/Integrated loudness:/ { f = 1 } f && /I:/ { i = $2 } /True peak:/ { t = 1 } t && /Peak:/ { p = $2 } END { print i, p }'
}

measure_voice() { # measure_voice <engine:voice>: one RESULT line
  local v=$1 p name d t0 t1 errors=0 words=0 spoken=0 render=0 worst=0 worst_name="" e n s lufs peak
  local all="$OUT/${v//[:+]/_}"
  rm -rf "$all"; mkdir -p "$all"
  for p in "$PASSAGES"/*.txt; do
    name=$(basename "$p" .txt); d="$all/$name"; mkdir -p "$d"
    t0=$(now); speak "$v" "$p" "$d"; t1=$(now)
    join_track "$d" "$d.wav"
    transcribe "$d.wav" >"$d.heard.txt"
    read -r e n < <(wer "$p" "$d.heard.txt")
    s=$(speech_seconds "$d")
    errors=$((errors + e)); words=$((words + n))
    spoken=$(awk -v a="$spoken" -v b="$s" 'BEGIN { print a + b }')
    render=$(awk -v a="$render" -v b="$t0" -v c="$t1" 'BEGIN { print a + c - b }')
    if ((e * 1000 / n > worst)); then worst=$((e * 1000 / n)); worst_name=$name; fi
    echo "$v $name: $e errors / $n words; heard: $(tr '\n' ' ' <"$d.heard.txt")"
  done
  read -r lufs peak < <(loudness "$all/$(basename "$(ls "$PASSAGES"/*.txt | head -1)" .txt).wav")
  awk -v v="$v" -v e="$errors" -v n="$words" -v s="$spoken" -v r="$render" -v w="$worst" -v wn="$worst_name" \
    -v l="$lufs" -v tp="$peak" 'BEGIN {
      printf "RESULT voice=%s wer_pct=%.1f errors=%d words=%d worst=%s:%.1f wpm=%.0f speech_s=%.1f render_s=%.1f render_x=%.3f lufs=%s tp=%s\n",
        v, 100 * e / n, e, n, wn, w / 10, 60 * n / s, s, r, r / s, l, tp }'
}

report() {
  local raw=$1 r
  echo
  echo "== offline voices: intelligibility (pocketsphinx, en-us default model) over $(ls "$PASSAGES"/*.txt | wc -l) passages," \
    "$(cat "$PASSAGES"/*.txt | wc -w) words, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "   $MACHINE"
  echo "   sentence by sentence as the service speaks; WER = (S + D + I) / reference words; wpm = words / seconds of speech;"
  echo "   render = synthesis time / audio duration; loudness of the raw voice (first passage), before the service's chain"
  echo
  printf '   %-32s %7s %-24s %5s %8s %8s %8s\n' voice "WER %" "worst passage (%)" wpm render LUFS dBTP
  while read -r r; do
    printf '   %-32s %7s %-24s %5s %8s %8s %8s\n' "$(field voice "$r")" "$(field wer_pct "$r")" "$(field worst "$r")" \
      "$(field wpm "$r")" "$(field render_x "$r")" "$(field lufs "$r")" "$(field tp "$r")"
  done < <(grep '^RESULT ' "$raw")
  echo
  local def; def=$(grep "^RESULT voice=$DEFAULT_VOICE " "$raw" || true)
  if [[ -n $def ]]; then
    awk -v w="$(field wer_pct "$def")" -v b="$BAR" -v v="$DEFAULT_VOICE" 'BEGIN {
      printf "   default voice %s: WER %s %% (bar %s %%): %s\n", v, w, b, (w <= b ? "PASS" : "FAIL") }'
  fi
  echo "   transcripts and audio: $OUT"
}

practice() { # practice <mp3> <script text>: the WER of a whole stored practice
  local mp3=$1 script=$2 e n
  [[ -f $mp3 && -f $script ]] || die "usage: $0 practice <mp3> <script.txt>"
  ffmpeg -v error -nostdin -y -i "$mp3" -ar 16000 -ac 1 -c:a pcm_s16le "$OUT/practice.wav"
  transcribe "$OUT/practice.wav" >"$OUT/practice.heard.txt"
  read -r e n < <(wer "$script" "$OUT/practice.heard.txt")
  {
    echo
    echo "== a whole practice as delivered: $(basename "$mp3"), $(duration "$mp3") s, $n script words, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "   $MACHINE"
    awk -v e="$e" -v n="$n" -v b="$PRACTICE_BAR" 'BEGIN { w = 100 * e / n;
      printf "   WER %.1f %% (%d errors / %d words; bar %s %%): %s\n", w, e, n, b, (w <= b ? "PASS" : "FAIL") }'
    echo "   heard: $OUT/practice.heard.txt"
  } | tee "$OUT/practice-report.txt"
}

main() {
  local started=$SECONDS v raw
  mkdir -p "$OUT"
  ensure_tools festival:festival espeak-ng:espeak-ng ffmpeg:ffmpeg pocketsphinx:pocketsphinx_continuous \
    pocketsphinx-en-us:pocketsphinx_continuous
  steal_mark
  if [[ ${1:-} == practice ]]; then
    MACHINE=$(machine_line)
    practice "${2:-}" "${3:-}"
    return
  fi
  raw="$OUT/voices.txt"
  : >"$raw"
  for v in "${VOICES[@]}"; do
    if ! installed "$v"; then echo "$v: not installed, left out" >>"$raw"; log "$v not installed, left out"; continue; fi
    log "measuring $v"
    measure_voice "$v" >>"$raw"
  done
  MACHINE=$(machine_line)
  report "$raw" | tee "$OUT/report.txt"
  log "done in $((SECONDS - started))s"
}

main "$@"
