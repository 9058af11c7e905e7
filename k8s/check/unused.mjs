// Finds values that no template uses: every leaf of values.yaml and values-prod.yaml is changed, and the chart must
// render differently (or refuse to render) because of it. A leaf nothing reads is a setting an operator would believe
// in for nothing.
//
//   node unused.mjs <helm> <chart dir>     exit 0 when every value is used, 1 otherwise (each unused value printed)
//
// values.yaml's leaves are tried on three renders (its own; with the Ingress, autoscaling and network policies all
// on; under values-prod.yaml), values-prod.yaml's under itself. Strings are first changed all at once to unique
// markers searched in the output (one render per layer); numbers, booleans and strings not found that way are
// changed one at a time. Empty lists and maps are "off" settings and are not tried.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";

const [helm, chart] = process.argv.slice(2);
if (!helm || !chart) {
  console.error("usage: node unused.mjs <helm> <chart dir>");
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "waqup-chart-unused-"));
let counter = 0;

function leaves(value, path = [], out = []) {
  if (Array.isArray(value)) value.forEach((item, i) => leaves(item, [...path, i], out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  else out.push(path);
  return out;
}
const get = (object, path) => path.reduce((o, k) => o[k], object);
function set(object, path, value) {
  const copy = structuredClone(object);
  get(copy, path.slice(0, -1))[path.at(-1)] = value;
  return copy;
}
const show = (path) => path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("").slice(1);
const mutated = (value) =>
  typeof value === "boolean" ? !value : typeof value === "number" ? value + 7 : value === null ? "zqnullq" : `${value}zq`;

// the rendered manifests, or null when helm refuses to render (the change was read: a template failed on it)
function render(args) {
  try {
    return execFileSync(helm, ["template", "waqup", chart, "--skip-schema-validation", ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    return null;
  }
}
function file(values) {
  const path = join(work, `values-${counter++}.yaml`);
  writeFileSync(path, stringify(values));
  return path;
}

function unusedOf(values, layers) {
  // layers: functions from a values file to helm's arguments
  let open = leaves(values);
  for (const layer of layers) {
    if (open.length === 0) break;
    const baseline = render(layer(file(values)));
    if (baseline === null) throw new Error(`the chart does not render: helm template ${layer("<values>").join(" ")}`);
    // strings: all at once, each to a unique marker
    const markers = new Map();
    let marked = values;
    for (const path of open) {
      if (typeof get(values, path) !== "string") continue;
      const marker = `zqm${markers.size}q`;
      markers.set(path, marker);
      marked = set(marked, path, marker);
    }
    const output = markers.size > 0 ? render(layer(file(marked))) : null;
    const stillOpen = [];
    for (const path of open) {
      if (output !== null && markers.has(path) && output.includes(markers.get(path))) continue;
      const changed = render(layer(file(set(values, path, mutated(get(values, path))))));
      if (changed === null || changed !== baseline) continue;
      stillOpen.push(path);
    }
    open = stillOpen;
  }
  return open.map(show);
}

const base = parse(readFileSync(join(chart, "values.yaml"), "utf8"));
const prod = parse(readFileSync(join(chart, "values-prod.yaml"), "utf8"));
const prodFile = join(chart, "values-prod.yaml");
const unused = [
  ...unusedOf(base, [
    (f) => ["-f", f],
    (f) => ["-f", f, "--set", "ingress.enabled=true,autoscaling.enabled=true,networkPolicy.enabled=true"],
    (f) => ["-f", f, "-f", prodFile],
  ]).map((p) => `values.yaml: ${p}`),
  ...unusedOf(prod, [(f) => ["-f", f]]).map((p) => `values-prod.yaml: ${p}`),
];
rmSync(work, { recursive: true, force: true });
if (unused.length > 0) {
  for (const value of unused) console.error(`  unused: ${value} (no template reads it)`);
  console.error(`chart check: ${unused.length} value(s) that no template uses`);
  process.exit(1);
}
console.log(`  every value of values.yaml and values-prod.yaml is used by a template`);
